import { forEachFileRole } from '../infer';
import type { Argument, Job } from '../model/job';
import type { Dependency, Workflow } from '../model/workflow';
import { type EditableDocument, type Position, fileKey, jobKey, parseKey } from './document';
import { fileNames, jobIds, uniqueName } from './names';
import { type PatchOp, type PositionChange, makeEdit } from './patch';
import { type EditResult, refuse } from './result';

/**
 * A piece of a workflow moved by copy, paste and duplicate: jobs, the explicit
 * dependencies among them, and their positions (job and file keys).
 */
export interface Fragment {
  readonly jobs: readonly Job[];
  readonly dependencies: readonly Dependency[];
  readonly positions: ReadonlyMap<string, Position>;
}

/**
 * The fragment made of the selected jobs (node keys; files in the selection are ignored
 * since files come with the jobs that use them), with the positions of those jobs and of
 * their files. Cost: O(jobs + dependencies).
 */
export function extractFragment(doc: EditableDocument, nodeKeys: readonly string[]): Fragment {
  const ids = new Set<string>();
  for (const key of nodeKeys) {
    const ref = parseKey(key);
    if (ref?.kind === 'job') ids.add(ref.id);
  }
  const jobs = doc.workflow.jobs.filter((j) => ids.has(j.id));
  const dependencies: Dependency[] = [];
  for (const d of doc.workflow.dependencies) {
    if (!ids.has(d.id)) continue;
    const children = d.children.filter((c) => ids.has(c));
    if (children.length > 0) dependencies.push({ id: d.id, children });
  }
  const positions = new Map<string, Position>();
  for (const job of jobs) {
    const p = doc.positions.get(jobKey(job.id));
    if (p) positions.set(jobKey(job.id), p);
    for (const use of job.uses) {
      const f = doc.positions.get(fileKey(use.lfn));
      if (f) positions.set(fileKey(use.lfn), f);
    }
  }
  return { jobs, dependencies, positions };
}

/**
 * Inserts a fragment, with its top-left corner at `at` (or shifted by `offset` when `at` is
 * absent). Ids that clash get a suffix (`findrange_2`); a file the fragment writes that the
 * document already produces gets a new name too (in every use, stream and argument of the
 * fragment), so that a copy never gives a file two producers. Files it only reads keep their
 * names: a pasted job stays wired to the data it reads. Cost: O(jobs + uses of document and fragment).
 */
export function insertFragment(doc: EditableDocument, fragment: Fragment, place: { at?: Position; offset?: Position }, label: string): EditResult {
  if (fragment.jobs.length === 0) return refuse('There are no jobs to paste.');
  const ids = jobIds(doc.workflow);
  const idMap = new Map<string, string>();
  for (const job of fragment.jobs) {
    const id = uniqueName(job.id, (n) => ids.has(n));
    ids.add(id);
    idMap.set(job.id, id);
  }
  const produced = producedFiles(doc.workflow);
  const existing = fileNames(doc.workflow);
  const names = new Set(existing);
  const lfnMap = new Map<string, string>();
  for (const job of fragment.jobs) {
    forEachFileRole(job, (lfn, role) => {
      if (role !== 'produces' || lfnMap.has(lfn) || !produced.has(lfn)) return;
      const name = uniqueName(lfn, (n) => names.has(n) || doc.positions.has(fileKey(n)));
      names.add(name);
      lfnMap.set(lfn, name);
    });
  }
  const rename = (lfn: string): string => lfnMap.get(lfn) ?? lfn;
  const jobs = fragment.jobs.map((job) => remapJob(job, idMap.get(job.id)!, rename));
  const dependencies: Dependency[] = [];
  for (const d of fragment.dependencies) {
    const parent = idMap.get(d.id);
    const children = d.children.filter((c) => idMap.has(c)).map((c) => idMap.get(c)!);
    if (parent !== undefined && children.length > 0) dependencies.push({ id: parent, children });
  }

  const shift = placement(fragment, place);
  const entries: PositionChange[] = [];
  const seen = new Set<string>();
  for (const job of fragment.jobs) {
    const p = fragment.positions.get(jobKey(job.id));
    if (p) entries.push([jobKey(idMap.get(job.id)!), undefined, { x: p.x + shift.x, y: p.y + shift.y }]);
    for (const use of job.uses) {
      const key = fileKey(rename(use.lfn));
      // A file the document already has keeps its node; new ones come with the fragment.
      const isNew = lfnMap.has(use.lfn) || (!existing.has(use.lfn) && !doc.positions.has(key));
      if (!isNew || seen.has(key)) continue;
      seen.add(key);
      const f = fragment.positions.get(fileKey(use.lfn));
      if (f) entries.push([key, undefined, { x: f.x + shift.x, y: f.y + shift.y }]);
    }
  }
  const ops: PatchOp[] = [{ kind: 'jobs', index: doc.workflow.jobs.length, remove: [], insert: jobs }];
  if (dependencies.length > 0) ops.push({ kind: 'dependencies', index: doc.workflow.dependencies.length, remove: [], insert: dependencies });
  if (entries.length > 0) ops.push({ kind: 'positions', entries });
  return { ok: true, edit: makeEdit(label, ops), select: jobs.map((j) => jobKey(j.id)) };
}

function placement(fragment: Fragment, place: { at?: Position; offset?: Position }): Position {
  if (!place.at) return place.offset ?? { x: 40, y: 40 };
  let minX = Infinity;
  let minY = Infinity;
  for (const p of fragment.positions.values()) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
  }
  if (!Number.isFinite(minX)) return place.at;
  return { x: place.at.x - minX, y: place.at.y - minY };
}

function producedFiles(workflow: Workflow): Set<string> {
  const produced = new Set<string>();
  for (const job of workflow.jobs) forEachFileRole(job, (lfn, role) => role === 'produces' && produced.add(lfn));
  return produced;
}

function remapJob(job: Job, id: string, rename: (lfn: string) => string): Job {
  const next: Job = {
    ...job,
    id,
    uses: job.uses.map((u) => (rename(u.lfn) === u.lfn ? u : { ...u, lfn: rename(u.lfn) })),
    arguments: job.arguments.map((a: Argument) => (typeof a === 'string' ? rename(a) : a)),
  };
  if (job.stdin !== undefined) next.stdin = rename(job.stdin);
  if (job.stdout !== undefined) next.stdout = rename(job.stdout);
  if (job.stderr !== undefined) next.stderr = rename(job.stderr);
  return next;
}

/**
 * Duplicates the selected jobs beside the originals (one step). Cost: as {@link insertFragment}.
 */
export function duplicate(doc: EditableDocument, nodeKeys: readonly string[]): EditResult {
  const fragment = extractFragment(doc, nodeKeys);
  if (fragment.jobs.length === 0) return refuse('Select one or more jobs to duplicate.');
  return insertFragment(doc, fragment, { offset: { x: 60, y: 60 } }, fragment.jobs.length === 1 ? 'Duplicate job' : `Duplicate ${fragment.jobs.length} jobs`);
}
