import { forEachFileRole } from '../infer';
import type { Workflow } from '../model/workflow';
import { scratchUrl, type PlanCatalogs } from './catalogs';
import { extendState, longestPathLevels, stateDag, topologicalOrder } from './graph-utils';
import type { PlanJob, PlanState } from './types';

/** Jobs on one level of one staging site per in-place cleanup job. */
const JOBS_PER_CLEANUP_JOB = 5;

/**
 * In-place cleanup (`refiner/cleanup/InPlace.java`, the pegasus-plan default): every file in a
 * staging site's scratch directory is deleted as soon as no job needs it. A file's users are
 * the jobs that read or write it on that site, the transfer jobs that bring it there, and the
 * inter-site and stage-out jobs that take it away; its cleanup job is a child of all of them
 * and sits on the level of its deepest user. Per staging site and level there are
 * ⌈jobs there / 5⌉ cleanup jobs `clean_up_<site>_level_<L>_<n>`, files dealt round robin.
 *
 * pegasus-plan turns this off in hierarchical workflows (the caller checks that).
 * Cost: O(jobs + uses + transfers + edges).
 */
export function addInPlaceCleanup(
  state: PlanState,
  workflow: Workflow,
  catalogs: PlanCatalogs,
  relativeDir: string,
): PlanState {
  const dag = stateDag(state);
  const order = topologicalOrder(dag);
  if (!order) return state;
  const level = longestPathLevels(dag, order);

  // Files are numbered per (staging site, LFN); each use is a (file, job) pair in flat arrays,
  // so a 10^5-job workflow makes no per-file arrays or sets. Duplicate edges are merged later.
  const fileIds = new Map<string, Map<string, number>>();
  const fileSite: string[] = [];
  const fileLfn: string[] = [];
  const useFile: number[] = [];
  const useJob: number[] = [];
  const use = (lfn: string, site: string, job: number): void => {
    let bySite = fileIds.get(site);
    if (!bySite) fileIds.set(site, (bySite = new Map()));
    let id = bySite.get(lfn);
    if (id === undefined) {
      id = fileLfn.length;
      bySite.set(lfn, id);
      fileSite.push(site);
      fileLfn.push(lfn);
    }
    useFile.push(id);
    useJob.push(job);
  };
  state.jobs.forEach((job, index) => {
    if (job.stagingSite === undefined) return;
    const site = job.stagingSite;
    switch (job.kind) {
      case 'compute':
      case 'cluster':
      case 'dax':
      case 'dag':
        for (const task of job.tasks) forEachFileRole(workflow.jobs[task]!, (lfn) => use(lfn, site, index));
        for (const exe of job.executables ?? []) use(exe.lfn, site, index);
        break;
      case 'stage-in':
        for (const t of job.transfers ?? []) use(t.lfn, t.destination.site, index);
        break;
      case 'inter-site':
        // It reads the file on the producer's site and writes it on the consumer's: a user of both.
        for (const t of job.transfers ?? []) {
          use(t.lfn, t.source.site, index);
          use(t.lfn, t.destination.site, index);
        }
        break;
      case 'stage-out':
        for (const t of job.transfers ?? []) use(t.lfn, t.source.site, index);
        break;
      default:
        break;
    }
  });

  const fileCount = fileLfn.length;
  const deepest = new Uint32Array(fileCount);
  for (let u = 0; u < useFile.length; u++) {
    const f = useFile[u]!;
    const l = level[useJob[u]!]!;
    if (l > deepest[f]!) deepest[f] = l;
  }

  const jobsAt = new Map<string, Map<number, number>>();
  state.jobs.forEach((job, index) => {
    if (job.stagingSite === undefined || job.kind === 'create-dir') return;
    let bySite = jobsAt.get(job.stagingSite);
    if (!bySite) jobsAt.set(job.stagingSite, (bySite = new Map()));
    bySite.set(level[index]!, (bySite.get(level[index]!) ?? 0) + 1);
  });

  interface Bucket {
    count: number;
    next: number;
    slots: number[];
  }
  const buckets = new Map<string, Map<number, Bucket>>();
  const jobs: Array<PlanJob & { cleanupFiles: string[] }> = [];
  const cleanupOf = new Int32Array(fileCount);
  for (let f = 0; f < fileCount; f++) {
    const site = fileSite[f]!;
    const lfn = fileLfn[f]!;
    const at = deepest[f]!;
    let bySite = buckets.get(site);
    if (!bySite) buckets.set(site, (bySite = new Map()));
    let bucket = bySite.get(at);
    if (!bucket) {
      bucket = {
        count: Math.max(1, Math.ceil((jobsAt.get(site)?.get(at) ?? 1) / JOBS_PER_CLEANUP_JOB)),
        next: 0,
        slots: [],
      };
      bySite.set(at, bucket);
    }
    const slot = bucket.next++ % bucket.count;
    let local = bucket.slots[slot];
    if (local === undefined) {
      local = bucket.slots[slot] = jobs.length;
      jobs.push({
        name: `clean_up_${site}_level_${at}_${slot}`,
        kind: 'cleanup',
        site: 'local',
        stagingSite: site,
        level: at,
        tasks: [],
        transformation: 'pegasus::cleanup',
        category: 'cleanup',
        directory: { site, url: scratchUrl(catalogs, site, relativeDir) },
        cleanupFiles: [],
      });
    }
    jobs[local]!.cleanupFiles.push(lfn);
    cleanupOf[f] = local;
  }

  const edgeFrom: number[] = new Array<number>(useFile.length);
  const edgeTo: number[] = new Array<number>(useFile.length);
  for (let u = 0; u < useFile.length; u++) {
    edgeFrom[u] = useJob[u]!;
    edgeTo[u] = state.jobs.length + cleanupOf[useFile[u]!]!;
  }
  return extendState(state, jobs, edgeFrom, edgeTo);
}
