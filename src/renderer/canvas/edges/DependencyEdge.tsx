import { BaseEdge, type EdgeProps, getBezierPath } from '@xyflow/react';
import { memo } from 'react';
import type { CanvasEdge } from '../mapping';

/**
 * A job → job dependency: solid when files imply it (inferred), dashed when only the
 * workflow states it (explicit). The `dep-edge` hook carries parent and child ids.
 */
export const DependencyEdge = memo(function DependencyEdge(props: EdgeProps<CanvasEdge>) {
  const [path] = getBezierPath(props);
  const ref = props.data?.ref;
  const kind = props.data?.dependency ?? 'explicit';
  const parent = ref?.kind === 'dependency' ? ref.parent : '';
  const child = ref?.kind === 'dependency' ? ref.child : '';
  return (
    <g data-testid="dep-edge" data-parent={parent} data-child={child} data-kind={kind} className={`dep-edge dep-${kind}${props.selected ? ' is-selected' : ''}`}>
      <BaseEdge id={props.id} path={path} {...(props.markerEnd !== undefined ? { markerEnd: props.markerEnd } : {})} interactionWidth={16} />
    </g>
  );
});
