/**
 * Rows of the core benchmark for incremental validation at 10^5 jobs: for the fan-out/fan-in
 * shape and the montage-like one (`test/e2e/scale/scale-workflows.ts`), the time to build
 * the incremental validator, then the time from a one-job edit's patch to its diagnostics
 * delta (delete a job in the middle; change one job's uses), against a full
 * `validateWorkflow` of the edited workflow. Edit times are the median of several edits,
 * each undone before the next, after two warm-up rounds.
 */
import { performance } from 'node:perf_hooks';
import type { Patch } from '../src/shared/edit';
import { IncrementalValidator } from '../src/shared/incremental';
import type { Job, Workflow } from '../src/shared/model';
import { validateWorkflow } from '../src/shared/validate';
import { montageLike } from '../test/e2e/scale/scale-workflows';
import { fanOutFanIn } from './core-bench-shape';

export interface IncrementalRow {
  step: string;
  ms: number;
  note: string;
}

const ROUNDS = 7;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Times `edit(job at i)` then its undo, for jobs near the middle; returns the median edit time and the last delta's size. */
function timeEdits(
  validator: IncrementalValidator,
  makeEdit: (job: Job, at: number) => Patch,
  undoOf: (job: Job, at: number) => Patch,
): { ms: number; delta: string } {
  const times: number[] = [];
  let delta = '';
  const middle = Math.floor(validator.workflow.jobs.length / 2);
  for (let round = -2; round < ROUNDS; round++) {
    const at = middle + round * 11;
    const job = validator.workflow.jobs[at]!;
    const started = performance.now();
    const result = validator.apply(makeEdit(job, at));
    const ms = performance.now() - started;
    if (round >= 0) times.push(ms);
    delta = `-${result.removed.length} +${result.added.length}`;
    validator.apply(undoOf(job, at));
  }
  return { ms: median(times), delta };
}

function rowsFor(shape: string, workflow: Workflow): IncrementalRow[] {
  const rows: IncrementalRow[] = [];
  let started = performance.now();
  const validator = IncrementalValidator.create({ workflow, catalogs: {} });
  rows.push({
    step: `incremental: ${shape} build`,
    ms: performance.now() - started,
    note: `${validator.size} diagnostics`,
  });

  const deleted = timeEdits(
    validator,
    (job, at) => [{ kind: 'jobs', index: at, remove: [job], insert: [] }],
    (job, at) => [{ kind: 'jobs', index: at, remove: [], insert: [job] }],
  );
  const changedUses = (job: Job): Job => ({
    ...job,
    uses: [...job.uses.slice(1), { lfn: 'extra.dat', type: 'input' }],
  });
  let replaced: Job | undefined;
  const changed = timeEdits(
    validator,
    (job, at) => [{ kind: 'jobs', index: at, remove: [job], insert: [(replaced = changedUses(job))] }],
    (job, at) => [{ kind: 'jobs', index: at, remove: [replaced!], insert: [job] }],
  );

  // The same edit, checked in full as before: validateWorkflow of the edited workflow.
  const at = Math.floor(workflow.jobs.length / 2);
  const edited = { ...workflow, jobs: [...workflow.jobs.slice(0, at), ...workflow.jobs.slice(at + 1)] };
  started = performance.now();
  const full = validateWorkflow({ workflow: edited, catalogs: {} });
  const fullMs = performance.now() - started;

  rows.push({
    step: `incremental: ${shape} delete a middle job`,
    ms: deleted.ms,
    note: `median of ${ROUNDS}; delta ${deleted.delta}`,
  });
  rows.push({
    step: `incremental: ${shape} change one job's uses`,
    ms: changed.ms,
    note: `median of ${ROUNDS}; delta ${changed.delta}`,
  });
  rows.push({
    step: `incremental: ${shape} full validate instead`,
    ms: fullMs,
    note: `${full.length} diagnostics, all re-sent`,
  });
  return rows;
}

/** The incremental rows for `size` jobs (both shapes). */
export function incrementalRows(size: number): IncrementalRow[] {
  return [...rowsFor('fan-out', fanOutFanIn(size)), ...rowsFor('montage', montageLike(size))];
}
