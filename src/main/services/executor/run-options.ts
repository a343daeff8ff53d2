import type { Diagnostic, Replica, WorkflowBundle } from '../../../shared/model';
import type { JobCounts, JobState, RunState } from '../../../shared/run/run-state';
import type { ResourcePool } from '../../../shared/run/scheduler';
import type { SpawnFunction } from './job-process';

/** Loads a workflow file with its catalogs (the CLI and app pass `loadWorkflowBundle`). */
export type BundleLoader = (file: string) => Promise<{ ok: true; bundle: WorkflowBundle } | { ok: false; diagnostics: Diagnostic[] }>;

/** Side effects of a run, as parameters so tests control them. */
export interface LocalRunDeps {
  spawn?: SpawnFunction;
  /** Clock for the record's timestamps. */
  now?: () => Date;
  /** This machine; defaults to `os.availableParallelism()` cores and `os.totalmem()`. */
  machine?: { cores: number; memoryMb: number };
  which?: (command: string) => string | undefined;
}

export interface LocalRunOptions extends LocalRunDeps {
  /** Directory of the workflow file: relative paths in catalogs resolve against it. */
  workflowDir: string;
  workflowFile?: string;
  /** Folder holding runs (default `<workflowDir>/.pegasus-canvas/runs`). */
  runsRoot?: string;
  /** Exact folder for a new run. */
  runDir?: string;
  /** Folder of a stopped or failed run to finish. */
  resume?: string;
  /** Most cores in use at once (`--jobs N`); default: every core. */
  slots?: number;
  memoryMb?: number;
  stageIn?: 'copy' | 'symlink';
  /** Copy `stageOut: true` outputs to the run's `outputs/` (default true). */
  stageOut?: boolean;
  /** Retries of a job without a dagman RETRY profile (default 1, the planner's `RETRY 1`). */
  defaultRetries?: number;
  /** Environment jobs start from (default `process.env`); env profiles go on top. */
  baseEnv?: NodeJS.ProcessEnv;
  /**
   * `pegasus.properties` of the workflow (see `readProperties`): `dagman.retry` gives the
   * default retries, `env.*` the lowest layer of job environments.
   */
  properties?: ReadonlyMap<string, string>;
  /** Needed for sub-workflow jobs. */
  loadSubWorkflow?: BundleLoader;
  /** Time between SIGTERM and SIGKILL on cancel (default 2000 ms). */
  killGraceMs?: number;
  /** For sub-workflow runs: the parent's pool, scratch and outputs. */
  pool?: ResourcePool;
  scratchDir?: string;
  outputsDir?: string;
  providedLfns?: ReadonlySet<string>;
  inheritedReplicas?: readonly Replica[];
}

/** One job's change of state, for the canvas. */
export interface JobEvent {
  jobId: string;
  index: number;
  state: JobState;
  /** 0-based attempt the state belongs to. */
  attempt: number;
  exitCode?: number | null;
  error?: string;
}

/** Events of a {@link LocalRun}. */
export interface LocalRunEvents {
  job: [JobEvent];
  progress: [JobCounts];
  state: [RunState];
}

