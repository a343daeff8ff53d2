import { extendState } from './graph-utils';
import type { PlanJob, PlanState, ResolvedPlanOptions } from './types';

/**
 * The worker package job (`DeployWorkerPackage.addSetupNodes`): with `stageWorker`, one
 * `stage_worker_local_<label>_<index>_<site>` per staging site of PegasusLite jobs (condorio,
 * nonsharedfs) downloads the Pegasus worker package into the submit directory, as a parent of
 * every root of the workflow at that point. Cost: O(jobs + edges).
 */
export function addWorkerPackage(state: PlanState, label: string, options: ResolvedPlanOptions): PlanState {
  if (!options.stageWorker) return state;
  const sites = new Set<string>();
  for (const job of state.jobs) {
    if ((job.kind === 'compute' || job.kind === 'cluster') && job.dataConfiguration !== 'sharedfs' && job.stagingSite)
      sites.add(job.stagingSite);
  }
  if (sites.size === 0) return state;
  const hasParent = new Uint8Array(state.jobs.length);
  for (const to of state.edgeTo) hasParent[to] = 1;
  const roots: number[] = [];
  for (let v = 0; v < state.jobs.length; v++) if (!hasParent[v]) roots.push(v);

  const version = options.pegasusVersion;
  const tarball = `pegasus-worker-${version}-x86_64_rhel_8.tar.gz`;
  const jobs: PlanJob[] = [];
  const edgeFrom: number[] = [];
  const edgeTo: number[] = [];
  for (const site of sites) {
    const index = state.jobs.length + jobs.length;
    jobs.push({
      name: `stage_worker_local_${label}_${options.index}_${site}`,
      kind: 'stage-worker',
      site: 'local',
      level: 0,
      tasks: [],
      transformation: 'pegasus::transfer',
      category: 'stagein',
      transfers: [
        {
          lfn: 'pegasus::worker',
          linkage: 'input',
          source: { site: 'pegasus', url: `http://download.pegasus.isi.edu/pegasus/${version}/${tarball}` },
          destination: { site: 'local', url: `file://${options.submitDir}/${tarball}` },
        },
      ],
    });
    for (const root of roots) {
      edgeFrom.push(index);
      edgeTo.push(root);
    }
  }
  return extendState(state, jobs, edgeFrom, edgeTo);
}
