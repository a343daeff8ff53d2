import type { Dag } from './dag';
import { topologicalOrder } from './topological-order';

/** The heaviest root-to-leaf path. */
export interface CriticalPath {
  /** Nodes from a root to a leaf. Empty for an empty graph. */
  readonly path: number[];
  /** Sum of the weights on the path. */
  readonly length: number;
}

/**
 * The critical path: the root-to-leaf path with the largest total node weight (for a
 * workflow, runtimes in seconds: the least wall time the workflow can take with unbounded
 * parallelism). Ties, and weights of 0 for jobs without a runtime, are broken by the number
 * of nodes, so a graph without weights yields its longest chain. Returns `undefined` when
 * the graph has a cycle. Negative or non-finite weights count as 0.
 *
 * Cost: O(n + e) time; a `Float64Array` and two `Uint32Array`s of n.
 */
export function criticalPath(
  dag: Dag,
  weight: (node: number) => number,
  order: Uint32Array | undefined = topologicalOrder(dag),
): CriticalPath | undefined {
  if (!order) return undefined;
  const n = dag.nodeCount;
  const NONE = 0xffffffff;
  const best = new Float64Array(n); // heaviest path ending at v, v included
  const hops = new Uint32Array(n);
  const previous = new Uint32Array(n).fill(NONE);
  let end = NONE;
  for (let i = 0; i < order.length; i++) {
    const v = order[i]!;
    const w = weight(v);
    best[v] = best[v]! + (Number.isFinite(w) && w > 0 ? w : 0);
    hops[v] = hops[v]! + 1;
    if (end === NONE || heavier(best[v]!, hops[v]!, best[end]!, hops[end]!)) end = v;
    for (let e = dag.offsets[v]!; e < dag.offsets[v + 1]!; e++) {
      const child = dag.targets[e]!;
      // best[child] holds the heaviest parent path until the child is visited.
      if (previous[child] === NONE || heavier(best[v]!, hops[v]!, best[child]!, hops[child]!)) {
        best[child] = best[v]!;
        hops[child] = hops[v]!;
        previous[child] = v;
      }
    }
  }
  if (end === NONE) return { path: [], length: 0 };
  const path: number[] = [];
  for (let v = end; v !== NONE; v = previous[v]!) path.push(v);
  return { path: path.reverse(), length: best[end]! };
}

function heavier(length: number, hops: number, thanLength: number, thanHops: number): boolean {
  return length > thanLength || (length === thanLength && hops > thanHops);
}
