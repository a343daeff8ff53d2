import type { Dag } from './dag';

/** Nodes without parents, ascending. A self loop counts as a parent. Cost: O(n + e). */
export function roots(dag: Dag): number[] {
  const hasParent = new Uint8Array(dag.nodeCount);
  for (let e = 0; e < dag.targets.length; e++) hasParent[dag.targets[e]!] = 1;
  const result: number[] = [];
  for (let v = 0; v < dag.nodeCount; v++) if (hasParent[v] === 0) result.push(v);
  return result;
}

/** Nodes without children, ascending. A self loop counts as a child. Cost: O(n). */
export function leaves(dag: Dag): number[] {
  const result: number[] = [];
  for (let v = 0; v < dag.nodeCount; v++) if (dag.offsets[v] === dag.offsets[v + 1]) result.push(v);
  return result;
}
