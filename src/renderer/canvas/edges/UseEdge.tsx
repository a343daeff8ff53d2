import { BaseEdge, type EdgeProps, getBezierPath } from '@xyflow/react';
import { memo } from 'react';
import type { CanvasEdge } from '../mapping';

/** A file use: file → job (input) or job → file (output, stdout, stderr, checkpoint). */
export const UseEdge = memo(function UseEdge(props: EdgeProps<CanvasEdge>) {
  const [path] = getBezierPath(props);
  const ref = props.data?.ref;
  return (
    <g
      data-testid="use-edge"
      data-job-id={ref?.kind === 'use' ? ref.jobId : ''}
      data-lfn={ref?.kind === 'use' ? ref.lfn : ''}
      data-link={props.data?.link ?? ''}
      className={`use-edge use-${props.data?.link ?? 'input'}${props.selected ? ' is-selected' : ''}`}
    >
      <BaseEdge id={props.id} path={path} {...(props.markerEnd !== undefined ? { markerEnd: props.markerEnd } : {})} interactionWidth={16} />
    </g>
  );
});
