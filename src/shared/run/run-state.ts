/**
 * States of a workflow run and of its jobs, shared by the local executor, the SSH monitor and
 * the UI (canvas colours, progress bar, counts). The names follow DAGMan's progress table
 * (UNREADY READY PRE QUEUED POST SUCCESS FAILURE) with the extra states a user sees.
 */

/**
 * Where one job is.
 * - `unready`: waits for a parent (DAGMan UNREADY);
 * - `ready`: every parent succeeded, waits for a free slot (READY);
 * - `queued`: handed to a scheduler that has not started it yet (remote runs; IDLE in HTCondor);
 * - `running`: its process runs;
 * - `succeeded`, `failed` (after its last retry), `cancelled` (stopped by the user);
 * - `held`: stopped by the remote scheduler (HTCondor hold), waits for release;
 * - `skipped`: not run because its outputs already exist (data reuse). A resumed run keeps
 *   the jobs an earlier attempt finished as `succeeded`, with their attempts.
 */
export type JobState = 'unready' | 'ready' | 'queued' | 'running' | 'succeeded' | 'failed' | 'held' | 'cancelled' | 'skipped';

/** Every job state, in the order the UI lists counts. */
export const JOB_STATES: readonly JobState[] = ['unready', 'ready', 'queued', 'running', 'held', 'succeeded', 'skipped', 'failed', 'cancelled'];

/**
 * Where a whole run is. `interrupted`: the record says running but the process that drove it
 * is gone (the app quit or crashed); such a run can be resumed like a failed one.
 */
export type RunState = 'created' | 'running' | 'cancelling' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

/** True when a job will not change state again in this run. */
export function isJobFinal(state: JobState): boolean {
  return state === 'succeeded' || state === 'failed' || state === 'cancelled' || state === 'skipped';
}

/** True when a job's outputs exist: it succeeded now or in an earlier run. */
export function isJobDone(state: JobState): boolean {
  return state === 'succeeded' || state === 'skipped';
}

/** True when a run will not change state again unless it is resumed. */
export function isRunFinal(state: RunState): boolean {
  return state === 'succeeded' || state === 'failed' || state === 'cancelled' || state === 'interrupted';
}

/** Number of jobs in each state. */
export type JobCounts = Record<JobState, number>;

/** All-zero counts. */
export function emptyCounts(): JobCounts {
  return { unready: 0, ready: 0, queued: 0, running: 0, succeeded: 0, failed: 0, held: 0, cancelled: 0, skipped: 0 };
}

/** Counts of a list of states. Cost: O(n). */
export function countStates(states: Iterable<JobState>): JobCounts {
  const counts = emptyCounts();
  for (const state of states) counts[state]++;
  return counts;
}

/** Total number of jobs counted. */
export function totalCount(counts: JobCounts): number {
  let total = 0;
  for (const state of JOB_STATES) total += counts[state];
  return total;
}

/** Share of jobs done (succeeded or skipped), 0..1, for a progress bar; 1 for an empty run. */
export function progressFraction(counts: JobCounts): number {
  const total = totalCount(counts);
  return total === 0 ? 1 : (counts.succeeded + counts.skipped) / total;
}

/**
 * The moves a job may make. A retry goes `running → ready`; a resume starts from the
 * record and turns `failed`/`cancelled`/`running` back into `unready`.
 */
const TRANSITIONS: Readonly<Record<JobState, readonly JobState[]>> = {
  unready: ['ready', 'cancelled', 'skipped'],
  ready: ['queued', 'running', 'cancelled', 'unready'],
  queued: ['running', 'held', 'cancelled', 'failed', 'ready'],
  running: ['succeeded', 'failed', 'ready', 'held', 'cancelled'],
  held: ['queued', 'running', 'cancelled', 'failed'],
  succeeded: [],
  skipped: [],
  failed: ['unready'],
  cancelled: ['unready'],
};

/** True when a job may go from `from` to `to` (used to reject out-of-order monitor events). */
export function canTransition(from: JobState, to: JobState): boolean {
  return TRANSITIONS[from].includes(to);
}

/**
 * The state of a run once no job can move any more: failed if any job failed, cancelled if the
 * user stopped it, succeeded when every job is done.
 */
export function finalRunState(counts: JobCounts, cancelled: boolean): RunState {
  if (cancelled) return 'cancelled';
  if (counts.failed > 0) return 'failed';
  return counts.succeeded + counts.skipped === totalCount(counts) ? 'succeeded' : 'failed';
}

/** Summary line like DAGMan's: `3/10 done, 2 running, 1 failed`. */
export function formatCounts(counts: JobCounts): string {
  const done = counts.succeeded + counts.skipped;
  const parts = [`${done}/${totalCount(counts)} done`];
  for (const state of ['running', 'queued', 'held', 'ready', 'failed', 'cancelled'] as const) {
    if (counts[state] > 0) parts.push(`${counts[state]} ${state}`);
  }
  return parts.join(', ');
}
