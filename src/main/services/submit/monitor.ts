import { buildJobstateTailCommand, foldJobstate, parseJobstateChunk, parseJobstateTail } from '../../../shared/remote/jobstate-log';
import { buildStatusCommand, parseStatusJson, type StatusReport } from '../../../shared/remote/pegasus-status';
import { historiesOf, mergeJobStates, remoteProgress, runStateOfDag, type RemoteProgress, type RemoteRunRecord } from '../../../shared/run/remote-run';
import { isRunFinal } from '../../../shared/run/run-state';
import { isSshError } from '../ssh';
import type { RunStore } from './run-store';
import { parsed, runTool, toolFailure } from './run-tool';
import { SubmitError } from './submit-error';
import type { SubmitHost } from './submit-host';

/** What one poll learnt: the updated record, its progress, and pegasus-status's report. */
export interface RunUpdate {
  record: RemoteRunRecord;
  progress: RemoteProgress;
  status: StatusReport;
  /** The record changed and is not on disk yet (a poll between two reads of pegasus-status). */
  unsaved?: true;
}

/**
 * One poll of a running workflow: `pegasus-status -j` for DAGMan's counts, the HTCondor queue
 * and the DAG state, then the new part of `jobstate.log` for per-job states. Both commands are
 * idempotent reads, so a poll cut by a dropped connection is simply repeated. The record is
 * saved before returning.
 */
export async function pollRun(
  host: SubmitHost,
  record: RemoteRunRecord,
  store: RunStore,
  now: () => Date = () => new Date(),
  options: PollOptions = {},
): Promise<RunUpdate> {
  const submitDir = record.submitDir;
  if (submitDir === undefined) throw new SubmitError('NOT_PLANNED', `run ${record.id} has no submit directory yet (stage: ${record.stage})`);
  let status = options.lastStatus;
  if (!status) {
    const statusArgv = buildStatusCommand(submitDir);
    const statusResult = await runTool(host, statusArgv);
    if (statusResult.exitCode !== 0) throw toolFailure(statusArgv, statusResult);
    status = parsed(parseStatusJson(statusResult.stdout));
  }

  let chunk = await readJobstate(host, submitDir, record.jobstateOffset);
  if (chunk === 'rotated') {
    // A new log (monitord started again): read it from its start; what is known stays known.
    record.jobstateOffset = 0;
    chunk = await readJobstate(host, submitDir, 0);
  }
  const events = chunk === 'rotated' ? { events: [], consumedBytes: 0 } : chunk;
  // Only the nodes the new lines mention are folded: a poll with no news costs O(queue), not O(jobs).
  const histories = foldJobstate(historiesOf(record.jobs, events.events.map((event) => event.job)), events.events);
  mergeJobStates(record.jobs, histories, status.condorJobs, new Set(record.workflow.jobIds));
  const state = runStateOfDag(status.state, record.removed);
  const changed =
    events.events.length > 0 ||
    status.condorJobs.length > 0 ||
    record.error !== undefined ||
    state !== record.state ||
    JSON.stringify(record.status?.totals) !== JSON.stringify(status.totals);
  record.jobstateOffset += events.consumedBytes;
  record.status = { totals: status.totals, dagState: status.state, at: now().toISOString() };
  record.state = state;
  delete record.error;
  // The record is rewritten only when something changed (it holds every job: large workflows),
  // and, between two reads of pegasus-status, not at all: the watch saves it with the next one.
  if (changed) record.updatedAt = now().toISOString();
  const unsaved = (changed || options.unsaved === true) && options.lastStatus !== undefined && !isRunFinal(state);
  if ((changed || options.unsaved) && !unsaved) await store.save(record);
  return { record, progress: remoteProgress(record), status, ...(unsaved ? { unsaved } : {}) };
}

export interface PollOptions {
  /**
   * pegasus-status's report from an earlier poll: this poll reads only the new part of
   * jobstate.log (one cheap read), keeps DAGMan's counts and the queue as they were, and
   * leaves the record to be saved by the next full poll.
   */
  lastStatus?: StatusReport;
  /** Earlier polls changed the record without saving it. */
  unsaved?: boolean;
}

