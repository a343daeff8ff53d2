import type { PlanCatalogs } from './catalogs';
import { directoryJob, directorySite } from './directory-site';
import { extendState, stateDag, topologicalOrder } from './graph-utils';
import { SiteBits } from './site-bits';
import type { PlanJob, PlanState, ResolvedPlanOptions } from './types';

/**
 * Create-dir jobs (`refiner/CreateDirectory.java`, default strategy `Minimal`): one
 * `create_dir_<label>_<index>_<site>` per staging site in use, and the fewest edges that put
 * it before every job using that site: walking top-down, a job gets an edge only when none of
 * its ancestors already has one for its site. Cost: O((jobs + edges) × ⌈sites/32⌉).
 */
export function addCreateDirs(
  state: PlanState,
  label: string,
  catalogs: PlanCatalogs,
  options: ResolvedPlanOptions,
): PlanState {
  const siteIndex = new Map<string, number>();
  for (const job of state.jobs) {
    const site = directorySite(job);
    if (site !== undefined && !siteIndex.has(site)) siteIndex.set(site, siteIndex.size);
  }
  if (siteIndex.size === 0) return state;
  const dag = stateDag(state);
  const order = topologicalOrder(dag);
  if (!order) return state;

  const base = state.jobs.length;
  const jobs: PlanJob[] = [];
  for (const site of siteIndex.keys())
    jobs.push(directoryJob('create-dir', `create_dir_${label}_${options.index}_${site}`, site, catalogs, options));

  const bits = new SiteBits(state.jobs.length, siteIndex.size);
  const edgeFrom: number[] = [];
  const edgeTo: number[] = [];
  for (const v of order) {
    const site = directorySite(state.jobs[v]!);
    if (site !== undefined) {
      const s = siteIndex.get(site)!;
      if (!bits.has(v, s)) {
        edgeFrom.push(base + s);
        edgeTo.push(v);
        bits.set(v, s);
      }
    }
    for (let e = dag.offsets[v]!; e < dag.offsets[v + 1]!; e++) bits.or(dag.targets[e]!, v);
  }
  return extendState(state, jobs, edgeFrom, edgeTo);
}
