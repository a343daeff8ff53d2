import { Handle, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import type { JobGroupNode as JobGroupFlowNode } from './aggregated-view';

/**
 * A group of the aggregated view: transformation (or sub-workflow file), level, job count,
 * how many members are selected, their diagnostics and a bar of their run states.
 */
export const JobGroupNode = memo(function JobGroupNode({ data }: NodeProps<JobGroupFlowNode>) {
  const total = data.states.reduce((sum, s) => sum + s.count, 0);
  return (
    <div
      className={`job-group${data.selected > 0 ? ' is-selected' : ''}`}
      data-testid="job-group"
      data-group-label={data.label}
      data-group-level={data.level}
      data-group-count={data.count}
      data-group-selected={data.selected}
      title={`${data.label} (level ${data.level}): ${data.count} jobs — double-click to open`}
    >
      <Handle type="target" position={Position.Top} id="in" />
      <div className="job-group-label">
        <span className="job-group-name">{data.label}</span>
        <span className="job-group-count">
          ×{data.count.toLocaleString('en-US')} · level {data.level}
        </span>
        {data.selected > 0 && (
          <span className="job-group-selected">{data.selected.toLocaleString('en-US')} selected</span>
        )}
        {(data.errors > 0 || data.warnings > 0) && (
          <span className="job-group-diagnostics" data-testid="job-group-diagnostics">
            {data.errors > 0 && `${data.errors} errors `}
            {data.warnings > 0 && `${data.warnings} warnings`}
          </span>
        )}
        {total > 0 && (
          <span className="job-group-states" data-testid="job-group-states">
            {data.states.map((s) => (
              <span
                key={s.state}
                className="job-group-state"
                data-run-state={s.state}
                style={{ flexGrow: s.count }}
                title={`${s.state}: ${s.count}`}
              />
            ))}
          </span>
        )}
      </div>
      <Handle type="source" position={Position.Bottom} id="out" />
    </div>
  );
});
