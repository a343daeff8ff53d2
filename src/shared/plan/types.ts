import type { Workflow } from '../model/workflow';
import type { Dag } from '../graph/dag';

/** How data moves between the staging site and the jobs (`pegasus.data.configuration`). */
export type DataConfiguration = 'condorio' | 'nonsharedfs' | 'sharedfs';

/** `--cleanup`: `inplace` (the pegasus-plan default) also adds the leaf cleanup jobs. */
export type CleanupMode = 'none' | 'leaf' | 'inplace';

/** `--cluster` styles, applied in the order given. */
export type ClusterStyle = 'horizontal' | 'label';

/** The options of pegasus-plan that shape the executable workflow. */
export interface PlanOptions {
  /** `--sites`: execution sites. Default: every site of the catalog except `local` (just `compute` if there is one). */
  sites?: readonly string[];
  /** `--staging-site e=s`: staging site per execution site (nonsharedfs only). The key `*` applies to all. */
  stagingSites?: Readonly<Record<string, string>>;
  /** `--output-sites`: where `stageOut: true` outputs go. None: outputs stay in the scratch directory. */
  outputSites?: readonly string[];
  /** `pegasus.data.configuration` when neither the job nor its site sets one. Default `condorio`. */
  dataConfiguration?: DataConfiguration;
  /** Default `inplace`, as pegasus-plan. */
  cleanup?: CleanupMode;
  cluster?: readonly ClusterStyle[];
  /** `--force`: skip data reuse. */
  force?: boolean;
  /** `--relative-dir`: submit and execution directory relative to the base. Default `<user>/pegasus/<name>/run0001`. */
  relativeDir?: string;
  /** Submitting user, for the default relative directory. Default `user`. */
  user?: string;
  /**
   * Add a `stage_worker_*` job that fetches the Pegasus worker package. pegasus-plan adds it
   * when the worker package for the target site is not the one installed on the submit host;
   * that is not knowable offline, so it is an option (default false).
   */
  stageWorker?: boolean;
  /** The workflow's index in its run (`Index = 0` in the DAG, and in job names). Default 0. */
  index?: number;
  /**
   * Absolute submit directory. Only used to place the auto-created `local` site's scratch
   * (`<parent>/wf-scratch/LOCAL`) and the worker package; default `/submit` (a placeholder).
   */
  submitDir?: string;
  /** Pegasus version on the submit host, for the worker package name. Not knowable offline; default `5.0.5`. */
  pegasusVersion?: string;
}

/** Kinds of executable jobs; `pegasus_job_class` values are in {@link JOB_CLASS}. */
export type PlanJobKind =
  | 'compute'
  | 'cluster'
  | 'stage-in'
  | 'inter-site'
  | 'stage-out'
  | 'registration'
  | 'create-dir'
  | 'stage-worker'
  | 'cleanup'
  | 'leaf-cleanup'
  | 'dax'
  | 'dag'
  | 'noop';

/** `pegasus_job_class` of each kind (`classes/Job.java`). */
export const JOB_CLASS: Readonly<Record<PlanJobKind, number>> = {
  compute: 1,
  cluster: 1,
  'stage-in': 2,
  'stage-out': 3,
  registration: 4,
  'inter-site': 5,
  'create-dir': 6,
  'stage-worker': 7,
  cleanup: 8,
  'leaf-cleanup': 8,
  dax: 10,
  dag: 11,
  noop: 1,
};

/** One end of a transfer. */
export interface TransferEnd {
  site: string;
  url: string;
}

/** One file moved by a transfer job (an entry of its `.in` list). */
export interface FileTransfer {
  lfn: string;
  linkage: 'input' | 'output';
  source: TransferEnd;
  destination: TransferEnd;
  /** Bytes, when `uses[].size` or the replica's `size` metadata says. */
  bytes?: number;
  /** True when the file is a staged executable. */
  executable?: boolean;
}

