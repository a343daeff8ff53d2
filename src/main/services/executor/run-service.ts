import path from 'node:path';
import type { Diagnostic } from '../../../shared/model';
import type { RunRecord } from '../../../shared/run/run-record';
import type { JobCounts, JobState, RunState } from '../../../shared/run/run-state';
import { type BatchClock, ChangeBatcher } from '../../../shared/run/change-batcher';
import { readJobLog, type LogTail } from './job-logs';
import { startLocalRun, type LocalRun } from './local-run';
import { readProperties } from './properties';
import type { BundleLoader, LocalRunDeps } from './run-options';
import { defaultRunsRoot, listRuns, openRun, RunListCache } from './run-store';

/** Most job changes in one update: 100,000 jobs turning ready at once reach the page as 10 messages it takes one at a time. */
const MAX_CHANGES_PER_UPDATE = 10_000;

const TIMERS: BatchClock = {
  now: () => performance.now(),
  schedule: (run, ms) => setTimeout(run, ms),
  cancel: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** What the UI hears about a run: job changes batched (changes only, never the whole run), with the counts after them. */
export interface RunUpdate {
  runDir: string;
  state: RunState;
  counts: JobCounts;
  /** Jobs whose state changed since the last update, last state wins. */
  jobs: Array<{ jobId: string; state: JobState; attempt: number; exitCode?: number | null; error?: string }>;
}

/** A run as listed in the runs panel. */
export interface RunSummary {
  runDir: string;
  name: string;
  state: RunState;
  createdAt: string;
  workflowFile?: string;
  active: boolean;
}

export interface LocalRunServiceOptions extends LocalRunDeps {
  /** Reads a workflow and its catalogs (`loadWorkflowBundle`). */
  load: BundleLoader;
  baseEnv?: NodeJS.ProcessEnv;
  /** Time between SIGTERM and SIGKILL on cancel (default 2000 ms). */
  killGraceMs?: number;
  /**
   * Job changes are sent at most this often (default 250 ms): whatever the rate of changes, a
   * run makes at most four updates a second, and at least one per interval while jobs change.
   */
  batchMs?: number;
}

export type StartRunAnswer = { ok: true; runDir: string; record: RunRecord; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

/**
 * The app's local runs: starts them from a workflow file, keeps the active ones, forwards their
 * progress to one listener (the IPC layer) in batches, cancels, lists and reopens runs from
 * disk, and reads job logs. Runs keep going while the window shows something else. Updates
 * carry the jobs that changed since the last one, at most four times a second (`batchMs`).
 */
export class LocalRunService {
  private readonly active = new Map<string, LocalRun>();
  private readonly listeners = new Set<(update: RunUpdate) => void>();
  private readonly listCache = new RunListCache();

  constructor(private readonly options: LocalRunServiceOptions) {}

  /** Calls `listener` with every batch of changes of every run; returns the function that stops it. */
  subscribe(listener: (update: RunUpdate) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts (or with `resume`, finishes) a run of the workflow in `file`. */
  async start(file: string, options: { slots?: number; runDir?: string; resume?: string } = {}): Promise<StartRunAnswer> {
    const loaded = await this.options.load(file);
    if (!loaded.ok) return { ok: false, diagnostics: loaded.diagnostics };
    const { load, baseEnv, batchMs: _batchMs, ...deps } = this.options;
    let properties: Map<string, string>;
    try {
      properties = await readProperties(path.join(path.dirname(file), 'pegasus.properties'));
    } catch (error) {
      return { ok: false, diagnostics: [{ code: 'PC524', severity: 'error', message: (error as Error).message, target: { kind: 'workflow' } }] };
    }
    const started = await startLocalRun(loaded.bundle, {
      ...deps,
      properties,
      workflowDir: path.dirname(file),
      workflowFile: file,
      loadSubWorkflow: load,
      ...(baseEnv ? { baseEnv } : {}),
      ...(options.slots !== undefined ? { slots: options.slots } : {}),
      ...(options.runDir ? { runDir: options.runDir } : {}),
      ...(options.resume ? { resume: options.resume } : {}),
    });
    if (!started.ok) return { ok: false, diagnostics: started.diagnostics };
    this.track(started.run);
    return { ok: true, runDir: started.run.dir, record: started.run.record, diagnostics: started.diagnostics };
  }

  /** Stops an active run; resolves with its final record. */
  async cancel(runDir: string): Promise<RunRecord> {
    const run = this.active.get(path.resolve(runDir));
    if (!run) throw Object.assign(new Error(`No active run in ${runDir}`), { code: 'PC523' });
    return run.cancel();
  }

  /** Waits for an active run to end (or reads a finished one). */
  async wait(runDir: string): Promise<RunRecord> {
    const run = this.active.get(path.resolve(runDir));
    return run ? run.done : (await openRun(runDir)).record;
  }

  /** The record of a run: live when it is active, else read from its folder. */
  async record(runDir: string): Promise<RunRecord> {
    return this.active.get(path.resolve(runDir))?.record ?? (await openRun(runDir)).record;
  }

  /** Runs of a workflow (its runs folder), newest first, active ones marked. */
  async list(workflowFile: string): Promise<RunSummary[]> {
    // Active runs are listed from memory and finished ones read once: no 100,000-job record is parsed on every refresh.
    const runs = await listRuns(defaultRunsRoot(path.dirname(workflowFile)), { live: (dir) => this.active.get(dir)?.record, cache: this.listCache });
    return runs
      .filter((run) => run.record.workflow.file === undefined || run.record.workflow.file === workflowFile)
      .map((run) => {
        const live = this.active.get(run.dir);
        const record = live?.record ?? run.record;
        return {
          runDir: run.dir,
          name: record.name,
          state: record.state,
          createdAt: record.createdAt,
          ...(record.workflow.file ? { workflowFile: record.workflow.file } : {}),
          active: live !== undefined,
        };
      });
  }

  /** The end of a job's stdout or stderr. */
  async log(runDir: string, jobId: string, stream: 'stdout' | 'stderr', options: { attempt?: number; maxBytes?: number } = {}): Promise<LogTail> {
    return readJobLog(path.resolve(runDir), await this.record(runDir), jobId, stream, options);
  }

  /** Cancels every active run (the app is quitting) and waits for them to stop. */
  async cancelAll(): Promise<void> {
    await Promise.all([...this.active.values()].map((run) => run.cancel()));
  }

  private track(run: LocalRun): void {
    this.active.set(run.dir, run);
    const batcher = new ChangeBatcher<RunUpdate['jobs'][number]>(
      (jobs) => {
        const update: RunUpdate = { runDir: run.dir, state: run.record.state, counts: run.jobCounts, jobs };
        for (const listener of this.listeners) listener(update);
      },
      { intervalMs: this.options.batchMs ?? 250, maxChanges: MAX_CHANGES_PER_UPDATE },
      TIMERS,
    );
    run.on('job', (event) => {
      batcher.add(event.jobId, {
        jobId: event.jobId,
        state: event.state,
        attempt: event.attempt,
        ...(event.exitCode !== undefined ? { exitCode: event.exitCode } : {}),
        ...(event.error !== undefined ? { error: event.error } : {}),
      });
    });
    run.on('state', () => batcher.flush());
    void run.done.then(() => this.active.delete(run.dir));
  }
}
