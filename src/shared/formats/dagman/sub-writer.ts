import { forEachFileRole } from '../../infer';
import { scalarText } from '../../model/scalar';
import type { Job } from '../../model/job';
import type { ExecutableWorkflow, PlanJob } from '../../plan/types';
import { JOB_CLASS } from '../../plan/types';
import { argumentText } from './arguments';
import { basename, type DagmanContext } from './context';
import { isPegasusLite, subWorkflowFile } from './dag-writer';

const SEPARATOR = '#'.repeat(70);
const PERIODIC_REMOVE = '(JobStatus == 5) && ((CurrentTime - EnteredCurrentStatus) > 1800)';

/**
 * One job's HTCondor submit file, laid out as pegasus-plan writes it (pegasus.md §7): the
 * banner, sorted `key = value` lines, the `+pegasus_*` class ads, `queue`, the footer.
 * Compute jobs run in the site's universe (vanilla by default) through their PegasusLite
 * wrapper `<name>.sh` (condorio, nonsharedfs) or pegasus-kickstart (sharedfs); auxiliary jobs
 * run in the local universe with their `.in` list on stdin; a pegasusWorkflow runs
 * condor_dagman in the scheduler universe. A condorWorkflow has no submit file (SUBDAG).
 * Cost: O(the job's uses and profiles).
 */
