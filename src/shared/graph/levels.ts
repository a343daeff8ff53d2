import type { Dag } from './dag';
import { topologicalOrder } from './topological-order';

/** The level of every node and how many levels there are. */
export interface Levels {
  /** `level[v]`: the number of edges on the longest path from a root to `v` (roots are 0). */
  readonly level: Uint32Array;
  /** `max(level) + 1`, or 0 for an empty graph. */
  readonly count: number;
}

/**
 * Levels as pegasus-plan computes them for horizontal clustering: a job's level is its
 * longest distance from a root, so that every parent sits on a lower level than its
 * children. Returns `undefined` when the graph has a cycle.
 *
 * Cost: O(n + e); pass a precomputed topological order to skip computing one.
 */
export function levels(dag: Dag, order: Uint32Array | undefined = topologicalOrder(dag)): Levels | undefined {
  if (!order) return undefined;
  const level = new Uint32Array(dag.nodeCount);
  let max = -1;
  for (let i = 0; i < order.length; i++) {
    const v = order[i]!;
    const next = level[v]! + 1;
    if (level[v]! > max) max = level[v]!;
    for (let e = dag.offsets[v]!; e < dag.offsets[v + 1]!; e++) {
      const child = dag.targets[e]!;
      if (level[child]! < next) level[child] = next;
    }
  }
  return { level, count: max + 1 };
}

/** Number of nodes on each level, indexed by level. Cost: O(n). */
export function levelSizes(levelsOf: Levels): Uint32Array {
  const sizes = new Uint32Array(levelsOf.count);
  for (let v = 0; v < levelsOf.level.length; v++) sizes[levelsOf.level[v]!]!++;
  return sizes;
}
