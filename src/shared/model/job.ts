import type { Hooks, Metadata, Profiles } from './profiles';
import type { Extras, NumberLiteral } from './scalar';

/** `job` runs a transformation; `pegasusWorkflow` plans and runs a sub-workflow file at run time; `condorWorkflow` runs an existing DAG. */
export type JobType = 'job' | 'pegasusWorkflow' | 'condorWorkflow';

/**
 * How a job uses a file. Inference (see `infer.ts`): `input` consumes, `output` produces,
 * `checkpoint` does neither. `inout` and `none` are in the schema but the planner rejects
 * `none` and the API never writes either.
 */
export type LinkType = 'input' | 'output' | 'inout' | 'checkpoint' | 'none';

/** A job's use of a logical file (one `uses:` entry). Every schema field is here. */
export interface FileUse {
  lfn: string;
  type: LinkType;
  stageOut?: boolean;
  registerReplica?: boolean;
  optional?: boolean;
  /** Size in bytes as text (the schema's type; the API writes a number, the planner reads text). */
  size?: string;
  bypass?: boolean;
  forPlanning?: boolean;
  metadata?: Metadata;
  /** In the schema, rejected by the planner; kept when read, never added by the app. */
  namespace?: string;
  version?: string;
  executable?: boolean;
  extra?: Extras;
}

/**
 * One job argument. Strings that equal the LFN of a file the job uses are file references
 * (the API writes a `File` as its LFN); see `argumentParts` in `model/arguments.ts`.
 */
export type Argument = string | number | NumberLiteral;

/** Fields common to the three job types. */
export interface JobBase {
  id: string;
  nodeLabel?: string;
  arguments: Argument[];
  uses: FileUse[];
  stdin?: string;
  stdout?: string;
  stderr?: string;
  profiles?: Profiles;
  hooks?: Hooks;
  metadata?: Metadata;
  extra?: Extras;
}

/** A compute job: runs the transformation `namespace::name:version`. */
export interface ComputeJob extends JobBase {
  type: 'job';
  name: string;
  namespace?: string;
  version?: string;
}

/** A sub-workflow: `file` is an LFN of a workflow (pegasusWorkflow) or DAG (condorWorkflow). */
export interface SubWorkflowJob extends JobBase {
  type: 'pegasusWorkflow' | 'condorWorkflow';
  file: string;
}

export type Job = ComputeJob | SubWorkflowJob;

/** True for `pegasusWorkflow` and `condorWorkflow` jobs. */
export function isSubWorkflow(job: Job): job is SubWorkflowJob {
  return job.type !== 'job';
}

/**
 * The transformation key of a compute job as Pegasus writes it: `namespace::name:version`
 * with absent parts left out. Sub-workflow jobs use `pegasus::pegasus-plan` and `condor::dagman`.
 */
export function transformationKey(job: Job): string {
  if (job.type !== 'job') return job.type === 'pegasusWorkflow' ? 'pegasus::pegasus-plan' : 'condor::dagman';
  return formatTransformationKey(job.namespace, job.name, job.version);
}

/** `ns::name:version` with absent parts left out. */
export function formatTransformationKey(namespace: string | undefined, name: string, version: string | undefined): string {
  return `${namespace ? `${namespace}::` : ''}${name}${version ? `:${version}` : ''}`;
}
