/**
 * The local-run part of the IPC contract (issue 5, "Run locally"): start a run of the saved
 * workflow on this machine, list the runs of a workflow (they survive a restart: their record
 * is on disk), read one run's job states, cancel, resume, and read a job's logs. Progress
 * arrives as `localRun.update` events (`ipc-events.ts`), batched by the main process.
 *
 * A run the preflight refuses is an answer, not an error: `{ started: false, diagnostics }`
 * with the PC5xx reasons, each naming its job.
 */
import { z } from 'zod';
import type { Diagnostic } from './model';
import type { JobCounts, JobState, RunState } from './run/run-state';

const pathSchema = z.string().min(1, 'a path is required').max(4096);

/** The local-run channels, merged into `channels` of `ipc.ts` (same order as in `ipc-channels.ts`). */
export const localRunChannels = {
  /** Runs the saved workflow file here; `slots`: most cores at once (default: every core). */
  'localRun.start': z.object({ workflowFile: pathSchema, slots: z.number().int().min(1).max(4096).optional() }),
  /** Runs of a workflow file, newest first, read from its runs folder. */
  'localRun.list': z.object({ workflowFile: pathSchema }),
  /** One run's record: state, counts and every job's state. */
  'localRun.get': z.object({ runDir: pathSchema }),
  'localRun.cancel': z.object({ runDir: pathSchema }),
  /** Finishes a stopped, failed or interrupted run, skipping the jobs already done. */
  'localRun.resume': z.object({ runDir: pathSchema }),
  /** The end of a job's stdout or stderr (last attempt unless `attempt`). */
  'localRun.logs': z.object({
    runDir: pathSchema,
    jobId: z.string().min(1).max(1000),
    stream: z.enum(['stdout', 'stderr']),
    attempt: z.number().int().min(0).max(1000).optional(),
  }),
} as const;

/** One job of a local run as the canvas paints it. */
export interface LocalRunJob {
  state: JobState;
  /** Attempts made so far. */
  attempts: number;
  exitCode?: number | null;
  error?: string;
}

/** A local run: what the run panel lists and the canvas paints. */
export interface LocalRunSnapshot {
  runDir: string;
  name: string;
  state: RunState;
  counts: JobCounts;
  /** Abstract job id → state. */
  jobs: Record<string, LocalRunJob>;
  createdAt: string;
  workflowFile?: string;
  /** True while this app drives it. */
  active: boolean;
}

/** A run in the list (no job states: a workflow may have many runs). */
export interface LocalRunEntry {
  runDir: string;
  name: string;
  state: RunState;
  createdAt: string;
  workflowFile?: string;
  active: boolean;
}

/** The answer of start and resume: started, or refused with the reasons (PC5xx, naming jobs). */
export type LocalRunStartValue = { started: true; run: LocalRunSnapshot; diagnostics: Diagnostic[] } | { started: false; diagnostics: Diagnostic[] };

/** A batch of job changes of one run (sent at most every 100 ms), with the counts after them. */
export interface LocalRunUpdate {
  runDir: string;
  state: RunState;
  counts: JobCounts;
  jobs: Array<{ jobId: string; state: JobState; attempt: number; exitCode?: number | null; error?: string }>;
}

/** The end of one job log. */
export interface LocalRunLog {
  file: string;
  text: string;
  size: number;
  truncated: boolean;
}

/** The answer value of each local-run channel. */
export interface LocalRunIpcValues {
  'localRun.start': LocalRunStartValue;
  'localRun.list': LocalRunEntry[];
  'localRun.get': LocalRunSnapshot;
  'localRun.cancel': LocalRunSnapshot;
  'localRun.resume': LocalRunStartValue;
  'localRun.logs': LocalRunLog;
}
