import { longestPathLevels, stateDag, topologicalOrder } from './graph-utils';
import type { PlanJob, PlanState } from './types';

/**
 * DAGMan priorities (`CondorGenerator.getJobPriority`): create-dir 800, stage-in, inter-site
 * and worker package 700, stage-out 900, cleanup 1000; every other job (compute, clusters,
 * sub-workflows and, through a missing `break` in pegasus-plan, registration) gets
 * 10 × its depth, the longest distance from a root of the executable workflow. A
 * `condor.priority` profile wins. Returns new job objects with `depth` and `priority` set.
 * Cost: O(jobs + edges).
 */
export function assignPriorities(state: PlanState): PlanState {
  const dag = stateDag(state);
  const order = topologicalOrder(dag);
  const depth = order ? longestPathLevels(dag, order) : new Uint32Array(state.jobs.length);
  const jobs = state.jobs.map((job, index): PlanJob => {
    const d = depth[index]!;
    return { ...job, depth: d, priority: job.condorPriority ?? fixedPriority(job) ?? 10 * d };
  });
  return { ...state, jobs };
}

function fixedPriority(job: PlanJob): number | undefined {
  switch (job.kind) {
    case 'create-dir':
      return 800;
    case 'stage-in':
    case 'inter-site':
    case 'stage-worker':
      return 700;
    case 'stage-out':
      return 900;
    case 'cleanup':
    case 'leaf-cleanup':
      return 1000;
    default:
      return undefined;
  }
}
