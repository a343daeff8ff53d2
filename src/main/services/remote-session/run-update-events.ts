// `run.update` events of remote runs: whole summaries when needed, the jobs that changed otherwise.
import type { AppEvent, RunSummary } from '../../../shared/ipc-events';
import { changedStates } from '../../../shared/run/job-state-map';
import { isRunFinal, type JobState } from '../../../shared/run/run-state';

export type RunUpdateEvent = Extract<AppEvent, { type: 'run.update' }>;

/** A watched run's pages get every job's state at least this often (a page that missed an update catches up). */
const FULL_SUMMARY_EVERY_MS = 60_000;

/**
 * Turns each new summary of a remote run into its event: whole the first time, when the run
 * ends and every minute, else with only the jobs whose state changed since the last event
 * (`changedOnly`). Comparing costs O(jobs) in this process, but a poll of a 100,000-job run
 * sends kilobytes instead of megabytes, and the page parses and applies as little.
 */
export class RunUpdateEvents {
  private readonly sent = new Map<string, { states: Readonly<Record<string, JobState>>; fullAt: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly fullEveryMs = FULL_SUMMARY_EVERY_MS,
  ) {}

  eventFor(run: RunSummary): RunUpdateEvent {
    const sent = this.sent.get(run.id);
    const now = this.now();
    if (sent && !isRunFinal(run.state) && now - sent.fullAt < this.fullEveryMs) {
      const changed = changedStates(sent.states, run.jobStates);
      if (changed) {
        sent.states = run.jobStates;
        return { type: 'run.update', run: { ...run, jobStates: changed }, changedOnly: true };
      }
    }
    if (isRunFinal(run.state)) this.sent.delete(run.id);
    else this.sent.set(run.id, { states: run.jobStates, fullAt: now });
    return { type: 'run.update', run };
  }
}
