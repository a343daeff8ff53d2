import type { Job } from '../model/job';
import type { WorkflowIndex } from './workflow-index';

/**
 * True when the edges `tail → head` (for each head) close a cycle in the graph `index`
 * describes, i.e. some head reaches `tail`. Only new edges can make a cycle in a graph that
 * had none, so this answers "is the graph still acyclic?" after an edit without a full pass.
 *
 * The search runs from both ends at once (descendants of the heads, ancestors of the tail)
 * and always grows the smaller frontier; it stops when they meet (a cycle) or when either
 * side runs out (none). Cost: O(heads + the smaller of the two explored regions, with their
 * edges): a local edit in a wide workflow explores a few levels, not the whole graph.
 */
export function closesCycle(index: WorkflowIndex, tail: Job, heads: readonly Job[]): boolean {
  if (heads.length === 0) return false;
  const forward = new Set<Job>(heads);
  if (forward.has(tail)) return true;
  const backward = new Set<Job>([tail]);
  const forwardQueue: Job[] = [...forward];
  const backwardQueue: Job[] = [tail];
  let f = 0;
  let b = 0;
  let met = false;
  while (!met && f < forwardQueue.length && b < backwardQueue.length) {
    if (forwardQueue.length - f <= backwardQueue.length - b) {
      index.forEachChild(forwardQueue[f++]!, (child) => {
        if (met || forward.has(child)) return;
        if (backward.has(child)) met = true;
        forward.add(child);
        forwardQueue.push(child);
      });
    } else {
      index.forEachParent(backwardQueue[b++]!, (parent) => {
        if (met || backward.has(parent)) return;
        if (forward.has(parent)) met = true;
        backward.add(parent);
        backwardQueue.push(parent);
      });
    }
  }
  return met;
}
