import type { Dag } from '../graph/dag';
import { forEachFileRole } from '../infer';
import type { Workflow } from '../model/workflow';
import { lookupReplicas, type ReplicaIndex } from './catalogs';

/** Which abstract jobs data reuse removes. */
export interface DataReuseResult {
  /** `pruned[i] === 1` when `workflow.jobs[i]` is removed. */
  pruned: Uint8Array;
  prunedCount: number;
}

/**
 * Data reuse (`refiner/DataReuseEngine.java`), skipped with `force`.
 *
 * Pass 1 marks a job whose outputs are all available: at least one has a replica, and each
 * other one has a replica or is a `stageOut: false` file no job reads. Pass 2 walks bottom-up
 * and also removes a job all of whose children were removed, when none of its outputs is to be
 * staged out (nothing downstream needs it any more). Outputs of removed jobs that kept jobs
 * still read are then staged in from their replicas by the staging pass.
 *
 * `graph` is the abstract dependency graph, `order` a topological order of it.
 * Cost: O(jobs + uses + edges), one replica lookup per output.
 */
export function dataReuse(
  workflow: Workflow,
  graph: Dag,
  order: Uint32Array,
  replicas: ReplicaIndex,
  force: boolean,
): DataReuseResult {
  const n = workflow.jobs.length;
  const pruned = new Uint8Array(n);
  if (force) return { pruned, prunedCount: 0 };

  const consumed = new Set<string>();
  for (const job of workflow.jobs) forEachFileRole(job, (lfn, role) => role === 'consumes' && consumed.add(lfn));

  const stagesOut = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const job = workflow.jobs[i]!;
    const stageOut = new Map<string, boolean>();
    for (const use of job.uses) if (use.type === 'output') stageOut.set(use.lfn, use.stageOut === true);
    let withReplica = 0;
    let complete = true;
    forEachFileRole(job, (lfn, role) => {
      if (role !== 'produces') return;
      if (stageOut.get(lfn)) stagesOut[i] = 1;
      if (lookupReplicas(replicas, lfn).length > 0) withReplica++;
      else if (stageOut.get(lfn) || consumed.has(lfn)) complete = false;
    });
    if (complete && withReplica > 0) pruned[i] = 1;
  }

  for (let k = order.length - 1; k >= 0; k--) {
    const v = order[k]!;
    if (pruned[v] || stagesOut[v]) continue;
    const start = graph.offsets[v]!;
    const end = graph.offsets[v + 1]!;
    if (start === end) continue;
    let all = true;
    for (let e = start; e < end && all; e++) all = pruned[graph.targets[e]!] === 1;
    if (all) pruned[v] = 1;
  }

  let prunedCount = 0;
  for (let i = 0; i < n; i++) prunedCount += pruned[i]!;
  return { pruned, prunedCount };
}
