import type { Diagnostic } from '../model/diagnostic';
import type { JobState, RunState } from './run-state';

/** The format tag of `run.json`; bumped when a field changes meaning. */
export const RUN_RECORD_FORMAT = 'pegasus-canvas-run/1';

/** One try of a job. Paths are relative to the run folder. */
export interface AttemptRecord {
  /** 0 for the first try, as DAGMan numbers retries. */
  attempt: number;
  startedAt: string;
  endedAt?: string;
  /** Exit code of the process; `null` when it was killed by a signal or never started. */
  exitCode?: number | null;
  signal?: string | null;
  /** Why the attempt failed when there is no exit code (spawn error, missing input). */
  error?: string;
  stdout: string;
  stderr: string;
}

/** One job of a run, as the record keeps it. */
export interface JobRecord {
  id: string;
  state: JobState;
  attempts: AttemptRecord[];
  /** Run folder of a sub-workflow job's child run, relative to this run's folder. */
  childRun?: string;
}

/** The options a run was started with (what `resume` reuses). */
export interface RunOptionsRecord {
  /** Most cores in use at once. */
  slots: number;
  /** Memory limit in MB, when known. */
  memoryMb?: number;
  stageIn: 'copy' | 'symlink';
  stageOut: boolean;
  defaultRetries: number;
}

/**
 * `run.json`, the record of one local run. It is rewritten atomically as states change so
 * that a run reopens after the app restarts.
 */
export interface RunRecord {
  format: typeof RUN_RECORD_FORMAT;
  /** Folder name, e.g. `diamond-20261125T003000Z`. */
  name: string;
  workflow: {
    name: string;
    /** Absolute path of the workflow file, when the run came from a file. */
    file?: string;
    /** Directory relative paths of the workflow are resolved against. */
    dir: string;
  };
  options: RunOptionsRecord;
  state: RunState;
  createdAt: string;
  startedAt?: string;
  endedAt?: string;
  /** Process driving the run; a record saying `running` whose owner is gone is `interrupted`. */
  owner?: { pid: number };
  /** Resumes so far (0 for a fresh run). */
  resumes: number;
  /** Where jobs run and find their inputs, relative to the run folder (or absolute). */
  scratchDir: string;
  /** Where `stageOut` outputs are copied, relative to the run folder (or absolute). */
  outputsDir: string;
  jobs: JobRecord[];
  diagnostics: Diagnostic[];
}
