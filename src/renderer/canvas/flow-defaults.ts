/**
 * React Flow settings the workflow canvas and the Plan view share: only what is on screen is
 * rendered, Delete is ours (not React Flow's), the same zoom ceiling, and no attribution badge.
 * One module-level object, so the props do not change on every render.
 */
import type { ReactFlowProps } from '@xyflow/react';

export const FLOW_DEFAULTS = {
  onlyRenderVisibleElements: true,
  deleteKeyCode: null,
  maxZoom: 4,
  proOptions: { hideAttribution: true },
} satisfies Partial<ReactFlowProps>;
