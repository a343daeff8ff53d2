import type { Job } from '../model/job';
import type { Dependency } from '../model/workflow';
import { type EditableDocument, type Position, fileKey, jobKey, parseKey } from './document';
import { type EdgeRef, disconnect, withoutFile } from './connect';
import { type PatchOp, type PositionChange, applyPatch as applyOps, makeEdit } from './patch';
import { type EditResult, refuse } from './result';

/**
 * Deletes jobs and files named by node keys, and edges, in one step. A job goes with its
 * position and every dependency naming it; a file goes from every job that uses it, from
 * the embedded replica catalog, and from the canvas. Cost: O(jobs + uses + dependencies).
 */
export function removeSelection(doc: EditableDocument, nodeKeys: readonly string[], edges: readonly EdgeRef[] = []): EditResult {
  const jobIds = new Set<string>();
  const lfns = new Set<string>();
  for (const key of nodeKeys) {
    const ref = parseKey(key);
    if (ref?.kind === 'job') jobIds.add(ref.id);
    else if (ref?.kind === 'file') lfns.add(ref.lfn);
  }
  // Edges first, on the document as it is: their ops index into the current lists.
  let current = doc;
  const ops: PatchOp[] = [];
  for (const edge of edges) {
    if (edge.kind === 'use' && (jobIds.has(edge.jobId) || lfns.has(edge.lfn))) continue;
    if (edge.kind === 'dependency' && (jobIds.has(edge.parent) || jobIds.has(edge.child))) continue;
    const result = disconnect(current, edge);
    if (!result.ok) continue;
    ops.push(...result.edit.forward);
    current = applyOps(current, result.edit.forward);
  }
  ops.push(...removeNodeOps(current, jobIds, lfns));
  if (ops.length === 0) return refuse('Nothing to delete.');
  const count = jobIds.size + lfns.size + edges.length;
  return { ok: true, edit: makeEdit(count === 1 ? 'Delete' : `Delete ${count} items`, ops), select: [] };
}

function removeNodeOps(doc: EditableDocument, jobIds: ReadonlySet<string>, lfns: ReadonlySet<string>): PatchOp[] {
  if (jobIds.size === 0 && lfns.size === 0) return [];
  const workflow = doc.workflow;
  const ops: PatchOp[] = [];
  // One job deleted, the usual gesture: a string comparison per job instead of a set lookup
  // (this loop visits every job of a 10^5-job document on each delete).
  const only = jobIds.size === 1 ? jobIds.values().next().value : undefined;
  const removed = only === undefined ? (id: string) => jobIds.has(id) : (id: string) => id === only;
  // Jobs: walk backwards so that each splice index stays valid for the ops after it.
  for (let i = workflow.jobs.length - 1; i >= 0; i--) {
    const job = workflow.jobs[i]!;
    if (removed(job.id)) {
      ops.push({ kind: 'jobs', index: i, remove: [job], insert: [] });
      continue;
    }
    let next: Job = job;
    for (const lfn of lfns) next = withoutFile(next, lfn);
    if (next !== job) ops.push({ kind: 'jobs', index: i, remove: [job], insert: [next] });
  }
  if (jobIds.size > 0) {
    for (let i = workflow.dependencies.length - 1; i >= 0; i--) {
      const dependency = workflow.dependencies[i]!;
      if (jobIds.has(dependency.id)) {
        ops.push({ kind: 'dependencies', index: i, remove: [dependency], insert: [] });
        continue;
      }
      const children = dependency.children.filter((c) => !jobIds.has(c));
      if (children.length === dependency.children.length) continue;
      const insert: Dependency[] = children.length > 0 || dependency.extra ? [{ ...dependency, children }] : [];
      ops.push({ kind: 'dependencies', index: i, remove: [dependency], insert });
    }
  }
  const catalog = workflow.replicaCatalog;
  if (catalog && lfns.size > 0 && catalog.replicas.some((r) => !r.regex && lfns.has(r.lfn))) {
    ops.push({ kind: 'replicaCatalog', before: catalog, after: { ...catalog, replicas: catalog.replicas.filter((r) => r.regex || !lfns.has(r.lfn)) } });
  }
  const entries: PositionChange[] = [];
  const drop = (key: string): void => {
    const before: Position | undefined = doc.positions.get(key);
    if (before) entries.push([key, before, undefined]);
  };
  for (const id of jobIds) drop(jobKey(id));
  for (const lfn of lfns) drop(fileKey(lfn));
  if (entries.length > 0) ops.push({ kind: 'positions', entries });
  return ops;
}
