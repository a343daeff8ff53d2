import type { Transformation, TransformationCatalog } from './catalogs';
import { transformationKey, type Job } from './job';
import type { Profiles } from './profiles';
import { scalarNumber } from './scalar';

/** What a job asks of a machine, from its `pegasus` profiles. Absent values are unknown. */
export interface JobResources {
  cores?: number;
  gpus?: number;
  /** MB. */
  memoryMb?: number;
  /** MB. */
  diskMb?: number;
  /** Seconds. */
  runtimeS?: number;
}

/**
 * Index of a transformation catalog by `ns::name:version` key, and by bare name for jobs that
 * give no namespace or version. Cost: O(transformations).
 */
export function indexTransformations(catalog: TransformationCatalog | undefined): Map<string, Transformation> {
  const index = new Map<string, Transformation>();
  for (const tx of catalog?.transformations ?? []) {
    const key = `${tx.namespace ? `${tx.namespace}::` : ''}${tx.name}${tx.version ? `:${tx.version}` : ''}`;
    index.set(key, tx);
    if (!index.has(tx.name)) index.set(tx.name, tx);
  }
  return index;
}

function pegasusNumber(profiles: Profiles | undefined, key: string): number | undefined {
  const value = scalarNumber(profiles?.pegasus?.[key]);
  return value !== undefined && value >= 0 ? value : undefined;
}

/**
 * A job's resource requests with Pegasus's precedence for the keys a job and its
 * transformation both set: the transformation catalog wins over the job (pegasus.md §3.2).
 * Site profiles are left to the planner, which knows the site. Cost: O(1) with an index.
 */
export function jobResources(job: Job, transformations: Map<string, Transformation>): JobResources {
  const tx = job.type === 'job' ? (transformations.get(transformationKey(job)) ?? transformations.get(job.name)) : undefined;
  const read = (key: string) => pegasusNumber(tx?.profiles, key) ?? pegasusNumber(job.profiles, key);
  const resources: JobResources = {};
  const cores = read('cores');
  const gpus = read('gpus');
  const memoryMb = read('memory');
  const diskMb = read('diskspace');
  const runtimeS = read('runtime');
  if (cores !== undefined) resources.cores = cores;
  if (gpus !== undefined) resources.gpus = gpus;
  if (memoryMb !== undefined) resources.memoryMb = memoryMb;
  if (diskMb !== undefined) resources.diskMb = diskMb;
  if (runtimeS !== undefined) resources.runtimeS = runtimeS;
  return resources;
}
