import type { FileUse, Job } from '../../model/job';
import { formatTransformationKey, isSubWorkflow } from '../../model/job';
import { isNumberLiteral } from '../../model/scalar';
import type { TransformationVariables } from './catalogs';
import { explicitUses, type FileVariables } from './files';
import { plannerArgsCall } from './planner-args';
import { hookCalls, metadataCall, profileCalls } from './profiles';
import { pyNote, pyScalar, pyString } from './python-literal';

/** The statement that builds one job, with the comments for what the API cannot express. */
export function jobCode(
  job: Job,
  variable: string,
  files: FileVariables,
  transformations: TransformationVariables,
): string[] {
  const notes: string[] = [];
  const { uses, stdio } = explicitUses(job);
  const fileVar = (lfn: string, use?: FileUse) => files.variable(lfn, use);

  // Which variable an argument naming a used file stands for.
  const argumentFile = new Map<string, string>();
  for (const use of job.uses) if (!argumentFile.has(use.lfn)) argumentFile.set(use.lfn, fileVar(use.lfn, use));
  for (const lfn of [job.stdin, job.stdout, job.stderr])
    if (lfn !== undefined && !argumentFile.has(lfn)) argumentFile.set(lfn, fileVar(lfn));

  const calls: string[] = [];
  let head: string;
  const label = job.nodeLabel !== undefined ? `, node_label=${pyString(job.nodeLabel)}` : '';
  if (isSubWorkflow(job)) {
    head = `SubWorkflow(${pyString(job.file)}, is_planned=${job.type === 'condorWorkflow' ? 'True' : 'False'}, _id=${pyString(job.id)}${label})`;
    const own = job.uses.find((u) => u.lfn === job.file && u.type === 'input');
    if (own && !own.forPlanning) notes.push(`the API marks the sub-workflow file '${job.file}' forPlanning: true`);
    if (!own) notes.push(`the API adds the sub-workflow file '${job.file}' to uses`);
  } else {
    const key = formatTransformationKey(job.namespace, job.name, job.version);
    const known = transformations.get(key);
    const extra = [
      job.namespace !== undefined ? `namespace=${pyString(job.namespace)}` : '',
      job.version !== undefined ? `version=${pyString(job.version)}` : '',
    ].filter(Boolean);
    head = known
      ? `Job(${known}, _id=${pyString(job.id)}${label})`
      : `Job(${[pyString(job.name), `_id=${pyString(job.id)}`, ...extra].join(', ')}${label})`;
  }

  if (job.arguments.length > 0) {
    const strings = job.arguments.map((a) => (typeof a === 'string' ? a : isNumberLiteral(a) ? a.text : String(a)));
    const planner =
      isSubWorkflow(job) && job.type === 'pegasusWorkflow' && job.arguments.every((a) => typeof a === 'string')
        ? plannerArgsCall(strings)
        : undefined;
    if (planner) calls.push(planner);
    else
      calls.push(
        `add_args(${job.arguments.map((a) => (typeof a === 'string' && argumentFile.has(a) ? argumentFile.get(a)! : pyScalar(a))).join(', ')})`,
      );
  }

  // Inputs grouped by bypass, outputs by (stage_out, register_replica), as a person would write them.
  const groups = new Map<string, { call: string; files: string[]; options: string }>();
  for (const use of uses) {
    const what = `'${use.lfn}'`;
    if (use.optional) notes.push(`${what} is optional`);
    if (use.extra) notes.push(`${what}: keys ${Object.keys(use.extra).join(', ')}`);
    if (use.namespace !== undefined || use.version !== undefined || use.executable !== undefined)
      notes.push(`${what}: namespace/version/executable`);
    if (use.type === 'input') {
      if (use.stageOut !== undefined || use.registerReplica !== undefined)
        notes.push(`${what}: stageOut/registerReplica on an input`);
      const options = use.bypass ? ', bypass_staging=True' : '';
      const key = `in${options}`;
      const group = groups.get(key) ?? { call: 'add_inputs', files: [], options };
      group.files.push(fileVar(use.lfn, use));
      groups.set(key, group);
    } else if (use.type === 'output' || use.type === 'checkpoint') {
      if (use.bypass) notes.push(`${what}: bypass on an ${use.type}`);
      const options = outputOptions(use);
      if (use.type === 'checkpoint') {
        calls.push(`add_checkpoint(${fileVar(use.lfn, use)}${options})`);
        continue;
      }
      const key = `out${options}`;
      const group = groups.get(key) ?? { call: 'add_outputs', files: [], options };
      group.files.push(fileVar(use.lfn, use));
      groups.set(key, group);
    } else {
      notes.push(`${what} has type '${use.type}'`);
    }
  }
  for (const group of groups.values()) calls.push(`${group.call}(${group.files.join(', ')}${group.options})`);

  const stdioCall = (method: string, lfn: string | undefined, type: 'input' | 'output') => {
    if (lfn === undefined) return;
    const use = stdio.get(`${type}:${lfn}`);
    if (!use) notes.push(`the API adds ${method.replace('set_', '')} '${lfn}' to uses`);
    calls.push(`${method}(${fileVar(lfn, use)}${type === 'output' && use ? outputOptions(use) : ''})`);
  };
  stdioCall('set_stdin', job.stdin, 'input');
  stdioCall('set_stdout', job.stdout, 'output');
  if (job.stderr !== undefined && job.stderr === job.stdout)
    notes.push(`stderr '${job.stderr}' is the stdout file (the API adds a file to a job once)`);
  else stdioCall('set_stderr', job.stderr, 'output');

  for (const call of [
    ...profileCalls(job.profiles, notes),
    ...hookCalls(job.hooks, notes),
    ...metadataCall(job.metadata),
  ])
    calls.push(call);
  if (job.extra) notes.push(`job keys ${Object.keys(job.extra).join(', ')}`);

  const lines = notes.map(pyNote);
  if (calls.length === 0) lines.push(`${variable} = ${head}`);
  else {
    // One line per call; a job with many checkpoints has many calls, so no spreading here.
    lines.push(`${variable} = (`, `    ${head}`);
    for (const call of calls) lines.push(`    .${call}`);
    lines.push(')');
  }
  return lines;
}

/** `, stage_out=False` and friends for the values that differ from the API's defaults (True). */
function outputOptions(use: FileUse): string {
  let options = '';
  if (use.stageOut === false) options += ', stage_out=False';
  if (use.registerReplica === false) options += ', register_replica=False';
  return options;
}
