import type { Diagnostic } from '../model/diagnostic';

/** A diagnostic with a key that stays the same for as long as the diagnostic does. */
export interface KeyedDiagnostic {
  readonly key: string;
  readonly diagnostic: Diagnostic;
}

/**
 * What one patch changed: keys of diagnostics that are gone, and the new ones. A diagnostic
 * that survives an edit keeps its key and appears in neither list, so a view updates only
 * what changed.
 */
export interface DiagnosticsDelta {
  readonly removed: readonly string[];
  readonly added: readonly KeyedDiagnostic[];
}

/** Code, severity, message and target as one string: two diagnostics are the same when these are. Cost: O(message). */
export function diagnosticSignature(d: Diagnostic): string {
  return `${d.code}\u0000${d.severity}\u0000${d.message}\u0000${d.target ? JSON.stringify(d.target) : ''}`;
}

interface Entry {
  /** Changed only by `takeDelta`, when an equal diagnostic takes over the key of one that went. */
  key: string;
  readonly signature: string;
  readonly diagnostic: Diagnostic;
}

/**
 * Diagnostics stored by the group of inputs they come from (a job, a file, an id, …), with
 * a running delta. Replacing a group keeps the key of every diagnostic that is still there
 * (matched by {@link diagnosticSignature}) and records the rest as removed or added; a key
 * added and removed within one delta cancels out. Cost: O(size of the group) per replacement.
 */
export class DiagnosticGroups {
  private readonly groups = new Map<string, Entry[]>();
  private count = 0;
  private nextKey = 0;
  private removed: Array<{ readonly key: string; readonly signature: string }> = [];
  private added = new Map<string, Entry>();
  /** While rebuilding: keys of the previous diagnostics by signature, reused for equal ones. */
  private reusable: Map<string, string[]> | undefined;

  /** Number of diagnostics stored. */
  get size(): number {
    return this.count;
  }

  /** Replaces the diagnostics of `group` (the array is copied, so a scratch array may be passed). */
  set(group: string, diagnostics: readonly Diagnostic[]): void {
    const old = this.groups.get(group);
    if (!old) {
      if (diagnostics.length === 0) return;
      const entries = diagnostics.map((diagnostic) => this.fresh(diagnostic, diagnosticSignature(diagnostic)));
      this.groups.set(group, entries);
      this.count += entries.length;
      return;
    }
    const signatures = diagnostics.map(diagnosticSignature);
    if (signatures.length === old.length && signatures.every((s, i) => s === old[i]!.signature)) return;
    const bySignature = new Map<string, Entry[]>();
    for (const entry of old) {
      const list = bySignature.get(entry.signature);
      if (list) list.push(entry);
      else bySignature.set(entry.signature, [entry]);
    }
    const entries: Entry[] = [];
    for (let i = 0; i < diagnostics.length; i++) {
      const kept = bySignature.get(signatures[i]!)?.pop();
      entries.push(kept ?? this.fresh(diagnostics[i]!, signatures[i]!));
    }
    for (const list of bySignature.values()) for (const entry of list) this.drop(entry);
    this.count += entries.length - old.length;
    if (entries.length === 0) this.groups.delete(group);
    else this.groups.set(group, entries);
  }

  /** Removes `group` and its diagnostics. */
  delete(group: string): void {
    const old = this.groups.get(group);
    if (!old) return;
    for (const entry of old) this.drop(entry);
    this.count -= old.length;
    this.groups.delete(group);
  }

  /** True when `group` holds at least one diagnostic. */
  has(group: string): boolean {
    return this.groups.has(group);
  }

  /**
   * Starts computing every group again from nothing: until {@link endRebuild}, a diagnostic
   * equal to one stored before gets its old key back. Cost: O(diagnostics).
   */
  beginRebuild(): void {
    const reusable = new Map<string, string[]>();
    for (const entries of this.groups.values()) {
      for (const entry of entries) {
        const list = reusable.get(entry.signature);
        if (list) list.push(entry.key);
        else reusable.set(entry.signature, [entry.key]);
      }
    }
    this.groups.clear();
    this.count = 0;
    this.reusable = reusable;
  }

  /** Ends a rebuild: the previous diagnostics no group produced again are removed. */
  endRebuild(): void {
    const reusable = this.reusable;
    this.reusable = undefined;
    if (!reusable) return;
    for (const [signature, keys] of reusable) for (const key of keys) this.drop({ key, signature });
  }

  /**
   * The changes since the last call. A diagnostic that went and came back equal within the
   * delta (a job replaced by an edit that did not change this problem) keeps its old key and
   * appears in neither list. Cost: O(changes).
   */
  takeDelta(): DiagnosticsDelta {
    let removed = this.removed;
    const added = [...this.added.values()];
    this.removed = [];
    this.added = new Map();
    if (removed.length > 0 && added.length > 0) {
      const gone = new Map<string, string[]>();
      for (const { key, signature } of removed) {
        const list = gone.get(signature);
        if (list) list.push(key);
        else gone.set(signature, [key]);
      }
      const revived = new Set<string>();
      for (const entry of added) {
        const key = gone.get(entry.signature)?.pop();
        if (key === undefined) continue;
        entry.key = key;
        revived.add(key);
      }
      if (revived.size > 0) removed = removed.filter(({ key }) => !revived.has(key));
      return {
        removed: removed.map(({ key }) => key),
        added: added.filter((entry) => !revived.has(entry.key)).map(({ key, diagnostic }) => ({ key, diagnostic })),
      };
    }
    return { removed: removed.map(({ key }) => key), added: added.map(({ key, diagnostic }) => ({ key, diagnostic })) };
  }

  /** Every stored diagnostic with its key (group order, not canonical). Cost: O(diagnostics). */
  all(): KeyedDiagnostic[] {
    const result: KeyedDiagnostic[] = [];
    for (const entries of this.groups.values())
      for (const { key, diagnostic } of entries) result.push({ key, diagnostic });
    return result;
  }

  private fresh(diagnostic: Diagnostic, signature: string): Entry {
    const reused = this.reusable?.get(signature)?.pop();
    if (reused !== undefined) return { key: reused, signature, diagnostic };
    const entry: Entry = { key: (this.nextKey++).toString(36), signature, diagnostic };
    this.added.set(entry.key, entry);
    return entry;
  }

  private drop(entry: { readonly key: string; readonly signature: string }): void {
    if (!this.added.delete(entry.key)) this.removed.push(entry);
  }
}