async function readJobstate(host: SubmitHost, submitDir: string, offset: number): Promise<ReturnType<typeof parseJobstateChunk> | 'rotated'> {
  const result = await runTool(host, buildJobstateTailCommand(submitDir, offset));
  // No jobstate.log yet (monitord not started) is not an error: nothing happened yet.
  if (result.exitCode !== 0) return { events: [], consumedBytes: 0 };
  const tail = parsed(parseJobstateTail(result.stdout, offset));
  return tail.rotated ? 'rotated' : parseJobstateChunk(tail.chunk);
}

export interface WatchOptions {
  store: RunStore;
  /** Time between polls. */
  intervalMs: number;
  /**
   * Time between two runs of pegasus-status (which asks HTCondor); polls in between read only
   * the new lines of jobstate.log. Default: every poll.
   */
  statusIntervalMs?: number;
  /** Longest wait between retries after errors (doubling from intervalMs). Default 60 s. */
  maxBackoffMs?: number;
  /** Consecutive failed polls (bad output, tool errors, lost connection) before giving up. Default 20. */
  maxFailures?: number;
  signal?: AbortSignal;
  onUpdate?: (update: RunUpdate) => void;
  /** Each failed poll, with the wait before the next try. */
  onError?: (error: Error, retryInMs: number) => void;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => Date;
}

/** Errors after which polling again cannot help: the user must act (host key, authentication). */
const FATAL_SSH = ['AUTH_FAILED', 'AUTH_CANCELLED', 'AUTH_TIMEOUT', 'KEY_UNUSABLE', 'HOST_KEY_CHANGED', 'HOST_KEY_REVOKED', 'HOST_KEY_REJECTED'] as const;

/**
 * Polls a run until it succeeds, fails or is removed, or `signal` aborts. A dropped connection,
 * a tool error or unreadable output is reported through `onError` and retried with backoff;
 * the record on disk always holds the last good state, so a watch started again after an app
 * restart resumes from it (jobstate.log is read on from the saved offset).
 */
export async function watchRun(host: SubmitHost, record: RemoteRunRecord, options: WatchOptions): Promise<RemoteRunRecord> {
  const sleep = options.sleep ?? abortableSleep;
  const maxFailures = options.maxFailures ?? 20;
  let failures = 0;
  const now = options.now ?? (() => new Date());
  // The last report of pegasus-status and when it was read (jobstate.log is read every poll).
  let lastStatus: { report: StatusReport; at: number } | undefined;
  let unsaved = false;
  while (!options.signal?.aborted) {
    let wait = options.intervalMs;
    try {
      const fresh = !lastStatus || now().getTime() - lastStatus.at >= (options.statusIntervalMs ?? 0);
      const update = await pollRun(host, record, options.store, now, {
        ...(fresh || !lastStatus ? {} : { lastStatus: lastStatus.report }),
        unsaved,
      });
      if (fresh) lastStatus = { report: update.status, at: now().getTime() };
      unsaved = update.unsaved === true;
      failures = 0;
      options.onUpdate?.(update);
      if (isRunFinal(update.record.state) || update.record.state === 'cancelled') return update.record;
    } catch (error) {
      if (isSshError(error, ...FATAL_SSH) || (error instanceof SubmitError && (error.code === 'NOT_PLANNED' || error.code === 'BAD_OPTION'))) throw error;
      if (isSshError(error, 'ABORTED') && options.signal?.aborted) break;
      failures += 1;
      wait = Math.min(options.maxBackoffMs ?? 60_000, options.intervalMs * 2 ** Math.min(failures, 16));
      const reason = error instanceof Error ? error : new Error(String(error));
      record.error = reason.message;
      await options.store.save(record).catch(() => undefined);
      if (failures >= maxFailures) throw reason;
      options.onError?.(reason, wait);
    }
    await sleep(wait, options.signal).catch(() => undefined);
  }
  return record;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
