import type { Dag } from '../graph/dag';
import { reverseDag } from '../graph/dag';

/**
 * Every node reachable from `start` along the edges (`start` included).
 * Cost: O(reached nodes + their edges), iterative (no recursion depth limit).
 */
export function reachable(dag: Dag, start: Iterable<number>): Uint8Array {
  const seen = new Uint8Array(dag.nodeCount);
  const stack: number[] = [];
  for (const node of start) {
    if (node < 0 || node >= dag.nodeCount || seen[node]) continue;
    seen[node] = 1;
    stack.push(node);
  }
  while (stack.length > 0) {
    const v = stack.pop()!;
    for (let e = dag.offsets[v]!; e < dag.offsets[v + 1]!; e++) {
      const child = dag.targets[e]!;
      if (!seen[child]) {
        seen[child] = 1;
        stack.push(child);
      }
    }
  }
  return seen;
}

/** Jobs downstream of `start` (its descendants and itself). */
export function downstream(dag: Dag, start: Iterable<number>): number[] {
  return indices(reachable(dag, start));
}

/** Jobs upstream of `start` (its ancestors and itself). Pass a reverse graph to reuse one. */
export function upstream(dag: Dag, start: Iterable<number>, reversed: Dag = reverseDag(dag)): number[] {
  return indices(reachable(reversed, start));
}

function indices(mask: Uint8Array): number[] {
  const result: number[] = [];
  for (let v = 0; v < mask.length; v++) if (mask[v]) result.push(v);
  return result;
}
