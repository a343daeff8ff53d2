import type { Argument, Job } from '../model/job';
import { type EditableDocument, fileKey, jobKey } from './document';
import { fileNames, jobIds, nameProblem } from './names';
import { type PatchOp, makeEdit } from './patch';
import { type EditResult, refuse } from './result';

/**
 * Renames a file everywhere it is used: uses, stdin/stdout/stderr, arguments that are the
 * LFN (the API writes a file argument as its LFN), a sub-workflow's file, the embedded
 * replica catalog and the canvas position. Refuses a name already taken, so that two
 * files never merge by accident. Cost: O(jobs + uses + arguments + replicas).
 */
export function renameFile(doc: EditableDocument, from: string, to: string): EditResult {
  if (from === to) return refuse('The name is unchanged.');
  const problem = nameProblem(to, 'file name');
  if (problem) return refuse(problem);
  const names = fileNames(doc.workflow);
  if (names.has(to) || doc.positions.has(fileKey(to))) return refuse(`A file named "${to}" already exists.`);
  if (!names.has(from) && !doc.positions.has(fileKey(from))) return refuse(`There is no file "${from}".`);
  const ops: PatchOp[] = [];
  const swap = (value: string | undefined): string | undefined => (value === from ? to : value);
  doc.workflow.jobs.forEach((job, index) => {
    const next = renameInJob(job, from, to, swap);
    if (next !== job) ops.push({ kind: 'jobs', index, remove: [job], insert: [next] });
  });
  const catalog = doc.workflow.replicaCatalog;
  if (catalog?.replicas.some((r) => !r.regex && r.lfn === from)) {
    ops.push({ kind: 'replicaCatalog', before: catalog, after: { ...catalog, replicas: catalog.replicas.map((r) => (!r.regex && r.lfn === from ? { ...r, lfn: to } : r)) } });
  }
  const position = doc.positions.get(fileKey(from));
  if (position) ops.push({ kind: 'positions', entries: [[fileKey(from), position, undefined], [fileKey(to), undefined, position]] });
  return { ok: true, edit: makeEdit(`Rename ${from} to ${to}`, ops), select: [fileKey(to)] };
}

function renameInJob(job: Job, from: string, to: string, swap: (v: string | undefined) => string | undefined): Job {
  const mentions =
    job.uses.some((u) => u.lfn === from) ||
    job.stdin === from ||
    job.stdout === from ||
    job.stderr === from ||
    job.arguments.some((a) => a === from) ||
    (job.type !== 'job' && job.file === from);
  if (!mentions) return job;
  const next: Job = {
    ...job,
    uses: job.uses.map((u) => (u.lfn === from ? { ...u, lfn: to } : u)),
    arguments: job.arguments.map((a: Argument) => (a === from ? to : a)),
  };
  if (job.stdin !== undefined) next.stdin = swap(job.stdin);
  if (job.stdout !== undefined) next.stdout = swap(job.stdout);
  if (job.stderr !== undefined) next.stderr = swap(job.stderr);
  if (next.type !== 'job' && next.file === from) next.file = to;
  return next;
}

/**
 * Renames a job and every dependency naming it, and moves its canvas position.
 * Cost: O(jobs + dependencies).
 */
export function renameJob(doc: EditableDocument, from: string, to: string): EditResult {
  if (from === to) return refuse('The id is unchanged.');
  const problem = nameProblem(to, 'job id');
  if (problem) return refuse(problem);
  const ids = jobIds(doc.workflow);
  if (ids.has(to)) return refuse(`A job with id "${to}" already exists.`);
  const index = doc.workflow.jobs.findIndex((j) => j.id === from);
  const job = doc.workflow.jobs[index];
  if (!job) return refuse(`There is no job "${from}".`);
  const ops: PatchOp[] = [{ kind: 'jobs', index, remove: [job], insert: [{ ...job, id: to }] }];
  doc.workflow.dependencies.forEach((dependency, i) => {
    if (dependency.id !== from && !dependency.children.includes(from)) return;
    const next = { ...dependency, id: dependency.id === from ? to : dependency.id, children: dependency.children.map((c) => (c === from ? to : c)) };
    ops.push({ kind: 'dependencies', index: i, remove: [dependency], insert: [next] });
  });
  const position = doc.positions.get(jobKey(from));
  if (position) ops.push({ kind: 'positions', entries: [[jobKey(from), position, undefined], [jobKey(to), undefined, position]] });
  return { ok: true, edit: makeEdit(`Rename job ${from} to ${to}`, ops), select: [jobKey(to)] };
}

/**
 * Replaces a job's fields (the Properties panel). The id must stay: use {@link renameJob}.
 * Cost: O(jobs).
 */
export function updateJob(doc: EditableDocument, jobId: string, next: Job, label = `Edit ${jobId}`): EditResult {
  if (next.id !== jobId) return refuse('Use rename to change a job id.');
  const index = doc.workflow.jobs.findIndex((j) => j.id === jobId);
  const job = doc.workflow.jobs[index];
  if (!job) return refuse(`There is no job "${jobId}".`);
  return { ok: true, edit: makeEdit(label, [{ kind: 'jobs', index, remove: [job], insert: [next] }]) };
}

/** Renames the workflow (its `name:`). Cost: O(1). */
export function renameWorkflow(doc: EditableDocument, to: string): EditResult {
  const name = to.trim();
  if (name === doc.workflow.name) return refuse('The name is unchanged.');
  if (name === '') return refuse('A workflow needs a name.');
  return { ok: true, edit: makeEdit(`Rename workflow to ${name}`, [{ kind: 'workflowName', before: doc.workflow.name, after: name }]) };
}
