import type { Replica } from '../model/catalogs';
import type { WorkflowBundle } from '../model/workflow';
import { translateJavaRegex } from './java-regex';

/** A regex replica entry that could not be translated: it is assumed to match. */
export interface UncheckableReplica {
  readonly lfn: string;
  readonly reason: string;
}

/**
 * Answers "does some replica provide this LFN?" over the embedded replica catalog and the
 * replica catalog file, as pegasus-plan consults both. Plain entries are a hash lookup;
 * regex entries (`regex: true`) are Java patterns matched against the whole name.
 * Cost: O(replicas) to build; a lookup is O(1) plus O(regex entries) for names not found,
 * memoized per name.
 */
export class ReplicaIndex {
  private readonly exact = new Set<string>();
  private readonly patterns: RegExp[] = [];
  private readonly cache = new Map<string, boolean>();
  /** Regex entries the index cannot check; while any exists, every name counts as provided. */
  readonly uncheckable: UncheckableReplica[] = [];

  constructor(bundle: WorkflowBundle) {
    const sources: Array<readonly Replica[] | undefined> = [
      bundle.workflow.replicaCatalog?.replicas,
      bundle.catalogs.replicas?.replicas,
    ];
    for (const replicas of sources) {
      for (const replica of replicas ?? []) {
        if (!replica.regex) {
          this.exact.add(replica.lfn);
          continue;
        }
        const translated = translateJavaRegex(replica.lfn);
        if (translated.ok) this.patterns.push(translated.regex);
        else this.uncheckable.push({ lfn: replica.lfn, reason: translated.reason });
      }
    }
  }

  /** True when a replica entry provides `lfn` (or an uncheckable regex entry might). */
  provides(lfn: string): boolean {
    if (this.exact.has(lfn) || this.uncheckable.length > 0) return true;
    if (this.patterns.length === 0) return false;
    let known = this.cache.get(lfn);
    if (known === undefined) {
      known = this.patterns.some((pattern) => pattern.test(lfn));
      this.cache.set(lfn, known);
    }
    return known;
  }

  /** Every `pfn` the catalogs give for `lfn` (plain entries only). */
  static pfnsOf(bundle: WorkflowBundle, lfn: string): string[] {
    const pfns: string[] = [];
    for (const catalog of [bundle.workflow.replicaCatalog, bundle.catalogs.replicas]) {
      for (const replica of catalog?.replicas ?? []) {
        if (!replica.regex && replica.lfn === lfn) for (const pfn of replica.pfns) pfns.push(pfn.pfn);
      }
    }
    return pfns;
  }
}
