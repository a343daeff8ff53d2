import { forEachFileRole, inferDependencies, hasEdge } from '../infer';
import type { FileUse, Job } from '../model/job';
import type { Workflow } from '../model/workflow';
import type { EditableDocument } from './document';
import { type PatchOp, makeEdit } from './patch';
import { type EditResult, refuse } from './result';

/** A node of the canvas, as the wiring sees it. */
export type NodeRef = { kind: 'job'; id: string } | { kind: 'file'; lfn: string };

/** An edge of the canvas: a file use (in either direction) or an explicit dependency. */
export type EdgeRef = { kind: 'use'; jobId: string; lfn: string } | { kind: 'dependency'; parent: string; child: string };

/**
 * Wires `source` to `target` as the document model reads it: file → job adds an `input`
 * use, job → file an `output` use (staged out and registered, the Python API defaults),
 * job → job an explicit dependency. Refuses, with a reason, what has no meaning: file →
 * file, a node to itself, a use the job already has, a second producer of a file, or a
 * dependency files already imply. Cost: O(jobs + uses) (one inference for job → job).
 */
export function connect(doc: EditableDocument, source: NodeRef, target: NodeRef): EditResult {
  const workflow = doc.workflow;
  if (source.kind === 'file' && target.kind === 'file') {
    return refuse(`A file cannot feed another file: draw a job that reads "${source.lfn}" and writes "${target.lfn}".`);
  }
  if (source.kind === 'file' && target.kind === 'job') return addUse(workflow, target.id, { lfn: source.lfn, type: 'input' });
  if (source.kind === 'job' && target.kind === 'file') {
    return addUse(workflow, source.id, { lfn: target.lfn, type: 'output', stageOut: true, registerReplica: true });
  }
  const parent = (source as { id: string }).id;
  const child = (target as { id: string }).id;
  return addDependency(workflow, parent, child);
}

function addUse(workflow: Workflow, jobId: string, use: FileUse): EditResult {
  const index = workflow.jobs.findIndex((j) => j.id === jobId);
  const job = workflow.jobs[index];
  if (!job) return refuse(`There is no job "${jobId}".`);
  const existing = job.uses.find((u) => u.lfn === use.lfn);
  if (existing) {
    return refuse(`Job "${jobId}" already ${existing.type === 'output' ? 'writes' : existing.type === 'input' ? 'reads' : 'uses'} "${use.lfn}".`);
  }
  if (use.type === 'output') {
    const producer = producerOf(workflow, use.lfn);
    if (producer !== undefined) return refuse(`"${use.lfn}" is already written by job "${producer}": a file has one producer.`);
  }
  const next: Job = { ...job, uses: [...job.uses, use] };
  const label = use.type === 'input' ? `Wire ${use.lfn} into ${jobId}` : `Wire ${jobId} to ${use.lfn}`;
  return { ok: true, edit: makeEdit(label, [{ kind: 'jobs', index, remove: [job], insert: [next] }]) };
}

function producerOf(workflow: Workflow, lfn: string): string | undefined {
  let producer: string | undefined;
  for (const job of workflow.jobs) {
    forEachFileRole(job, (name, role) => {
      if (name === lfn && role === 'produces') producer = job.id;
    });
  }
  return producer;
}

function addDependency(workflow: Workflow, parent: string, child: string): EditResult {
  if (parent === child) return refuse(`A job cannot depend on itself ("${parent}").`);
  const graph = inferDependencies(workflow);
  const p = graph.indexById.get(parent);
  const c = graph.indexById.get(child);
  if (p === undefined || c === undefined) return refuse(`There is no job "${p === undefined ? parent : child}".`);
  if (hasEdge(graph, p, c)) return refuse(`"${child}" already depends on "${parent}".`);
  const index = workflow.dependencies.findIndex((d) => d.id === parent);
  const op: PatchOp =
    index >= 0
      ? { kind: 'dependencies', index, remove: [workflow.dependencies[index]!], insert: [{ ...workflow.dependencies[index]!, children: [...workflow.dependencies[index]!.children, child] }] }
      : { kind: 'dependencies', index: workflow.dependencies.length, remove: [], insert: [{ id: parent, children: [child] }] };
  return { ok: true, edit: makeEdit(`Add dependency ${parent} → ${child}`, [op]) };
}

/**
 * Removes one edge: the job's use of the file (and stdin/stdout/stderr naming it), or the
 * explicit dependency. An inferred dependency cannot be removed by itself: it goes when
 * the file use that implies it goes. Cost: O(jobs + dependencies).
 */
export function disconnect(doc: EditableDocument, edge: EdgeRef): EditResult {
  const workflow = doc.workflow;
  if (edge.kind === 'use') {
    const index = workflow.jobs.findIndex((j) => j.id === edge.jobId);
    const job = workflow.jobs[index];
    if (!job) return refuse(`There is no job "${edge.jobId}".`);
    const next = withoutFile(job, edge.lfn);
    if (next === job) return refuse(`Job "${edge.jobId}" does not use "${edge.lfn}".`);
    return { ok: true, edit: makeEdit(`Unwire ${edge.lfn} and ${edge.jobId}`, [{ kind: 'jobs', index, remove: [job], insert: [next] }]) };
  }
  const index = workflow.dependencies.findIndex((d) => d.id === edge.parent && d.children.includes(edge.child));
  const dependency = workflow.dependencies[index];
  if (!dependency) return refuse(`"${edge.child}" depends on "${edge.parent}" through files: remove the file use instead.`);
  const children = dependency.children.filter((c) => c !== edge.child);
  const op: PatchOp =
    children.length === 0 && !dependency.extra
      ? { kind: 'dependencies', index, remove: [dependency], insert: [] }
      : { kind: 'dependencies', index, remove: [dependency], insert: [{ ...dependency, children }] };
  return { ok: true, edit: makeEdit(`Remove dependency ${edge.parent} → ${edge.child}`, [op]) };
}

/** The job without any mention of `lfn` among its uses and standard streams (same object when none). */
export function withoutFile(job: Job, lfn: string): Job {
  const uses = job.uses.filter((u) => u.lfn !== lfn);
  if (uses.length === job.uses.length && job.stdin !== lfn && job.stdout !== lfn && job.stderr !== lfn) return job;
  const next: Job = { ...job, uses };
  if (next.stdin === lfn) delete next.stdin;
  if (next.stdout === lfn) delete next.stdout;
  if (next.stderr === lfn) delete next.stderr;
  return next;
}
