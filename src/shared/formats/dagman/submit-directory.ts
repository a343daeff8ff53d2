import { depthOrder } from '../../plan/graph-utils';
import type { ExecutableWorkflow } from '../../plan/types';
import { basename, dagmanContext, type DagmanOptions } from './context';
import { writeDag } from './dag-writer';
import { jobDirectory } from './layout';
import { writeSubmitFile } from './sub-writer';
import { transferListFile } from './transfer-lists';

/** One file of a submit directory, by path relative to it. */
export interface SubmitFile {
  path: string;
  content: string;
}

/**
 * The files of a submit directory, one at a time so that a 10^5-job workflow never holds them
 * all: `<label>-<index>.dag` first, then per job its `.sub` and `.in` in `00/00/`-style
 * subdirectories, then `braindump.yml`. Cost: O(jobs + edges + uses) in total.
 */
export function* submitDirectoryFiles(
  workflow: ExecutableWorkflow,
  options: DagmanOptions = {},
): Generator<SubmitFile> {
  const context = dagmanContext(workflow.name, workflow.index, options);
  const order = depthOrder(workflow.jobs);
  const directories: string[] = new Array<string>(workflow.jobs.length);
  order.forEach((job, ordinal) => (directories[job] = jobDirectory(ordinal)));
  yield { path: `${basename(context)}.dag`, content: writeDag(workflow, context, directories, order) };
  for (const i of order) {
    const job = workflow.jobs[i]!;
    const dir = directories[i]!;
    const sub = writeSubmitFile(workflow, job, context, dir);
    if (sub !== undefined) yield { path: `${dir}/${job.name}.sub`, content: sub };
    const list = transferListFile(job, workflow);
    if (list !== undefined) yield { path: `${dir}/${job.name}.in`, content: list };
  }
  yield { path: 'braindump.yml', content: braindump(workflow, context) };
}

function braindump(workflow: ExecutableWorkflow, context: ReturnType<typeof dagmanContext>): string {
  const lines: Array<[string, string]> = [
    ['root_wf_uuid', context.rootWfUuid],
    ['wf_uuid', context.wfUuid],
    ['dax_label', workflow.name],
    ['dax_index', String(workflow.index)],
    ['pegasus_wf_name', basename(context)],
    ['submit_dir', context.submitDir],
    ['planner_version', context.pegasusVersion],
    ['bindir', context.pegasusBinDir],
    ['condor_log', `${basename(context)}.log`],
    ['dag', `${basename(context)}.dag`],
    ['type', 'dag'],
    ['jsd', 'jobstate.log'],
  ];
  return lines.map(([key, value]) => `${key}: ${JSON.stringify(value)}\n`).join('');
}
