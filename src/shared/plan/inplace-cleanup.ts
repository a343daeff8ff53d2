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
 * the jobs that read or write it on that site, the transfer jobs that bring it there and the
 * stage-out jobs that take it away; its cleanup job is a child of all of them, and sits on the
 * level of its deepest user. Per staging site and level there are ⌈jobs there / 5⌉ cleanup
 * jobs `clean_up_<site>_level_<L>_<n>`, files dealt round robin.
 *
 * pegasus-plan turns this off in hierarchical workflows (the caller checks that).
 * Cost: O(jobs + uses + transfers + edges).
 */
export function addInPlaceCleanup(state: PlanState, workflow: Workflow, catalogs: PlanCatalogs, relativeDir: string): PlanState {
  const dag = stateDag(state);
  const order = topologicalOrder(dag);
  if (!order) return state;
  const level = longestPathLevels(dag, order);

  const users = new Map<string, number[]>();
  const use = (lfn: string, site: string, job: number): void => {
    const key = `${site}\u0000${lfn}`;
    const list = users.get(key);
    if (!list) users.set(key, [job]);
    else if (list[list.length - 1] !== job) list.push(job);
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
      case 'inter-site':
        for (const t of job.transfers ?? []) use(t.lfn, t.destination.site, index);
        break;
      case 'stage-out':
        for (const t of job.transfers ?? []) use(t.lfn, t.source.site, index);
        break;
      default:
        break;
    }
  });

  const jobsAt = new Map<string, number>();
  state.jobs.forEach((job, index) => {
    if (job.stagingSite === undefined || job.kind === 'create-dir') return;
    const key = `${job.stagingSite}\u0000${level[index]}`;
    jobsAt.set(key, (jobsAt.get(key) ?? 0) + 1);
  });

  interface Bucket {
    count: number;
    next: number;
    slots: number[];
  }
  const buckets = new Map<string, Bucket>();
  const jobs: Array<PlanJob & { cleanupFiles: string[] }> = [];
  const parents: Array<Set<number>> = [];
  for (const [key, list] of users) {
    const split = key.indexOf('\u0000');
    const site = key.slice(0, split);
    const lfn = key.slice(split + 1);
    let deepest = 0;
    for (const job of list) deepest = Math.max(deepest, level[job]!);
    const bucketKey = `${site}\u0000${deepest}`;
    let bucket = buckets.get(bucketKey);
    if (!bucket) {
      bucket = { count: Math.max(1, Math.ceil((jobsAt.get(bucketKey) ?? 1) / JOBS_PER_CLEANUP_JOB)), next: 0, slots: [] };
      buckets.set(bucketKey, bucket);
    }
    const slot = bucket.next++ % bucket.count;
    let local = bucket.slots[slot];
    if (local === undefined) {
      local = bucket.slots[slot] = jobs.length;
      jobs.push({
        name: `clean_up_${site}_level_${deepest}_${slot}`,
        kind: 'cleanup',
        site: 'local',
        stagingSite: site,
        level: deepest,
        tasks: [],
        transformation: 'pegasus::cleanup',
        category: 'cleanup',
        directory: { site, url: scratchUrl(catalogs, site, relativeDir) },
        cleanupFiles: [],
      });
      parents.push(new Set());
    }
    jobs[local]!.cleanupFiles.push(lfn);
    for (const job of list) parents[local]!.add(job);
  }

  const edgeFrom: number[] = [];
  const edgeTo: number[] = [];
  parents.forEach((set, local) => {
    for (const parent of set) {
      edgeFrom.push(parent);
      edgeTo.push(state.jobs.length + local);
    }
  });
  return extendState(state, jobs, edgeFrom, edgeTo);
}
