import type { Dag } from '../graph/dag';
import { longestPathLevels, stateDag, topologicalOrder } from './graph-utils';
import type { PlanJob, PlanState } from './types';

/**
 * DAGMan priorities (`CondorGenerator.getJobPriority`): create-dir 800, stage-in, inter-site
 * and worker package 700, stage-out 900, cleanup 1000; every other job (compute, clusters,
 * sub-workflows and, through a missing `break` in pegasus-plan, registration) gets
 * 10 × its depth, the longest distance from a root of the executable workflow. A
 * `condor.priority` profile wins. Returns new job objects with `depth` and `priority` set, and
 * the final graph. Cost: O(jobs + edges).
 */
export function assignPriorities(state: PlanState): { state: PlanState; graph: Dag } {
  const graph = stateDag(state);
  const order = topologicalOrder(graph);
  const depth = order ? longestPathLevels(graph, order) : new Uint32Array(state.jobs.length);
  const jobs = state.jobs.map((job, index) => {
    const d = depth[index]!;
    return finalJob(job, d, job.condorPriority ?? fixedPriority(job) ?? 10 * d);
  });
  return { state: { ...state, jobs }, graph };
}

/**
 * A copy of the job with every field written out, so that all final jobs share one object
 * shape (a spread of jobs of varied shapes is several times slower, and so are the writers
 * that read them). Listing `keyof PlanJob` exhaustively is checked by the type below.
 */
function finalJob(job: PlanJob, depth: number, priority: number): PlanJob {
  const copy: { [K in keyof Required<PlanJob>]: PlanJob[K] } = {
    name: job.name,
    kind: job.kind,
    site: job.site,
    stagingSite: job.stagingSite,
    dataConfiguration: job.dataConfiguration,
    level: job.level,
    tasks: job.tasks,
    executablePaths: job.executablePaths,
    transformation: job.transformation,
    transfers: job.transfers,
    registrations: job.registrations,
    cleanupFiles: job.cleanupFiles,
    profiles: job.profiles,
    executables: job.executables,
    subWorkflowPath: job.subWorkflowPath,
    directory: job.directory,
    runtime: job.runtime,
    retry: job.retry,
    condorPriority: job.condorPriority,
    priority,
    category: job.category,
    depth,
  };
  return copy;
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
