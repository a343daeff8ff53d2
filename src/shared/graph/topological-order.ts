import type { Dag } from './dag';

/**
 * A topological order of the graph by Kahn's algorithm: every node comes after all its
 * parents. Among nodes that become ready together, lower ids come first, so the order is
 * stable for a given document. Returns `undefined` when the graph has a cycle (a self loop
 * included); use `findCycles` to say where.
 *
 * Cost: O(n + e) time, two `Uint32Array`s of n.
 */
export function topologicalOrder(dag: Dag): Uint32Array | undefined {
  const n = dag.nodeCount;
  const { offsets, targets } = dag;
  const indegree = new Uint32Array(n);
  for (let e = 0; e < targets.length; e++) indegree[targets[e]!]!++;
  // The output array doubles as the FIFO queue: head reads, tail writes.
  const order = new Uint32Array(n);
  let tail = 0;
  for (let v = 0; v < n; v++) if (indegree[v] === 0) order[tail++] = v;
  for (let head = 0; head < tail; head++) {
    const v = order[head]!;
    for (let e = offsets[v]!; e < offsets[v + 1]!; e++) {
      const child = targets[e]!;
      if (--indegree[child]! === 0) order[tail++] = child;
    }
  }
  return tail === n ? order : undefined;
}
