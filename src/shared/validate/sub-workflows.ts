import { isSubWorkflow, type SubWorkflowJob } from '../model/job';
import type { WorkflowBundle } from '../model/workflow';
import { report, type DiagnosticSink, type ValidationContext } from './context';
import { ReplicaIndex } from './replica-index';

/**
 * PC210: the file of a sub-workflow job does not exist. Checked only when the caller can
 * look at files (`exists`); a file that another job of the workflow produces is fine (it is
 * made at run time). The candidates asked for are the LFN itself and every PFN the replica
 * catalogs give for it. Cost: O(jobs + uses) plus one `exists` call per candidate.
 */
export function checkSubWorkflows(context: ValidationContext, exists: ((file: string) => boolean) | undefined): void {
  if (!exists) return;
  const { workflow, bundle } = context;
  const subJobs = workflow.jobs.filter(isSubWorkflow);
  if (subJobs.length === 0) return;
  for (const job of subJobs) checkSubWorkflowJob(context, bundle, job, context.graph.producerOf.has(job.file), exists);
}

/**
 * The check of {@link checkSubWorkflows} for one job; `produced` tells whether a job of the
 * workflow produces its file. Cost: O(replicas) plus one `exists` call per candidate.
 */
export function checkSubWorkflowJob(
  sink: DiagnosticSink,
  bundle: WorkflowBundle,
  job: SubWorkflowJob,
  produced: boolean,
  exists: (file: string) => boolean,
): void {
  if (produced) return;
  const candidates = [job.file, ...ReplicaIndex.pfnsOf(bundle, job.file)];
  if (candidates.some((candidate) => safeExists(exists, candidate))) return;
  const kind = job.type === 'pegasusWorkflow' ? 'workflow' : 'DAG';
  report(
    sink,
    'PC210',
    `The ${kind} file of job '${job.id}' was not found (looked for ${candidates.map((c) => `'${c}'`).join(', ')}); pegasus-plan needs it in the replica catalog with a file on site 'local'.`,
    { kind: 'job', jobId: job.id, field: 'file' },
  );
}

function safeExists(exists: (file: string) => boolean, file: string): boolean {
  try {
    return exists(file);
  } catch {
    return false;
  }
}
