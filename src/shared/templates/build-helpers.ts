import type { Argument, ComputeJob, FileUse } from '../model/job';
import type { Profiles } from '../model/profiles';
import type { Replica, TransformationSite } from '../model/catalogs';
import type { Workflow } from '../model/workflow';

/** The `pegasus:` version the Python API writes; templates write the same. */
export const PEGASUS_VERSION = '5.0.4';

/** An input use. */
export function input(lfn: string): FileUse {
  return { lfn, type: 'input' };
}

/** An output use; `stageOut` true only for final products, as the ACCESS examples do. */
export function output(lfn: string, stageOut = false): FileUse {
  return { lfn, type: 'output', stageOut, registerReplica: false };
}

/** Job ids as the Python API numbers them: `ID0000001`, … */
export function jobId(n: number): string {
  return `ID${String(n).padStart(7, '0')}`;
}

export interface JobSpec {
  id: string;
  name: string;
  namespace?: string;
  version?: string;
  nodeLabel?: string;
  args: Argument[];
  uses: FileUse[];
  stdout?: string;
  profiles?: Profiles;
}

/** A compute job. */
export function computeJob(spec: JobSpec): ComputeJob {
  const job: ComputeJob = { type: 'job', id: spec.id, name: spec.name, arguments: spec.args, uses: spec.uses };
  if (spec.namespace) job.namespace = spec.namespace;
  if (spec.version) job.version = spec.version;
  if (spec.nodeLabel) job.nodeLabel = spec.nodeLabel;
  if (spec.stdout) job.stdout = spec.stdout;
  if (spec.profiles) job.profiles = spec.profiles;
  return job;
}

/** A transformation installed at `/usr/bin/pegasus-keg` on the `local` site, the tutorials' stand-in executable. */
export function kegSite(): TransformationSite {
  return { name: 'local', pfn: '/usr/bin/pegasus-keg', type: 'installed', arch: 'x86_64', osType: 'linux' };
}

/** A replica on the `local` site under a folder the user edits. */
export function localReplica(lfn: string, folder = '/path/to/inputs'): Replica {
  return { lfn, pfns: [{ site: 'local', pfn: `${folder}/${lfn}` }] };
}

/** An empty workflow named `name`. */
export function emptyWorkflow(name: string): Workflow {
  return { pegasus: PEGASUS_VERSION, name, jobs: [], dependencies: [] };
}
