/**
 * The Plan view: the executable workflow from the planner, drawn read-only with the canvas's
 * visible-only rendering. Positions come from the layered layout computed in the plan worker.
 */
import { Background, Controls, type Edge, MarkerType, ReactFlow, type ReactFlowInstance, ReactFlowProvider } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { jobKey } from '../../../shared/edit';
import { setPlanView, usePlan } from '../../panels/plan/plan-store';
import { focusNode } from '../../store/ui-store';
import { handlesFor } from '../node-types';
import { type PlanFlowNode, PlanNode } from './PlanNode';
import { PLAN_NODE_SIZE } from './plan-view-model';
import { FLOW_DEFAULTS } from '../flow-defaults';
import './plan-view.css';

const nodeTypes = { plan: PlanNode };
const defaultEdgeOptions = { markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14 } };
const handles = handlesFor(PLAN_NODE_SIZE);
// Nodes are neither selectable nor draggable, so React Flow would let the pointer through
// them: they must still take it, for the hover tooltip (where a job came from) and double-click.
const nodeStyle = { pointerEvents: 'all' } as const;

/**
 * The view has its own React Flow store: sharing the workflow canvas's store would make it
 * drop and rebuild the workflow's nodes (tens of thousands in a large workflow) on each switch.
 */
export function PlanCanvas() {
  return (
    <ReactFlowProvider>
      <PlanFlow />
    </ReactFlowProvider>
  );
}

function PlanFlow() {
  const view = usePlan((s) => s.view);
  const status = usePlan((s) => s.status);
  const progress = usePlan((s) => s.progress);
  const flow = useRef<ReactFlowInstance<PlanFlowNode, Edge> | null>(null);

  const nodes = useMemo<PlanFlowNode[]>(() => {
    if (!view) return [];
    return view.jobs.map((job, i) => ({
      id: String(i),
      type: 'plan',
      position: { x: view.positions[2 * i]!, y: view.positions[2 * i + 1]! },
      data: { job },
      width: PLAN_NODE_SIZE.width,
      height: PLAN_NODE_SIZE.height,
      measured: PLAN_NODE_SIZE,
      handles,
      style: nodeStyle,
      draggable: false,
      connectable: false,
      ariaLabel: `Planned job ${job.name}`,
    }));
  }, [view]);
  const edges = useMemo<Edge[]>(() => {
    if (!view) return [];
    const list: Edge[] = [];
    for (let e = 0; e < view.sources.length; e++) {
      list.push({ id: `e${e}`, source: String(view.sources[e]), target: String(view.targets[e]), sourceHandle: 'out', targetHandle: 'in' });
    }
    return list;
  }, [view]);

  // Double-clicking a compute job shows its abstract job on the workflow canvas.
  const onNodeDoubleClick = useCallback((_event: unknown, node: PlanFlowNode) => {
    const { job } = node.data;
    if (job.kind !== 'compute' || job.from.length !== 1) return;
    setPlanView(false);
    focusNode(jobKey(job.from[0]!));
  }, []);

  const onInit = useCallback((instance: ReactFlowInstance<PlanFlowNode, Edge>) => {
    flow.current = instance;
  }, []);
  useEffect(() => {
    if (nodes.length > 0) requestAnimationFrame(() => void flow.current?.fitView({ padding: 0.1, maxZoom: 1.2 }));
  }, [nodes]);

  return (
    <div className="canvas plan-canvas" data-testid="plan-canvas" data-status={status} data-jobs={view?.jobs.length ?? 0}>
      {status === 'planning' && progress && (
        <div className="plan-progress" role="status" data-testid="plan-progress">
          Planning… {progress.label} ({progress.step}/{progress.total})
          <progress max={progress.total} value={progress.step} />
        </div>
      )}
      <ReactFlow<PlanFlowNode, Edge>
        nodes={nodes}
        edges={edges}
        {...FLOW_DEFAULTS}
        nodeTypes={nodeTypes}
        defaultEdgeOptions={defaultEdgeOptions}
        onInit={onInit}
        onNodeDoubleClick={onNodeDoubleClick}
        zoomOnDoubleClick={false}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        minZoom={0.02}
      >
        <Background gap={20} size={1} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
