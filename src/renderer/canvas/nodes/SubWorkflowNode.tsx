import { Handle, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import { useJobRunState } from '../../store/run-states-store';
import type { JobFlowNode } from '../node-types';
import { DiagnosticsBadge } from './Badge';

/** A sub-workflow job (pegasusWorkflow or condorWorkflow): a stacked card naming its file. */
export const SubWorkflowNode = memo(function SubWorkflowNode({ data, selected }: NodeProps<JobFlowNode>) {
  const { job, badge } = data;
  const file = job.type === 'job' ? '' : job.file;
  const runState = useJobRunState(job.id);
  return (
    <div className={`job-node subworkflow-node${selected ? ' is-selected' : ''}`} data-testid="job-node" data-job-id={job.id} data-subworkflow="true" data-run-state={runState} title={runState ? `${job.id}: ${runState}` : job.id}>
      <Handle type="target" position={Position.Top} id="in" />
      <div className="job-node-transformation">
        <span className="subworkflow-kind">{job.type === 'condorWorkflow' ? 'DAG' : 'workflow'}</span> {file}
      </div>
      <div className="job-node-id">{job.id}</div>
      <DiagnosticsBadge badge={badge} />
      <Handle type="source" position={Position.Bottom} id="out" />
    </div>
  );
});
