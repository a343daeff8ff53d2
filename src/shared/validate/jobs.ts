import type { Workflow } from '../model/workflow';
import { report, type DiagnosticSink, type ValidationContext } from './context';

/** Job ids pegasus-plan accepts (they become DAGMan node names). */
export const JOB_ID_PATTERN = /^[-0-9a-zA-Z_]+$/;

/** PC217 empty workflow, PC220 workflow name, PC201 duplicate ids, PC202 malformed ids. Cost: O(jobs). */
export function checkJobs(context: ValidationContext): void {
  const { workflow, graph } = context;
  checkEmptyWorkflow(context, workflow);
  checkWorkflowName(context, workflow.name);
  // One map entry per distinct id: when the counts agree, no id repeats and no lookup is needed.
  const repeats = graph.indexById.size !== workflow.jobs.length;
  for (let i = 0; i < workflow.jobs.length; i++) {
    const id = workflow.jobs[i]!.id;
    const first = repeats ? graph.indexById.get(id) : i;
    if (first !== undefined && first !== i) reportDuplicateId(context, id, first, i);
    checkJobIdForm(context, id, i);
  }
}

/** PC217: a workflow without jobs. Cost: O(1). */
export function checkEmptyWorkflow(sink: DiagnosticSink, workflow: Workflow): void {
  if (workflow.jobs.length > 0) return;
  report(sink, 'PC217', `Workflow '${workflow.name}' has no jobs; pegasus-plan refuses an empty workflow.`, {
    kind: 'workflow',
  });
}

/** PC220: a workflow name with `/` or a space. Cost: O(name). */
export function checkWorkflowName(sink: DiagnosticSink, name: string): void {
  if (!/[/ ]/.test(name)) return;
  report(
    sink,
    'PC220',
    `Workflow name '${name}' contains '/' or a space; the Python API refuses such names and they break submit directory paths.`,
    {
      kind: 'workflow',
    },
  );
}

/** PC201 for the job at `index` (0-based) whose id the job at `first` already has. Cost: O(1). */
export function reportDuplicateId(sink: DiagnosticSink, id: string, first: number, index: number): void {
  report(sink, 'PC201', `Job id '${id}' is used by jobs #${first + 1} and #${index + 1}; job ids must be unique.`, {
    kind: 'job',
    jobId: id,
    field: 'id',
  });
}

/** PC202 when the id of the job at `index` (0-based) has characters pegasus-plan refuses. Cost: O(id). */
export function checkJobIdForm(sink: DiagnosticSink, id: string, index: number): void {
  if (JOB_ID_PATTERN.test(id)) return;
  const shown = id === '' ? 'an empty id' : `id '${id}'`;
  report(sink, 'PC202', `Job #${index + 1} has ${shown}; job ids may only contain letters, digits, '-' and '_'.`, {
    kind: 'job',
    jobId: id,
    field: 'id',
  });
}
