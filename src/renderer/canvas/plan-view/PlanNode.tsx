import { Handle, type Node, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import { KIND_LABEL, type PlanViewJob } from './plan-view-model';

export interface PlanNodeData extends Record<string, unknown> {
  job: PlanViewJob;
}

export type PlanFlowNode = Node<PlanNodeData, 'plan'>;

/** The abstract jobs a planned job came from, for its tooltip. */
export function fromText(job: PlanViewJob): string {
  if (job.from.length === 0) return 'no abstract job';
  return `${job.from.join(', ')}${job.fromMore > 0 ? ` and ${job.fromMore} more` : ''}`;
}

/** One job of the executable workflow: its kind and site, its DAGMan name; hover names the abstract jobs it came from. */
export const PlanNode = memo(function PlanNode({ data }: NodeProps<PlanFlowNode>) {
  const { job } = data;
  const auxiliary = job.kind !== 'compute' && job.kind !== 'cluster';
  return (
    <div
      className={`plan-node plan-kind-${job.kind}${auxiliary ? ' plan-auxiliary' : ''}`}
      data-testid="plan-node"
      data-kind={job.kind}
      data-name={job.name}
      data-from={job.from.join(' ')}
      title={`${job.name}\n${KIND_LABEL[job.kind]} on ${job.site} (${job.transformation})\nfrom: ${fromText(job)}`}
    >
      <Handle type="target" position={Position.Top} id="in" isConnectable={false} />
      <div className="plan-node-kind">
        {KIND_LABEL[job.kind]} · {job.site}
      </div>
      <div className="plan-node-name">{job.name}</div>
      <Handle type="source" position={Position.Bottom} id="out" isConnectable={false} />
    </div>
  );
});
