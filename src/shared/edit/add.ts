import type { Transformation } from '../model/catalogs';
import type { ComputeJob, Job, SubWorkflowJob } from '../model/job';
import { type EditableDocument, type Position, fileKey, jobKey } from './document';
import { fileNames, jobIds, uniqueName } from './names';
import { makeEdit } from './patch';
import type { EditResult } from './result';

/** What the palette drops: a blank job, a job of a catalog transformation, or a sub-workflow. */
export type NewJobKind =
  | { kind: 'job' }
  | { kind: 'transformation'; transformation: Pick<Transformation, 'namespace' | 'name' | 'version'> }
  | { kind: 'subworkflow'; type?: 'pegasusWorkflow' | 'condorWorkflow' };

/**
 * Adds a job at `at`. Its id derives from the transformation name (`findrange`,
 * `findrange_2`, …). A sub-workflow job reads its workflow file as an input used for
 * planning, as the Python API's `SubWorkflow` writes it. Cost: O(jobs + uses).
 */
export function addJob(doc: EditableDocument, what: NewJobKind, at: Position): EditResult {
  const ids = jobIds(doc.workflow);
  let job: Job;
  if (what.kind === 'subworkflow') {
    const type = what.type ?? 'pegasusWorkflow';
    const files = fileNames(doc.workflow);
    const file = uniqueName(type === 'pegasusWorkflow' ? 'subworkflow.yml' : 'subworkflow.dag', (n) => files.has(n) || doc.positions.has(fileKey(n)));
    const sub: SubWorkflowJob = {
      type,
      id: uniqueName('subworkflow', ids),
      file,
      arguments: [],
      uses: [{ lfn: file, type: 'input', forPlanning: true }],
    };
    job = sub;
  } else {
    const t = what.kind === 'transformation' ? what.transformation : { name: 'task' };
    const compute: ComputeJob = { type: 'job', id: uniqueName(t.name, ids), name: t.name, arguments: [], uses: [] };
    if (t.namespace !== undefined) compute.namespace = t.namespace;
    if (t.version !== undefined) compute.version = t.version;
    job = compute;
  }
  const edit = makeEdit(what.kind === 'subworkflow' ? 'Add sub-workflow' : 'Add job', [
    { kind: 'jobs', index: doc.workflow.jobs.length, remove: [], insert: [job] },
    { kind: 'positions', entries: [[jobKey(job.id), doc.positions.get(jobKey(job.id)), at]] },
  ]);
  return { ok: true, edit, select: [jobKey(job.id)] };
}

/**
 * Places a new file on the canvas. It is not in the workflow until a job uses it (Pegasus
 * has no standalone file), so the edit only records its position for the sidecar.
 * Cost: O(jobs + uses).
 */
export function addFile(doc: EditableDocument, at: Position, lfn?: string): EditResult {
  const files = fileNames(doc.workflow);
  const name = lfn ?? uniqueName('file', (n) => files.has(n) || doc.positions.has(fileKey(n)));
  if (files.has(name) || doc.positions.has(fileKey(name))) return { ok: false, reason: `The file "${name}" is already on the canvas.` };
  const edit = makeEdit('Add file', [{ kind: 'positions', entries: [[fileKey(name), undefined, at]] }]);
  return { ok: true, edit, select: [fileKey(name)] };
}
