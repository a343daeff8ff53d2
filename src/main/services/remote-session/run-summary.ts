// A remote run record, cut down to what the runs panel and the canvas show.
import type { RunSummary } from '../../../shared/ipc-events';
import { canvasJobStates, remoteProgress, type RemoteRunRecord } from '../../../shared/run/remote-run';

/** The summary of a record: per-job canvas states, DAGMan's counts and progress. O(jobs). */
export function runSummary(record: RemoteRunRecord, watchError?: string): RunSummary {
  const progress = remoteProgress(record);
  return {
    id: record.id,
    workflowName: record.workflow.name,
    workflowFile: record.workflow.file,
    host: `${record.host.user ? `${record.host.user}@` : ''}${record.host.host}:${record.host.port}`,
    state: record.state,
    stage: record.stage,
    jobStates: canvasJobStates(record),
    counts: progress.counts,
    total: progress.total,
    percentDone: progress.percentDone,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    ...(record.submitDir === undefined ? {} : { submitDir: record.submitDir }),
    ...(record.error === undefined ? {} : { error: record.error }),
    ...(watchError === undefined ? {} : { watchError }),
  };
}
