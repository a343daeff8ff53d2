import type { Dag } from './dag';
import { stronglyConnectedComponents } from './strongly-connected';

/**
 * Cycles of the graph, at most one per strongly connected component (so two separate
 * loops give two reports, and one tangle gives one), each as the node path
 * `[a, b, …]` meaning `a → b → … → a`. A self loop is `[a]`. Each cycle is a shortest
 * cycle through the component's lowest node, so messages stay short. Empty when acyclic.
 *
 * Cost: O(n + e) for the components plus O(size + edges) of each reported component
 * (one breadth-first search), so O(n + e) overall. `limit` caps the number of cycles.
 */
export function findCycles(dag: Dag, limit = Number.POSITIVE_INFINITY): number[][] {
  const { component, count } = stronglyConnectedComponents(dag);
  const n = dag.nodeCount;
  const size = new Uint32Array(count);
  for (let v = 0; v < n; v++) size[component[v]!]!++;
  const reported = new Uint8Array(count);
  const cycles: number[][] = [];
  // Shared scratch for the searches; `seen` is stamped with the component id + 1.
  const seen = new Uint32Array(n);
  const previous = new Uint32Array(n);
  const queue = new Uint32Array(n);
  for (let v = 0; v < n && cycles.length < limit; v++) {
    const c = component[v]!;
    if (reported[c]) continue;
    if (size[c] === 1 && !hasSelfLoop(dag, v)) continue;
    reported[c] = 1;
    cycles.push(size[c] === 1 ? [v] : shortestCycleThrough(dag, v, component, c, seen, previous, queue));
  }
  return cycles;
}

/** The first cycle found, or `undefined` when the graph is acyclic. Cost: O(n + e). */
export function findCycle(dag: Dag): number[] | undefined {
  return findCycles(dag, 1)[0];
}

function hasSelfLoop(dag: Dag, v: number): boolean {
  for (let e = dag.offsets[v]!; e < dag.offsets[v + 1]!; e++) if (dag.targets[e] === v) return true;
  return false;
}

/** Breadth-first search from `start` inside its component until an edge returns to `start`. */
function shortestCycleThrough(
  dag: Dag,
  start: number,
  component: Uint32Array,
  c: number,
  seen: Uint32Array,
  previous: Uint32Array,
  queue: Uint32Array,
): number[] {
  const stamp = c + 1;
  let tail = 0;
  queue[tail++] = start;
  seen[start] = stamp;
  for (let head = 0; head < tail; head++) {
    const v = queue[head]!;
    for (let e = dag.offsets[v]!; e < dag.offsets[v + 1]!; e++) {
      const w = dag.targets[e]!;
      if (w === start) {
        const path = [v];
        for (let u = v; u !== start;) {
          u = previous[u]!;
          path.push(u);
        }
        return path.reverse();
      }
      if (component[w] !== c || seen[w] === stamp) continue;
      seen[w] = stamp;
      previous[w] = v;
      queue[tail++] = w;
    }
  }
  return [start]; // unreachable for a component of two or more nodes
}