export function writeSubmitFile(
  workflow: ExecutableWorkflow,
  job: PlanJob,
  context: DagmanContext,
  dir: string,
): string | undefined {
  if (job.kind === 'dag') return undefined;
  const submit = context.submitDir;
  const jobPath = `${submit}/${dir}/${job.name}`;
  const abstract: Job | undefined = job.tasks.length > 0 ? workflow.workflow.jobs[job.tasks[0]!] : undefined;
  const keys = new Map<string, string>();
  const env = [
    `CONDOR_JOBID=$(cluster).$(process)`,
    `PEGASUS_WF_UUID=${context.wfUuid}`,
    `PEGASUS_WF_LABEL=${context.label}`,
    `PEGASUS_DAG_JOB_ID=${job.name}`,
    `PEGASUS_SITE=${job.site}`,
  ];
  const envProfiles =
    job.profiles?.env ??
    Object.fromEntries(Object.entries(abstract?.profiles?.env ?? {}).map(([k, v]) => [k, scalarText(v)]));
  for (const [key, value] of Object.entries(envProfiles)) env.push(`${key}=${value}`);

  keys.set('error', `${jobPath}.err`);
  keys.set('output', `${jobPath}.out`);
  keys.set('log', `${submit}/${basename(context)}.log`);
  keys.set('notification', 'NEVER');
  keys.set('periodic_release', 'False');
  keys.set('periodic_remove', PERIODIC_REMOVE);
  keys.set('submit_event_user_notes', `pool:${job.site}`);
  if (job.kind !== 'dax') keys.set('priority', String(job.priority ?? 0));

  if (job.kind === 'compute' || job.kind === 'cluster') {
    const lite = isPegasusLite(job);
    keys.set('universe', 'vanilla');
    keys.set('executable', lite ? `${jobPath}.sh` : `${context.pegasusBinDir}/pegasus-kickstart`);
    if (!lite && abstract) {
      const executable = job.executablePaths?.[0] ?? (abstract.type === 'job' ? abstract.name : abstract.file);
      keys.set(
        'arguments',
        quoted(
          `-n ${job.transformation} -N ${abstract.id} -R ${job.site} -L ${context.label} ${[executable, ...abstract.arguments.map(argumentText)].join(' ')}`,
        ),
      );
    }
    keys.set('transfer_executable', lite ? 'true' : 'false');
    if (job.dataConfiguration === 'condorio') {
      const { inputs, outputs } = fileLists(workflow, job);
      keys.set('should_transfer_files', 'YES');
      keys.set('when_to_transfer_output', 'ON_EXIT');
      keys.set('transfer_input_files', [...inputs, `${submit}/pegasus-lite-common.sh`].join(','));
      if (outputs.length > 0) keys.set('transfer_output_files', outputs.join(','));
    }
    const scratch = scratchDirectory(workflow, job);
    if (job.dataConfiguration === 'condorio' && scratch) keys.set('initialdir', scratch);
    resourceRequests(abstract, keys);
    const condor =
      job.profiles?.condor ??
      Object.fromEntries(Object.entries(abstract?.profiles?.condor ?? {}).map(([k, v]) => [k, scalarText(v)]));
    for (const [key, value] of Object.entries(condor)) if (key !== 'priority') keys.set(key, value);
  } else if (job.kind === 'dax') {
    const file = subWorkflowFile(workflow, job);
    const stem = file.replace(/^.*\//, '').replace(/\.(ya?ml|dax|xml)$/, '');
    const userArgs = abstract ? abstract.arguments.map(argumentText) : [];
    const at = userArgs.indexOf('--basename');
    const dagBase = at >= 0 && userArgs[at + 1] ? userArgs[at + 1]! : stem;
    keys.set('universe', 'scheduler');
    keys.set('executable', `${context.condorBinDir}/condor_dagman`);
    keys.set(
      'arguments',
      quoted(
        ` -p 0  -f -l . -Notification never -Debug 3 -Lockfile ${dagBase}.dag.lock -Dag ${dagBase}.dag -AllowVersionMismatch  -AutoRescue 1 -DoRescueFrom 0 `,
      ),
    );
    keys.set('getenv', 'TRUE');
    keys.set('initialdir', `${submit}/${dir}/./${stem}_${abstract?.id ?? job.name}`);
    keys.set('on_exit_remove', '(ExitSignal =?= 11 || (ExitCode =!= UNDEFINED && ExitCode >=0 && ExitCode <= 2))');
    keys.set('remove_kill_sig', 'SIGUSR1');
    keys.set('+OtherJobRemoveRequirements', '"DAGManJobId =?= $(cluster)"');
    keys.set('transfer_executable', 'false');
  } else {
    keys.set('universe', 'local');
    keys.set('transfer_executable', 'false');
    const tool = auxiliaryTool(job);
    keys.set('executable', `${context.pegasusBinDir}/pegasus-kickstart`);
    keys.set(
      'arguments',
      quoted(
        ` -n ${job.transformation} -N null -i - -R ${job.site}  -L ${context.label} ${context.pegasusBinDir}/${tool}`,
      ),
    );
    if (job.kind !== 'noop') keys.set('input', `${jobPath}.in`);
    env.push(`PEGASUS_BIN_DIR=${context.pegasusBinDir}`, '_PEGASUS_CONNECT_STDIN=true');
  }
  keys.set('environment', quoted(env.join(' ')));

  const lines = [
    SEPARATOR,
    '# PEGASUS WMS GENERATED SUBMIT FILE',
    `# DAG : ${context.label}, Index = ${context.index}, Count = null`,
    `# SUBMIT FILE NAME : ${job.name}.sub`,
    SEPARATOR,
    'stream_error  = false',
    'stream_output = false',
  ];
  for (const key of [...keys.keys()].sort(compareKeys)) lines.push(`${key} = ${keys.get(key)!}`);
  const ads: Array<[string, string | number]> = [
    ['pegasus_generator', '"Pegasus"'],
    ['pegasus_root_wf_uuid', `"${context.rootWfUuid}"`],
    ['pegasus_wf_uuid', `"${context.wfUuid}"`],
    ['pegasus_version', `"${context.pegasusVersion}"`],
    ['pegasus_wf_name', `"${basename(context)}"`],
    ['pegasus_wf_xformation', `"${job.kind === 'dax' ? 'condor::dagman' : job.transformation}"`],
    ['pegasus_wf_dax_job_id', `"${abstract && job.tasks.length === 1 ? abstract.id : 'null'}"`],
    ['pegasus_wf_dag_job_id', `"${job.name}"`],
    ['pegasus_job_class', JOB_CLASS[job.kind]],
    ['pegasus_site', `"${job.site}"`],
    ['pegasus_job_runtime', Math.round(job.runtime ?? 0)],
    ['pegasus_cores', profileInt(abstract, 'cores') ?? 1],
    ['pegasus_gpus', profileInt(abstract, 'gpus') ?? 1],
    ['pegasus_cluster_size', Math.max(1, job.tasks.length)],
  ];
  for (const [key, value] of ads) lines.push(`+${key} = ${value}`);
  lines.push('queue', SEPARATOR, '# END OF SUBMIT FILE', SEPARATOR, '');
  return lines.join('\n');
}

/** The job's staging directory as a path, from its site's create-dir job (file URLs only). */
function scratchDirectory(workflow: ExecutableWorkflow, job: PlanJob): string | undefined {
  let bySite = scratchCache.get(workflow);
  if (!bySite) {
    bySite = new Map();
    for (const j of workflow.jobs)
      if (j.kind === 'create-dir' && j.stagingSite && j.directory) bySite.set(j.stagingSite, j.directory.url);
    scratchCache.set(workflow, bySite);
  }
  const url = job.stagingSite === undefined ? undefined : bySite.get(job.stagingSite);
  return url?.startsWith('file://') ? url.slice('file://'.length) : undefined;
}

/** Staging directories by site, found once per workflow (a scan per job would be quadratic). */
const scratchCache = new WeakMap<ExecutableWorkflow, Map<string, string>>();

/** `+name` class ads sort after plain keys, as in pegasus-plan's files. */
function compareKeys(a: string, b: string): number {
  const pa = a.startsWith('+') ? 0 : 1;
  const pb = b.startsWith('+') ? 0 : 1;
  return pa !== pb ? pa - pb : a < b ? -1 : a > b ? 1 : 0;
}

function quoted(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

function auxiliaryTool(job: PlanJob): string {
  switch (job.kind) {
    case 'registration':
      return 'pegasus-rc-client --insert -';
    case 'noop':
      return '/bin/true';
    default:
      return 'pegasus-transfer';
  }
}

/** condorio moves a compute job's inputs and outputs by their LFNs, relative to the scratch directory. */
function fileLists(workflow: ExecutableWorkflow, job: PlanJob): { inputs: string[]; outputs: string[] } {
  const produced = new Set<string>();
  const consumed = new Set<string>();
  for (const task of job.tasks) {
    forEachFileRole(workflow.workflow.jobs[task]!, (lfn, role) => (role === 'produces' ? produced : consumed).add(lfn));
  }
  const internal = (lfn: string): boolean => produced.has(lfn) && consumed.has(lfn) && job.tasks.length > 1;
  const inputs = [...(job.executables ?? []).map((e) => e.lfn), ...[...consumed].filter((lfn) => !internal(lfn))];
  return { inputs, outputs: [...produced].filter((lfn) => !internal(lfn)) };
}

function profileInt(job: Job | undefined, key: string): number | undefined {
  const value = job?.profiles?.pegasus?.[key];
  if (value === undefined) return undefined;
  const n = Number(scalarText(value));
  return Number.isFinite(n) ? n : undefined;
}

/** pegasus `cores`, `memory` (MB) and `diskspace` (MB) become HTCondor requests (disk in KB). */
function resourceRequests(job: Job | undefined, keys: Map<string, string>): void {
  const cores = profileInt(job, 'cores');
  const memory = profileInt(job, 'memory');
  const disk = profileInt(job, 'diskspace');
  const gpus = profileInt(job, 'gpus');
  if (cores !== undefined) keys.set('request_cpus', String(cores));
  if (memory !== undefined) keys.set('request_memory', String(memory));
  if (disk !== undefined) keys.set('request_disk', String(disk * 1024));
  if (gpus !== undefined) keys.set('request_gpus', String(gpus));
}