/** One replica a registration job inserts into the output replica catalog. */
export interface Registration {
  lfn: string;
  site: string;
  url: string;
}

/** One node of the executable workflow. */
export interface PlanJob {
  /** The DAGMan node name, as pegasus-plan names it. */
  name: string;
  kind: PlanJobKind;
  /** Where the job runs. */
  site: string;
  /** The staging site whose scratch directory the job uses (create-dir and cleanup follow it). */
  stagingSite?: string;
  /** How the job gets its data; set for compute, cluster and sub-workflow jobs. */
  dataConfiguration?: DataConfiguration;
  /** Level in the abstract workflow (longest distance from a root), used in auxiliary names. */
  level: number;
  /** Indices into `workflow.jobs` of the abstract jobs this node runs (one, or a cluster's tasks). */
  tasks: readonly number[];
  /**
   * The executable each task runs, parallel to `tasks`: the transformation catalog's PFN when
   * installed on the site, `./<name>` (staged into the job's directory) when stageable.
   */
  executablePaths?: readonly string[];
  /** `namespace::name:version` of what runs, e.g. `pegasus::transfer` for transfer jobs. */
  transformation: string;
  transfers?: readonly FileTransfer[];
  registrations?: readonly Registration[];
  /** LFNs a cleanup job deletes from its staging site. */
  cleanupFiles?: readonly string[];
  /** `condor` and `env` profiles merged for the job (transformation > site > job), written to its submit file. */
  profiles?: { condor?: Readonly<Record<string, string>>; env?: Readonly<Record<string, string>> };
  /** Stageable executables the job needs, by LFN (the transformation name) and source. */
  executables?: ReadonlyArray<{ lfn: string; source: TransferEnd }>;
  /** Where a sub-workflow job's workflow or DAG file is: its replica's path, or the scratch copy when a job makes it. */
  subWorkflowPath?: string;
  /** Directory a create-dir or leaf cleanup job makes or removes. */
  directory?: TransferEnd;
  /** Expected runtime in seconds (pegasus profile `runtime`, summed over a cluster's tasks). */
  runtime?: number;
  /** DAGMan retries (`dagman.retry` profile); default 1. */
  retry?: number;
  /** `condor.priority` profile; overrides the computed priority. */
  condorPriority?: number;
  /** Set by the last pass. */
  priority?: number;
  /** DAGMan category: stagein, stageout, registration, cleanup, subwf. */
  category?: string;
  /** Longest distance from a root in the executable workflow; set by the last pass. */
  depth?: number;
}

/** The state threaded through the passes: jobs and edges by job index. */
export interface PlanState {
  readonly jobs: readonly PlanJob[];
  /** Edge `k` goes from `edgeFrom[k]` to `edgeTo[k]`; duplicates allowed, merged at the end. */
  readonly edgeFrom: readonly number[];
  readonly edgeTo: readonly number[];
}

/** The planned, executable workflow. */
export interface ExecutableWorkflow {
  /** The abstract workflow's name (the DAG label). */
  name: string;
  index: number;
  jobs: readonly PlanJob[];
  /** Edges as a CSR graph over `jobs` indices, duplicates merged. */
  graph: Dag;
  /** The submit directory relative to the base directory. */
  relativeDir: string;
  /** The options as resolved (defaults filled in). */
  options: ResolvedPlanOptions;
  /** The abstract workflow, for writers that need arguments and file uses. */
  workflow: Workflow;
  /** Abstract jobs pruned by data reuse, by id. */
  prunedJobs: readonly string[];
}

/** {@link PlanOptions} with every default applied. */
export interface ResolvedPlanOptions {
  sites: readonly string[];
  stagingSites: Readonly<Record<string, string>>;
  outputSites: readonly string[];
  dataConfiguration: DataConfiguration;
  cleanup: CleanupMode;
  cluster: readonly ClusterStyle[];
  force: boolean;
  relativeDir: string;
  stageWorker: boolean;
  index: number;
  submitDir: string;
  pegasusVersion: string;
}
