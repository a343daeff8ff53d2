import { depthOrder } from '../../plan/graph-utils';
import type { ExecutableWorkflow, PlanJob } from '../../plan/types';
import { argumentText } from './arguments';
import { basename, usesMySyntax, type DagmanContext } from './context';

const SEPARATOR = '#'.repeat(70);

/** The DAGMan categories with pegasus-plan's default MAXJOBS (`CondorGenerator.defaultMaxJobsCategoryValues`). */
export const DEFAULT_MAXJOBS: ReadonlyArray<readonly [string, number]> = [
  ['registration', 1],
  ['stagein', 10],
  ['cleanup', 4],
  ['stageout', 10],
];

/**
 * Writes the `.dag` file as pegasus-plan does (`CondorGenerator`, pegasus.md §7): the banner,
 * MAXJOBS per category, one block per job (`JOB`, or `SUBDAG EXTERNAL` for a condorWorkflow;
 * `SCRIPT PRE` for a pegasusWorkflow; `SCRIPT POST` with pegasus-exitcode; `PRIORITY`,
 * `RETRY`, `CATEGORY`, `VARS`), then one `PARENT  p CHILD c` line per edge grouped by parent,
 * and the footer. `directories[i]` is job i's submit subdirectory (see `jobDirectory`);
 * `order` is the jobs' depth order, passed by a caller that has it already.
 * Cost: O(jobs + edges) and one string of that size.
 */
export function writeDag(
  workflow: ExecutableWorkflow,
  context: DagmanContext,
  directories: readonly string[],
  order: Uint32Array = depthOrder(workflow.jobs),
): string {
  const out: string[] = [];
  out.push(
    SEPARATOR,
    '# PEGASUS WMS GENERATED DAG FILE',
    `# DAG ${workflow.name}`,
    `# Index = ${workflow.index}, Count = null`,
    SEPARATOR,
  );
  for (const [category, max] of DEFAULT_MAXJOBS) out.push(`MAXJOBS ${category} ${max}`);
  out.push('');
  const name = basename(context);
  const retryVar = usesMySyntax(context.condorVersion) ? 'My.DAGNodeRetry' : '+DAGNodeRetry';
  for (const i of order) {
    const job = workflow.jobs[i]!;
    const dir = directories[i]!;
    if (job.kind === 'dag') {
      const file = subWorkflowFile(workflow, job);
      out.push(`SUBDAG EXTERNAL ${job.name} ${file}`);
    } else {
      out.push(`JOB ${job.name} ${dir}/${job.name}.sub`);
    }
    if (job.kind === 'dax') {
      out.push(`SCRIPT PRE ${job.name} ${dir}/${job.name}.pre.sh ${preScriptArguments(workflow, job, context, dir)}`);
    } else if (job.kind !== 'dag') {
      const lite = isPegasusLite(job) ? ' -s PegasusLite:+exitcode+0' : '';
      out.push(
        `SCRIPT POST ${job.name} ${context.pegasusBinDir}/pegasus-exitcode  -r $RETURN${lite} -l ${name}.exitcode.log -M ${name}.cache.meta   .//${dir}/${job.name}.out`,
      );
    }
    out.push(`PRIORITY ${job.name} ${job.priority ?? 0}`);
    out.push(`RETRY ${job.name} ${job.retry ?? 1}`);
    if (job.category) out.push(`CATEGORY ${job.name} ${job.category}`);
    out.push(`VARS ${job.name} ${retryVar}="$(RETRY)"`, '');
  }
  const graph = workflow.graph;
  for (const v of order) {
    const parent = workflow.jobs[v]!.name;
    for (let e = graph.offsets[v]!; e < graph.offsets[v + 1]!; e++)
      out.push(`PARENT  ${parent} CHILD ${workflow.jobs[graph.targets[e]!]!.name}`);
  }
  out.push(SEPARATOR, '# End of DAG', SEPARATOR, '');
  return out.join('\n');
}

/** Compute jobs in condorio and nonsharedfs run inside PegasusLite, whose exit the POST script checks. */
export function isPegasusLite(job: PlanJob): boolean {
  return (job.kind === 'compute' || job.kind === 'cluster') && job.dataConfiguration !== 'sharedfs';
}

/** The file of a sub-workflow job: where the planner located it, else its LFN. */
export function subWorkflowFile(workflow: ExecutableWorkflow, job: PlanJob): string {
  if (job.subWorkflowPath !== undefined) return job.subWorkflowPath;
  const abstract = workflow.workflow.jobs[job.tasks[0]!];
  if (!abstract || abstract.type === 'job') return job.name;
  return abstract.file;
}

/**
 * The pegasus-plan command line a pegasusWorkflow's PRE script runs at run time
 * (`SUBDAXGenerator`): the child is planned then, into `<submit>/<dir>/<label>_<id>`, with the
 * parent's sites inherited, `--cleanup none` and `--deferred`; the job's own arguments are merged in.
 */
function preScriptArguments(workflow: ExecutableWorkflow, job: PlanJob, context: DagmanContext, dir: string): string {
  const abstract = workflow.workflow.jobs[job.tasks[0]!]!;
  const file = subWorkflowFile(workflow, job);
  const stem = file.replace(/^.*\//, '').replace(/\.(ya?ml|dax|xml)$/, '');
  const relative = `${workflow.relativeDir}/${dir}/./${stem}_${abstract.id}`;
  const base = context.submitDir.endsWith(workflow.relativeDir)
    ? context.submitDir.slice(0, -workflow.relativeDir.length).replace(/\/+$/, '')
    : context.submitDir;
  const user = abstract.arguments.map(argumentText);
  const has = (flag: string): boolean => user.includes(flag);
  const args = [
    `-Dpegasus.log.*=${context.submitDir}/${job.name}.pre.log`,
    `-Dpegasus.workflow.root.uuid=${context.rootWfUuid}`,
    ...user,
    `--dir ${base || '/'}`,
    `--relative-dir ${relative}`,
    `--relative-submit-dir ${relative}`,
  ];
  if (!has('--basename')) args.push(`--basename ${stem}`);
  if (!has('--sites') && !has('-s')) args.push(`--sites ${workflow.options.sites.join(',')}`);
  args.push(
    `--cache ${context.submitDir}/${dir}/${job.name}.cache`,
    `--output-map ${context.submitDir}/${dir}/${job.name}.output.map`,
  );
  if (!has('--output-sites') && !has('-o') && workflow.options.outputSites.length > 0)
    args.push(`--output-sites ${workflow.options.outputSites.join(',')}`);
  args.push('--cleanup none', '--deferred', file);
  return ` ${args.join(' ')}`;
}
