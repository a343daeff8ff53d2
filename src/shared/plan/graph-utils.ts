import { buildDag, reverseDag, type Dag } from '../graph/dag';
import type { PlanState } from './types';

// Small graph helpers private to the planner: topological order and longest-path levels on
// the CSR graph. They work on the planner's own intermediate graphs.

/** The CSR graph of a plan state (duplicates merged). Cost: O(jobs + edges). */
export function stateDag(state: PlanState): Dag {
  const n = state.edgeFrom.length;
  return buildDag(state.jobs.length, Uint32Array.from(state.edgeFrom), Uint32Array.from(state.edgeTo), new Uint8Array(n));
}

/**
 * Kahn's topological order, roots first in index order. Returns undefined when the graph has
 * a cycle. Cost: O(n + e).
 */
export function topologicalOrder(dag: Dag): Uint32Array | undefined {
  const n = dag.nodeCount;
  const indegree = new Uint32Array(n);
  const total = dag.offsets[n]!;
  for (let e = 0; e < total; e++) indegree[dag.targets[e]!]!++;
  const order = new Uint32Array(n);
  let head = 0;
  let tail = 0;
  for (let v = 0; v < n; v++) if (indegree[v] === 0) order[tail++] = v;
  while (head < tail) {
    const v = order[head++]!;
    for (let e = dag.offsets[v]!; e < dag.offsets[v + 1]!; e++) {
      const w = dag.targets[e]!;
      if (--indegree[w]! === 0) order[tail++] = w;
    }
  }
  return tail === n ? order : undefined;
}

/** Longest distance from a root for every node, given a topological order. Cost: O(n + e). */
export function longestPathLevels(dag: Dag, order: Uint32Array): Uint32Array {
  const level = new Uint32Array(dag.nodeCount);
  for (const v of order) {
    const next = level[v]! + 1;
    for (let e = dag.offsets[v]!; e < dag.offsets[v + 1]!; e++) {
      const w = dag.targets[e]!;
      if (level[w]! < next) level[w] = next;
    }
  }
  return level;
}

/** Parents of every node (the reverse graph). Cost: O(n + e). */
export function parentsDag(dag: Dag): Dag {
  return reverseDag(dag);
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
