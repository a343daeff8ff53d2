import type {
  Replica,
  ReplicaCatalog,
  Site,
  SiteCatalog,
  Transformation,
  TransformationCatalog,
  TransformationSite,
} from '../model/catalogs';
import { formatTransformationKey } from '../model/job';
import type { CatalogFiles, Workflow } from '../model/workflow';

/**
 * The catalogs the planner sees, merged as pegasus-plan merges them: entries embedded in the
 * workflow first, then catalog files adding only names not seen yet (CPlanner `loadSiteStore`,
 * PM-1515), and a `local` and a `condorpool` site created when missing
 * (`PegasusConfiguration.updateSiteStoreAndOptions`).
 */
export interface PlanCatalogs {
  sites: ReadonlyMap<string, Site>;
  /** Site names in catalog order (for the default `--sites`). */
  siteOrder: readonly string[];
  transformations: ReadonlyMap<string, Transformation>;
  replicas: ReplicaIndex;
  /** Sites created because the catalogs lacked them. */
  autoCreated: readonly string[];
}

/** Exact-LFN replicas in a map, regex replicas tried in order after it. */
export interface ReplicaIndex {
  exact: ReadonlyMap<string, Replica>;
  patterns: ReadonlyArray<{ regex: RegExp; replica: Replica }>;
}

/** One location of a file, resolved from the replica catalog. */
export interface ReplicaLocation {
  site: string;
  url: string;
  bytes?: number;
}

/**
 * Merges embedded and file catalogs and adds the default sites. `submitDir` is the absolute
 * submit directory: the auto-created `local` site keeps its scratch and output beside it,
 * in `wf-scratch/LOCAL` and `wf-output`. Cost: O(catalog entries).
 */
export function mergeCatalogs(workflow: Workflow, files: CatalogFiles, submitDir: string): PlanCatalogs {
  const sites = new Map<string, Site>();
  const siteOrder: string[] = [];
  for (const catalog of [workflow.siteCatalog, files.sites] as Array<SiteCatalog | undefined>) {
    for (const site of catalog?.sites ?? []) {
      if (sites.has(site.name)) continue;
      sites.set(site.name, site);
      siteOrder.push(site.name);
    }
  }
  const autoCreated: string[] = [];
  if (!sites.has('local')) {
    const parent = submitDir.replace(/\/+[^/]*\/*$/, '') || '/';
    const base = parent === '/' ? '' : parent;
    sites.set('local', {
      name: 'local',
      directories: [
        {
          type: 'sharedScratch',
          path: `${base}/wf-scratch/LOCAL`,
          fileServers: [{ url: `file://${base}/wf-scratch/LOCAL`, operation: 'all' }],
        },
        {
          type: 'localStorage',
          path: `${base}/wf-output`,
          fileServers: [{ url: `file://${base}/wf-output`, operation: 'all' }],
        },
      ],
    });
    siteOrder.push('local');
    autoCreated.push('local');
  }
  if (!sites.has('condorpool')) {
    sites.set('condorpool', { name: 'condorpool', directories: [], profiles: { pegasus: { style: 'condor' } } });
    siteOrder.push('condorpool');
    autoCreated.push('condorpool');
  }

  const transformations = new Map<string, Transformation>();
  for (const catalog of [workflow.transformationCatalog, files.transformations] as Array<
    TransformationCatalog | undefined
  >) {
    for (const tx of catalog?.transformations ?? []) {
      const key = formatTransformationKey(tx.namespace, tx.name, tx.version);
      if (!transformations.has(key)) transformations.set(key, tx);
    }
  }

  return {
    sites,
    siteOrder,
    transformations,
    replicas: indexReplicas([workflow.replicaCatalog, files.replicas]),
    autoCreated,
  };
}

function indexReplicas(catalogs: Array<ReplicaCatalog | undefined>): ReplicaIndex {
  const exact = new Map<string, Replica>();
  const patterns: Array<{ regex: RegExp; replica: Replica }> = [];
  for (const catalog of catalogs) {
    for (const replica of catalog?.replicas ?? []) {
      if (replica.regex) {
        try {
          patterns.push({ regex: new RegExp(`^(?:${replica.lfn})$`), replica });
        } catch {
          // An invalid pattern matches nothing; validation reports it.
        }
      } else if (!exact.has(replica.lfn)) exact.set(replica.lfn, replica);
    }
  }
  return { exact, patterns };
}

/**
 * Every location of `lfn` in the replica catalogs: exact entries, else the first regex entry
 * that matches the whole LFN, with `[n]` in its PFNs replaced by capture group n.
 * Cost: O(1) for exact LFNs, O(regex entries) otherwise.
 */
export function lookupReplicas(index: ReplicaIndex, lfn: string): ReplicaLocation[] {
  const exact = index.exact.get(lfn);
  if (exact) return exact.pfns.map((pfn) => ({ site: pfn.site, url: pfn.pfn, bytes: replicaSize(exact) }));
  for (const { regex, replica } of index.patterns) {
    const match = regex.exec(lfn);
    if (!match) continue;
    return replica.pfns.map((pfn) => ({
      site: pfn.site,
      url: pfn.pfn.replace(/\[(\d+)\]/g, (_, group: string) => match[Number(group)] ?? ''),
      bytes: replicaSize(replica),
    }));
  }
  return [];
}

function replicaSize(replica: Replica): number | undefined {
  const value = replica.metadata?.['size'];
  if (value === undefined) return undefined;
  const n = Number(typeof value === 'object' ? value.text : value);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** The TC entries of a transformation that let it run on `site`: installed there, or stageable from anywhere. */
export function entryForSite(tx: Transformation, site: string): TransformationSite | undefined {
  let stageable: TransformationSite | undefined;
  for (const entry of tx.sites) {
    if (entry.name === site) return entry;
    if (entry.type === 'stageable' && stageable === undefined) stageable = entry;
  }
  return stageable;
}

/** The URL of a site's directory of the given kind (first file server), or undefined. */
function directoryUrl(site: Site | undefined, kinds: readonly string[]): string | undefined {
  for (const kind of kinds) {
    const directory = site?.directories?.find((d) => d.type === kind);
    const server = directory?.fileServers.find((s) => s.operation !== 'get') ?? directory?.fileServers[0];
    if (server) return server.url.replace(/\/+$/, '');
    if (directory?.path) return `file://${directory.path.replace(/\/+$/, '')}`;
  }
  return undefined;
}

/** The workflow's scratch directory URL on a staging site: its shared scratch plus the relative dir. */
export function scratchUrl(catalogs: PlanCatalogs, site: string, relativeDir: string): string {
  const base = directoryUrl(catalogs.sites.get(site), ['sharedScratch', 'localScratch']) ?? `file:///scratch/${site}`;
  return `${base}/${relativeDir}`;
}

/** Where a staged-out file lands on an output site. */
export function outputUrl(catalogs: PlanCatalogs, site: string, lfn: string): string {
  const base = directoryUrl(catalogs.sites.get(site), ['sharedStorage', 'localStorage']) ?? `file:///storage/${site}`;
  return `${base}/${lfn}`;
}
