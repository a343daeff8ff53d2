import { report, type ValidationContext } from './context';

/** Job ids pegasus-plan accepts (they become DAGMan node names). */
export const JOB_ID_PATTERN = /^[-0-9a-zA-Z_]+$/;

/** PC217 empty workflow, PC220 workflow name, PC201 duplicate ids, PC202 malformed ids. Cost: O(jobs). */
export function checkJobs(context: ValidationContext): void {
  const { workflow, graph } = context;
  if (workflow.jobs.length === 0) {
    report(context, 'PC217', `Workflow '${workflow.name}' has no jobs; pegasus-plan refuses an empty workflow.`, {
      kind: 'workflow',
    });
  }
  if (/[/ ]/.test(workflow.name)) {
    report(
      context,
      'PC220',
      `Workflow name '${workflow.name}' contains '/' or a space; the Python API refuses such names and they break submit directory paths.`,
      {
        kind: 'workflow',
      },
    );
  }
  // One map entry per distinct id: when the counts agree, no id repeats and no lookup is needed.
  const repeats = graph.indexById.size !== workflow.jobs.length;
  for (let i = 0; i < workflow.jobs.length; i++) {
    const id = workflow.jobs[i]!.id;
    const first = repeats ? graph.indexById.get(id) : i;
    if (first !== undefined && first !== i) {
      report(context, 'PC201', `Job id '${id}' is used by jobs #${first + 1} and #${i + 1}; job ids must be unique.`, {
        kind: 'job',
        jobId: id,
        field: 'id',
      });
    }
    if (!JOB_ID_PATTERN.test(id)) {
      const shown = id === '' ? 'an empty id' : `id '${id}'`;
      report(context, 'PC202', `Job #${i + 1} has ${shown}; job ids may only contain letters, digits, '-' and '_'.`, {
        kind: 'job',
        jobId: id,
        field: 'id',
      });
    }
  }
}
