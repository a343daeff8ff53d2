import { buildDag, type Dag } from './dag';
import { topologicalOrder } from './topological-order';

/** The reduced graph, and whether the reduction finished within its work budget. */
export interface TransitiveReduction {
  readonly dag: Dag;
  /** False when the budget ran out: the remaining edges were kept, which is safe for drawing. */
  readonly complete: boolean;
}

/**
 * Transitive reduction: drops every edge `u → c` for which another path from `u` to `c`
 * exists, keeping flags of the edges that stay. Used to draw large workflows with fewer
 * lines; the dependencies are the same. Returns `undefined` when the graph has a cycle.
 *
 * Method: for each node, visit its children in topological order and search forward from
 * each one; a child already reached from an earlier child is redundant. Searches stop at
 * nodes past the last child in topological order. A node with one child is skipped (its
 * only edge is never redundant), so chains and fan-in/fan-out shapes cost O(n + e).
 * In the worst case (dense layered graphs) the cost is O(n·e); `budget` bounds the number
 * of edge visits (default 50·(n + e) + 10^6), after which the remaining edges are kept.
 */
export function transitiveReduction(dag: Dag, budget?: number): TransitiveReduction | undefined {
  const order = topologicalOrder(dag);
  if (!order) return undefined;
  const n = dag.nodeCount;
  const { offsets, targets, flags } = dag;
  const position = new Uint32Array(n);
  for (let i = 0; i < n; i++) position[order[i]!] = i;
  let work = budget ?? 50 * (n + targets.length) + 1_000_000;
  let complete = true;

  const keep = new Uint8Array(targets.length).fill(1);
  const mark = new Uint32Array(n); // stamped with u + 1 when reached from u's children
  const stack = new Uint32Array(n);
  for (let u = 0; u < n && complete; u++) {
    const start = offsets[u]!;
    const end = offsets[u + 1]!;
    if (end - start < 2) continue;
    const stamp = u + 1;
    const children: number[] = [];
    let horizon = 0;
    for (let e = start; e < end; e++) {
      children.push(e);
      if (position[targets[e]!]! > horizon) horizon = position[targets[e]!]!;
    }
    children.sort((a, b) => position[targets[a]!]! - position[targets[b]!]!);
    for (const e of children) {
      const c = targets[e]!;
      if (mark[c] === stamp) {
        keep[e] = 0;
        continue;
      }
      // Search forward from c; everything reached is reachable from u through c.
      let top = 0;
      mark[c] = stamp;
      stack[top++] = c;
      while (top > 0) {
        const v = stack[--top]!;
        for (let f = offsets[v]!; f < offsets[v + 1]!; f++) {
          const w = targets[f]!;
          if (mark[w] === stamp || position[w]! > horizon) continue;
          mark[w] = stamp;
          stack[top++] = w;
        }
        work -= offsets[v + 1]! - offsets[v]! + 1;
      }
      if (work < 0) {
        complete = false;
        break;
      }
    }
  }

  let kept = 0;
  for (let e = 0; e < keep.length; e++) kept += keep[e]!;
  const parents = new Uint32Array(kept);
  const childIds = new Uint32Array(kept);
  const keptFlags = new Uint8Array(kept);
  let k = 0;
  for (let v = 0; v < n; v++) {
    for (let e = offsets[v]!; e < offsets[v + 1]!; e++) {
      if (!keep[e]) continue;
      parents[k] = v;
      childIds[k] = targets[e]!;
      keptFlags[k++] = flags[e]!;
    }
  }
  return { dag: buildDag(n, parents, childIds, keptFlags), complete };
}
