import { Handle, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import type { FileFlowNode } from '../node-types';
import { DiagnosticsBadge } from './Badge';

const ROLE_TEXT = {
  input: 'raw input',
  intermediate: 'intermediate',
  output: 'output',
  unused: 'not used',
} as const;

/**
 * A file (LFN): raw input (with or without a replica to stage in), intermediate, or output
 * (staged out or not).
 */
export const FileNode = memo(function FileNode({ data, selected }: NodeProps<FileFlowNode>) {
  const { info, lfn, badge } = data;
  const role = info?.role ?? 'unused';
  let detail: string = ROLE_TEXT[role];
  if (role === 'input') detail += info?.hasReplica ? ' · replica' : ' · no replica';
  if (info?.stagedOut) detail += ' · staged out';
  return (
    <div className={`file-node file-${role}${info?.stagedOut ? ' file-staged-out' : ''}${selected ? ' is-selected' : ''}`} data-testid="file-node" data-lfn={lfn} data-role={role} title={lfn}>
      <Handle type="target" position={Position.Top} id="in" />
      <div className="file-node-lfn">{lfn}</div>
      <div className="file-node-role">{detail}</div>
      <DiagnosticsBadge badge={badge} />
      <Handle type="source" position={Position.Bottom} id="out" />
    </div>
  );
});
