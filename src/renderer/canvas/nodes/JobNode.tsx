import { Handle, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import { useJobRunState } from '../../store/run-states-store';
import { jobResources, jobTransformation } from '../job-summary';
import type { JobFlowNode } from '../node-types';
import { DiagnosticsBadge } from './Badge';

/** A compute job: transformation, id, cores and memory, diagnostics badge. */
export const JobNode = memo(function JobNode({ data, selected }: NodeProps<JobFlowNode>) {
  const { job, badge } = data;
  const resources = jobResources(job);
  // The state of this job in the run on show (local or remote), painted by CSS.
  const runState = useJobRunState(job.id);
  return (
    <div className={`job-node${selected ? ' is-selected' : ''}`} data-testid="job-node" data-job-id={job.id} data-run-state={runState} title={runState ? `${job.id}: ${runState}` : job.id}>
      <Handle type="target" position={Position.Top} id="in" />
      <div className="job-node-transformation">{jobTransformation(job)}</div>
      <div className="job-node-id">{job.id}</div>
      {resources && <div className="job-node-resources">{resources}</div>}
      {runState && <div className="job-node-run-state">{runState}</div>}
      <DiagnosticsBadge badge={badge} />
      <Handle type="source" position={Position.Bottom} id="out" />
    </div>
  );
});
