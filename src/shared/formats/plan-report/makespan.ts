import type { Dag } from '../../graph/dag';
import { MinHeap } from './heap';

/** Result of {@link listSchedule}. */
export interface Schedule {
  /** Time when the last job ends, in seconds. */
  makespan: number;
  /** The longest runtime-weighted path: its length in seconds and its nodes, first to last. */
  criticalPath: { seconds: number; nodes: number[] };
}

/**
 * Estimates the makespan of a DAG on `slots` identical slots by list scheduling: whenever a
 * slot is free, the ready job with the longest remaining path (its "bottom level") starts.
 * `order` is a topological order; `runtime[v]` the seconds job v takes.
 * Cost: O((n + e) log n).
 */
export function listSchedule(dag: Dag, order: Uint32Array, runtime: Float64Array, slots: number): Schedule {
  const n = dag.nodeCount;
  const bottom = new Float64Array(n);
  const next = new Int32Array(n).fill(-1);
  for (let k = n - 1; k >= 0; k--) {
    const v = order[k]!;
    let best = 0;
    for (let e = dag.offsets[v]!; e < dag.offsets[v + 1]!; e++) {
      const w = dag.targets[e]!;
      if (bottom[w]! > best) {
        best = bottom[w]!;
        next[v] = w;
      }
    }
    bottom[v] = runtime[v]! + best;
  }
  const indegree = new Uint32Array(n);
  for (let e = 0; e < dag.offsets[n]!; e++) indegree[dag.targets[e]!]!++;

  let start = -1;
  let longest = -1;
  for (let v = 0; v < n; v++) {
    if (indegree[v] === 0 && bottom[v]! > longest) {
      longest = bottom[v]!;
      start = v;
    }
  }
  const nodes: number[] = [];
  for (let v = start; v >= 0; v = next[v]!) nodes.push(v);

  const ready = new MinHeap();
  for (let v = 0; v < n; v++) if (indegree[v] === 0) ready.push(v, -bottom[v]!);
  const running = new MinHeap();
  let free = Math.max(1, Math.floor(slots));
  let now = 0;
  let makespan = 0;
  while (ready.size > 0 || running.size > 0) {
    while (free > 0 && ready.size > 0) {
      const v = ready.pop()!;
      const end = now + runtime[v]!;
      running.push(v, end);
      free--;
    }
    const end = running.peekKey()!;
    now = end;
    makespan = Math.max(makespan, end);
    while (running.size > 0 && running.peekKey() === now) {
      const v = running.pop()!;
      free++;
      for (let e = dag.offsets[v]!; e < dag.offsets[v + 1]!; e++) {
        const w = dag.targets[e]!;
        if (--indegree[w]! === 0) ready.push(w, -bottom[w]!);
      }
    }
  }
  return { makespan, criticalPath: { seconds: Math.max(0, longest), nodes } };
}
