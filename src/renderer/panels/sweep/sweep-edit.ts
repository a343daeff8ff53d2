/**
 * The sweep dialog's glue: the form as typed → a template job (file names rewritten to their
 * patterns) → `expandSweep` → ONE document edit that puts the new jobs where the template was
 * (and removes it unless kept), laid out in a grid below it. Undo takes them all back.
 */
import { type EditResult, type PositionChange, jobIds, jobKey, makeEdit, refuse } from '../../../shared/edit';
import type { EditableDocument } from '../../../shared/edit';
import type { Job } from '../../../shared/model';
import { expandSweep, parseSweepValues, type SweepSpec } from '../../../shared/sweep/sweep';
import { JOB_SIZE } from '../../canvas/node-types';

export interface SweepVariableRow {
  name: string;
  /** As typed: `A, B, C` or `1..10`. */
  values: string;
}

export interface SweepForm {
  variables: SweepVariableRow[];
  combine: 'product' | 'zip';
  /** Empty: the default (`ID_{var}`). */
  idPattern: string;
  /** Old file name → its pattern (`{sample}_aligned.bam`); names left out stay as they are. */
  filePatterns: Record<string, string>;
  /** Keep the template job beside the new ones (default: the sweep replaces it). */
  keepTemplate: boolean;
}

export type SpecReading = { ok: true; spec: SweepSpec; count: number } | { ok: false; message: string; field?: string };

/** Reads the variables of the form; `count` is how many jobs the sweep makes. */
export function readSweepSpec(form: SweepForm): SpecReading {
  const variables: Record<string, string[]> = {};
  for (const [index, row] of form.variables.entries()) {
    const name = row.name.trim();
    if (name === '' && row.values.trim() === '') continue;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      return {
        ok: false,
        message: `"${name}" is not a variable name (letters, digits and _).`,
        field: `var-name-${index}`,
      };
    if (variables[name]) return { ok: false, message: `{${name}} is given twice.`, field: `var-name-${index}` };
    const values = parseSweepValues(row.values);
    if (!values.ok) return { ok: false, message: values.message, field: `var-values-${index}` };
    variables[name] = values.values;
  }
  const lists = Object.values(variables);
  if (lists.length === 0) return { ok: false, message: 'Add a variable with its values.' };
  const count = form.combine === 'zip' ? lists[0]!.length : lists.reduce((n, list) => n * list.length, 1);
  const spec: SweepSpec = { variables, combine: form.combine };
  if (form.idPattern.trim() !== '') spec.idPattern = form.idPattern.trim();
  return { ok: true, spec, count };
}

/** The template: the job with each file renamed to its pattern, in its uses and its arguments. */
function templateOf(job: Job, filePatterns: Readonly<Record<string, string>>): Job {
  const rename = (lfn: string) => {
    const pattern = filePatterns[lfn]?.trim();
    return pattern ? pattern : lfn;
  };
  const next: Job = {
    ...job,
    uses: job.uses.map((use) => ({ ...use, lfn: rename(use.lfn) })),
    arguments: job.arguments.map((argument) => (typeof argument === 'string' ? rename(argument) : argument)),
  };
  if (job.stdin !== undefined) next.stdin = rename(job.stdin);
  if (job.stdout !== undefined) next.stdout = rename(job.stdout);
  if (job.stderr !== undefined) next.stderr = rename(job.stderr);
  return next;
}

/** Grid spacing of the new jobs: a job's size plus a gap. */
const GAP = 30;

/** The sweep as one edit, or why it cannot be made. Cost: O(jobs made × template size + jobs). */
export function sweepEdit(doc: EditableDocument, jobId: string, form: SweepForm): EditResult {
  const index = doc.workflow.jobs.findIndex((j) => j.id === jobId);
  const job = doc.workflow.jobs[index];
  if (!job) return refuse(`There is no job "${jobId}".`);
  const reading = readSweepSpec(form);
  if (!reading.ok) return refuse(reading.message);
  const taken = jobIds(doc.workflow);
  if (!form.keepTemplate) taken.delete(jobId);
  const made = expandSweep(templateOf(job, form.filePatterns), reading.spec, taken);
  if (!made.ok) return refuse(made.message);

  const origin = doc.positions.get(jobKey(jobId)) ?? { x: 0, y: 0 };
  const columns = Math.max(1, Math.ceil(Math.sqrt(made.jobs.length)));
  const top = origin.y + (form.keepTemplate ? JOB_SIZE.height + GAP * 2 : 0);
  const entries: PositionChange[] = made.jobs.map((j, i) => [
    jobKey(j.id),
    doc.positions.get(jobKey(j.id)),
    {
      x: origin.x + (i % columns) * (JOB_SIZE.width + GAP),
      y: top + Math.floor(i / columns) * (JOB_SIZE.height + GAP),
    },
  ]);
  if (!form.keepTemplate && !made.jobs.some((j) => j.id === jobId))
    entries.push([jobKey(jobId), doc.positions.get(jobKey(jobId)), undefined]);
  const edit = makeEdit(`Sweep ${jobId} into ${made.jobs.length} jobs`, [
    form.keepTemplate
      ? { kind: 'jobs', index: index + 1, remove: [], insert: made.jobs }
      : { kind: 'jobs', index, remove: [job], insert: made.jobs },
    { kind: 'positions', entries },
  ]);
  return { ok: true, edit, select: made.jobs.map((j) => jobKey(j.id)) };
}
