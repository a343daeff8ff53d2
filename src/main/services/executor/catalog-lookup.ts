import path from 'node:path';
import type { ComputeJob, Container, Profiles, Replica, ReplicaPfn, Site, Transformation, WorkflowBundle } from '../../../shared/model';

/**
 * Catalog look-ups for a local run. Embedded catalogs win over the files beside the workflow,
 * entry by entry, as pegasus-plan merges its site store (PM-1515).
 */
export class CatalogLookup {
  private readonly transformations: Transformation[];
  private readonly containers: Container[];
  private readonly replicas = new Map<string, Replica[]>();
  private readonly sites = new Map<string, Site>();

  constructor(bundle: WorkflowBundle, inheritedReplicas: readonly Replica[] = []) {
    const { workflow, catalogs } = bundle;
    this.transformations = [...(workflow.transformationCatalog?.transformations ?? []), ...(catalogs.transformations?.transformations ?? [])];
    this.containers = [...(workflow.transformationCatalog?.containers ?? []), ...(catalogs.transformations?.containers ?? [])];
    for (const replica of [
      ...(workflow.replicaCatalog?.replicas ?? []),
      ...(catalogs.replicas?.replicas ?? []),
      ...inheritedReplicas,
    ]) {
      if (replica.regex) continue;
      const list = this.replicas.get(replica.lfn);
      if (list) list.push(replica);
      else this.replicas.set(replica.lfn, [replica]);
    }
    for (const site of [...(workflow.siteCatalog?.sites ?? []), ...(catalogs.sites?.sites ?? [])]) {
      if (!this.sites.has(site.name)) this.sites.set(site.name, site);
    }
  }

  /**
   * The transformation a compute job runs: the exact `namespace::name:version` first, then an
   * entry whose parts the job leaves out.
   */
  transformation(job: ComputeJob): Transformation | undefined {
    const exact = this.transformations.find((t) => t.name === job.name && t.namespace === job.namespace && t.version === job.version);
    if (exact) return exact;
    return this.transformations.find(
      (t) => t.name === job.name && (job.namespace === undefined || t.namespace === job.namespace) && (job.version === undefined || t.version === job.version),
    );
  }

  container(name: string): Container | undefined {
    return this.containers.find((c) => c.name === name);
  }

  site(name: string): Site | undefined {
    return this.sites.get(name);
  }

  /** The sha256 a replica entry of the LFN declares, if any (what pegasus-integrity checks). */
  sha256(lfn: string): string | undefined {
    return (this.replicas.get(lfn) ?? []).find((replica) => replica.checksum?.sha256)?.checksum?.sha256;
  }

  /** Every PFN registered for an LFN (non-regex entries), in catalog order. */
  pfns(lfn: string): ReplicaPfn[] {
    return (this.replicas.get(lfn) ?? []).flatMap((replica) => replica.pfns);
  }
}

/**
 * The local path of a PFN, or `undefined` when it is not on this machine: `file://` URLs at
 * any site, plain absolute paths at site `local`, and (unlike pegasus-plan, which wants
 * absolute paths) relative paths at site `local`, resolved against the workflow's directory.
 */
export function localPath(pfn: string, site: string, baseDir: string): string | undefined {
  if (pfn.startsWith('file://')) {
    try {
      return decodeURIComponent(new URL(pfn).pathname);
    } catch {
      return undefined;
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(pfn)) return undefined;
  if (site !== 'local' && site !== 'condorpool') return undefined;
  return path.isAbsolute(pfn) ? pfn : path.resolve(baseDir, pfn);
}

/**
 * Profiles of a job merged the way pegasus-plan merges them: transformation catalog over site
 * catalog over job (configuration.rst, "profile priority"). Later sources win key by key.
 */
export function mergeProfiles(...layers: ReadonlyArray<Profiles | undefined>): Profiles {
  const merged: Profiles = {};
  for (const layer of layers) {
    if (!layer) continue;
    for (const [namespace, entries] of Object.entries(layer)) {
      if (namespace === 'extra' || !entries) continue;
      const key = namespace as Exclude<keyof Profiles, 'extra'>;
      merged[key] = { ...(merged[key] ?? {}), ...(entries as Record<string, never>) };
    }
  }
  return merged;
}
