import type { PlanCatalogs } from './catalogs';
import { directoryJob, directorySite } from './directory-site';
import { extendState, stateDag, topologicalOrder } from './graph-utils';
import { SiteBits } from './site-bits';
import type { PlanJob, PlanState, ResolvedPlanOptions } from './types';

/**
 * Leaf cleanup (`refiner/RemoveDirectory.java`), added for every cleanup mode but `none`: one
 * `cleanup_<label>_<index>_<site>` per staging site removes the workflow directory at the end.
 * Walking bottom-up, a job gets an edge to it only when none of its descendants already has
 * one for its site; every sub-workflow job gets one (PM-795); a stage-out job without parents
 * and jobs with no site (registration, worker package) get none.
 * Cost: O((jobs + edges) × ⌈sites/32⌉).
 */
export function addLeafCleanup(
  state: PlanState,
  label: string,
  catalogs: PlanCatalogs,
  options: ResolvedPlanOptions,
): PlanState {
  const siteIndex = new Map<string, number>();
  for (const job of state.jobs)
    if (job.kind === 'create-dir' && job.stagingSite) siteIndex.set(job.stagingSite, siteIndex.size);
  if (siteIndex.size === 0) return state;
  const dag = stateDag(state);
  const order = topologicalOrder(dag);
  if (!order) return state;
  const hasParent = new Uint8Array(state.jobs.length);
  for (const to of state.edgeTo) hasParent[to] = 1;

  const base = state.jobs.length;
  const jobs: PlanJob[] = [];
  for (const site of siteIndex.keys())
    jobs.push(directoryJob('leaf-cleanup', `cleanup_${label}_${options.index}_${site}`, site, catalogs, options));

  const bits = new SiteBits(state.jobs.length, siteIndex.size);
  const edges = new Set<number>();
  const edgeFrom: number[] = [];
  const edgeTo: number[] = [];
  const addEdge = (v: number, s: number): void => {
    const key = v * siteIndex.size + s;
    if (edges.has(key)) return;
    edges.add(key);
    edgeFrom.push(v);
    edgeTo.push(base + s);
  };
  for (let k = order.length - 1; k >= 0; k--) {
    const v = order[k]!;
    const job = state.jobs[v]!;
    if (job.kind === 'create-dir') continue;
    if (job.kind === 'dax' || job.kind === 'dag') for (let s = 0; s < siteIndex.size; s++) addEdge(v, s);
    if (job.kind === 'stage-out' && !hasParent[v]) continue;
    for (let e = dag.offsets[v]!; e < dag.offsets[v + 1]!; e++) bits.or(v, dag.targets[e]!);
    const site = directorySite(job);
    if (site === undefined) continue;
    const s = siteIndex.get(site);
    if (s === undefined || bits.has(v, s)) continue;
    addEdge(v, s);
    bits.set(v, s);
  }
  return extendState(state, jobs, edgeFrom, edgeTo);
}
