import { buildDag, type Dag } from '../graph/dag';
import { levels } from '../graph/levels';
import { topologicalOrder } from '../graph/topological-order';
import type { PlanJob, PlanState } from './types';

export { topologicalOrder };

// Graph helpers of the planner: its intermediate states as CSR graphs, and the shared
// topological order and levels (src/shared/graph) applied to them.

/** The CSR graph of a plan state (duplicates merged). Cost: O(jobs + edges). */
export function stateDag(state: PlanState): Dag {
  const n = state.edgeFrom.length;
  return buildDag(
    state.jobs.length,
    Uint32Array.from(state.edgeFrom),
    Uint32Array.from(state.edgeTo),
    new Uint8Array(n),
  );
}

/** Longest distance from a root for every node, given a topological order. Cost: O(n + e). */
export function longestPathLevels(dag: Dag, order: Uint32Array): Uint32Array {
  return levels(dag, order)!.level;
}

/** A new state with jobs and edges appended (passes stay pure: inputs are not touched). */
export function extendState(
  state: PlanState,
  jobs: readonly PlanState['jobs'][number][],
  edgeFrom: readonly number[],
  edgeTo: readonly number[],
): PlanState {
  return {
    jobs: jobs.length === 0 ? state.jobs : state.jobs.concat(jobs),
    edgeFrom: edgeFrom.length === 0 ? state.edgeFrom : state.edgeFrom.concat(edgeFrom),
    edgeTo: edgeTo.length === 0 ? state.edgeTo : state.edgeTo.concat(edgeTo),
  };
}

/** {@link longestPathLevels} counting only nodes not `removed` (the workflow after data reuse). Cost: O(n + e). */
export function keptLevels(dag: Dag, order: Uint32Array, removed: Uint8Array): Uint32Array {
  const level = new Uint32Array(dag.nodeCount);
  for (const v of order) {
    if (removed[v]) continue;
    const next = level[v]! + 1;
    for (let e = dag.offsets[v]!; e < dag.offsets[v + 1]!; e++) {
      const w = dag.targets[e]!;
      if (!removed[w] && level[w]! < next) level[w] = next;
    }
  }
  return level;
}

/**
 * Job indices by depth, ties in index order: a topological order, since an edge always goes
 * one depth down or more (and the top-down order pegasus-plan's breadth-first walk lists the
 * DAG in). Cost: O(jobs).
 */
export function depthOrder(jobs: readonly PlanJob[]): Uint32Array {
  let max = 0;
  for (const job of jobs) max = Math.max(max, job.depth ?? 0);
  const start = new Uint32Array(max + 2);
  for (const job of jobs) start[(job.depth ?? 0) + 1]!++;
  for (let d = 0; d <= max; d++) start[d + 1]! += start[d]!;
  const order = new Uint32Array(jobs.length);
  jobs.forEach((job, v) => (order[start[job.depth ?? 0]!++] = v));
  return order;
}
