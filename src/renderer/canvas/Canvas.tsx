/**
 * The canvas: a React Flow view of the document. Nodes and edges are derived from the
 * document store (never stored), only the visible ones are drawn, and every gesture that
 * changes the workflow goes through an edit operation of `src/shared/edit` as one history
 * step: a whole drag is one move, a connection one wiring.
 */
import {
  Background,
  type Connection,
  Controls,
  type EdgeChange,
  MarkerType,
  MiniMap,
  type NodeChange,
  ReactFlow,
  type ReactFlowInstance,
} from '@xyflow/react';
import { type DragEvent, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { type NodeRef, type Position, connect, moveNodes, parseKey } from '../../shared/edit';
import { applyEdit, documentStore, setLayoutPositions, useDocument } from '../store/document-store';
import { useDiagnostics } from '../store/diagnostics-store';
import { toast, uiStore, useUi } from '../store/ui-store';
import { DependencyEdge } from './edges/DependencyEdge';
import { UseEdge } from './edges/UseEdge';
import { graphModel } from './graph-model';
import { computeLayout } from './layout/layout-client';
import { type CanvasEdge, NodeCache, buildEdges, buildNodes } from './mapping';
import { type CanvasNode, FILE_SIZE, JOB_SIZE } from './node-types';
import { FileNode } from './nodes/FileNode';
import { JobNode } from './nodes/JobNode';
import { SubWorkflowNode } from './nodes/SubWorkflowNode';
import { PALETTE_MIME, dropItem, parsePaletteItem } from './palette-drop';
import { centreOn, fitAll, screenToCanvas, setFlowInstance } from './viewport';
import { JobGroupNode } from './scale/JobGroupNode';
import { useLevelOfDetail } from './scale/use-level-of-detail';
import { INDEX_MIN_JOBS, canvasIndexFor } from './scale/canvas-index-store';
import { SCALE_MIN_NODES } from './scale/level-of-detail';
import { FLOW_DEFAULTS } from './flow-defaults';
import './scale/scale.css';

// Module scope, so React Flow never sees new type maps (which would remount every node).
const nodeTypes = { job: JobNode, subworkflow: SubWorkflowNode, file: FileNode, jobgroup: JobGroupNode };
const edgeTypes = { dependency: DependencyEdge, use: UseEdge };
const defaultEdgeOptions = { markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 } };
const multiSelectKeys = ['Shift', 'Meta', 'Control'];
const snapGrid: [number, number] = [10, 10];
/**
 * The minimap draws every node as an SVG shape on every change; past this many nodes it
 * costs more than the canvas itself, so it is left out (the README states the threshold).
 */
const MINIMAP_MAX_NODES = 3000;
const minimapClass = (n: { type?: string }) => `minimap-${n.type ?? 'job'}`;
const NO_NODES: CanvasNode[] = [];
const NO_EDGES: CanvasEdge[] = [];

function toRef(key: string): NodeRef | undefined {
  const ref = parseKey(key);
  if (!ref) return undefined;
  return ref.kind === 'job' ? { kind: 'job', id: ref.id } : { kind: 'file', lfn: ref.lfn };
}

/** While the worker lays the graph out (a large one takes seconds), how far it got. */
function LayoutProgress() {
  const running = useUi((s) => s.layoutRunning);
  const done = useUi((s) => s.layoutProgress);
  const jobs = useDocument((s) => s.doc.workflow.jobs.length);
  if (!running) return null;
  return (
    <div className="canvas-status" role="status" data-testid="layout-progress">
      Laying out {jobs.toLocaleString('en-US')} jobs… {Math.round(done * 100)}%
    </div>
  );
}

export function Canvas() {
  const doc = useDocument((s) => s.doc);
  const catalogs = useDocument((s) => s.catalogs);
  const needsLayout = useDocument((s) => s.needsLayout);
  const loadCount = useDocument((s) => s.loadCount);
  const view = useUi((s) => s.view);
  const selectedNodes = useUi((s) => s.selectedNodes);
  const selectedEdges = useUi((s) => s.selectedEdges);
  const focusRequest = useUi((s) => s.focusRequest);
  const fitRequest = useUi((s) => s.fitRequest);
  // Badges follow the diagnostics a render later: the Diagnostics panel shows a check's result
  // first, and redrawing the nodes in view never holds it up.
  const badges = useDeferredValue(useDiagnostics((s) => s.badges));
  const cache = useRef(new NodeCache());
  const [drag, setDrag] = useState<ReadonlyMap<string, Position> | null>(null);

  // A large document is drawn from its index, kept in step with the edits (see canvas-index.ts):
  // no pass over every node per edit. Before its first layout it is not drawn at all (the
  // layout runs in the worker, and the toolbar says so).
  const indexed = doc.workflow.jobs.length > INDEX_MIN_JOBS;
  const index = indexed && !needsLayout ? canvasIndexFor(doc, catalogs, view) : null;
  const large = index !== null && index.nodeCount > SCALE_MIN_NODES ? index : null;
  const version = large?.version ?? 0;
  const small = !indexed || (index !== null && !large);

  const model = useMemo(() => (small ? graphModel(doc.workflow, catalogs) : null), [small, doc.workflow, catalogs]);
  const baseNodes = useMemo(() => (model ? buildNodes(doc, model, badges, view, cache.current) : NO_NODES), [doc, model, badges, view]);
  const baseEdges = useMemo(() => (model ? buildEdges(model, view) : NO_EDGES), [model, view]);
  const nodes = useMemo<CanvasNode[]>(() => {
    if (selectedNodes.size === 0 && !drag) return baseNodes;
    return baseNodes.map((n) => {
      const selected = selectedNodes.has(n.id);
      const moved = drag?.get(n.id);
      return selected || moved ? ({ ...n, selected, position: moved ?? n.position } as CanvasNode) : n;
    });
  }, [baseNodes, selectedNodes, drag]);
  const edges = useMemo<CanvasEdge[]>(
    () => (selectedEdges.size === 0 ? baseEdges : baseEdges.map((e) => (selectedEdges.has(e.id) ? { ...e, selected: true } : e))),
    [baseEdges, selectedEdges],
  );
  // Large views: only what the viewport needs (windowed members or the aggregated groups).
  const lod = useLevelOfDetail(large, version, nodes, edges, selectedNodes, drag, badges);

  // True between a drag's first move and its stop: the stop records the move as one step.
  const dragging = useRef(false);

  const onNodesChange = useCallback((changes: NodeChange<CanvasNode>[]) => {
    let selection: Set<string> | undefined;
    let moved: Map<string, Position> | undefined;
    let nudged: Array<readonly [string, Position]> | undefined;
    for (const change of changes) {
      if (change.type === 'select') {
        selection ??= new Set(uiStore.getState().selectedNodes);
        if (change.selected) selection.add(change.id);
        else selection.delete(change.id);
      } else if (change.type === 'position' && change.position) {
        if (change.dragging) {
          dragging.current = true;
          moved ??= new Map();
          moved.set(change.id, change.position);
        } else if (!dragging.current) {
          // Arrow keys on focused nodes move them without a drag: one step per key press.
          nudged ??= [];
          nudged.push([change.id, { x: Math.round(change.position.x), y: Math.round(change.position.y) }]);
        }
      }
    }
    if (selection) uiStore.setState({ selectedNodes: selection });
    if (moved) {
      const update = moved;
      setDrag((previous) => {
        const next = new Map(previous ?? []);
        for (const [k, p] of update) next.set(k, p);
        return next;
      });
    }
    if (nudged) applyEdit(moveNodes(documentStore.getState().doc, nudged, 'Move'));
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<CanvasEdge>[]) => {
    let selection: Set<string> | undefined;
    for (const change of changes) {
      if (change.type !== 'select') continue;
      selection ??= new Set(uiStore.getState().selectedEdges);
      if (change.selected) selection.add(change.id);
      else selection.delete(change.id);
    }
    if (selection) uiStore.setState({ selectedEdges: selection });
  }, []);

  const onNodeDragStop = useCallback((_event: unknown, _node: CanvasNode, dragged: CanvasNode[]) => {
    dragging.current = false;
    setDrag(null);
    const moves = dragged.map((n) => [n.id, { x: Math.round(n.position.x), y: Math.round(n.position.y) }] as const);
    applyEdit(moveNodes(documentStore.getState().doc, moves, dragged.length === 1 ? 'Move' : `Move ${dragged.length} nodes`));
  }, []);

  const onConnect = useCallback((connection: Connection) => {
    const source = toRef(connection.source);
    const target = toRef(connection.target);
    if (!source || !target) return;
    const reason = applyEdit(connect(documentStore.getState().doc, source, target));
    if (reason) toast(reason, 'error');
  }, []);

  const onInit = useCallback((instance: ReactFlowInstance<CanvasNode, CanvasEdge>) => {
    setFlowInstance(instance as unknown as ReactFlowInstance);
  }, []);
  useEffect(() => () => setFlowInstance(null), []);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback((event: DragEvent) => {
    const item = parsePaletteItem(event.dataTransfer.getData(PALETTE_MIME));
    if (!item) return;
    event.preventDefault();
    dropItem(item, screenToCanvas({ x: event.clientX, y: event.clientY }));
  }, []);

  // Fit requests wait for the nodes they are about: React Flow's store takes the new nodes in
  // its own effects, which run before this component's, so fitting here sees them.
  const pendingFit = useRef(false);
  useEffect(() => {
    if (fitRequest > 0 || loadCount > 0) pendingFit.current = true;
  }, [fitRequest, loadCount]);
  useEffect(() => {
    if (!pendingFit.current || documentStore.getState().needsLayout) return;
    pendingFit.current = false;
    requestAnimationFrame(() => fitAll());
  }, [lod.nodes, fitRequest, loadCount]);

  // A document without saved positions is laid out in the worker; the result is not an edit.
  useEffect(() => {
    if (!needsLayout) return;
    let cancelled = false;
    uiStore.setState({ layoutRunning: true, layoutProgress: 0 });
    const state = documentStore.getState();
    void computeLayout(state.doc, state.catalogs, (done) => uiStore.setState({ layoutProgress: done })).then((result) => {
      uiStore.setState({ layoutRunning: false });
      if (cancelled) return;
      pendingFit.current = true;
      if (result.ok) setLayoutPositions(result.positions);
      else {
        toast(`Automatic layout failed: ${result.message}`, 'error');
        documentStore.setState({ needsLayout: false });
      }
    });
    return () => {
      cancelled = true;
    };
  }, [needsLayout, loadCount]);

  useEffect(() => {
    if (!focusRequest) return;
    const key = focusRequest.key;
    let position: Position | undefined;
    if (large) position = large.slotOfKey(key) === undefined ? undefined : large.positionOf(key);
    else position = baseNodes.find((n) => n.id === key)?.position;
    if (!position) return;
    const size = key.startsWith('f:') ? FILE_SIZE : JOB_SIZE;
    centreOn({ x: position.x + size.width / 2, y: position.y + size.height / 2 });
    // Focus the node too, so the keyboard acts on what the user now sees.
    requestAnimationFrame(() => {
      const element = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(key)}"]`);
      element?.focus({ preventScroll: true });
    });
    // The nodes are read for the position only; re-centring on every edit would fight the user.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusRequest]);

  return (
    <div className="canvas" data-testid="canvas" onDragOver={onDragOver} onDrop={onDrop} data-view={view} data-detail={lod.mode}>
      <ReactFlow<CanvasNode, CanvasEdge>
        nodes={lod.nodes as CanvasNode[]}
        edges={lod.edges as CanvasEdge[]}
        {...FLOW_DEFAULTS}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        defaultEdgeOptions={defaultEdgeOptions}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        onInit={onInit}
        onMove={lod.onMove}
        onNodeClick={lod.onNodeClick}
        onNodeDoubleClick={lod.onNodeDoubleClick}
        zoomOnDoubleClick={lod.mode !== 'aggregated'}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={multiSelectKeys}
        snapToGrid
        snapGrid={snapGrid}
        minZoom={lod.minZoom}
        connectionRadius={30}
        nodesFocusable
        edgesFocusable
      >
        <Background gap={20} size={1} />
        {lod.mode === 'all' && nodes.length <= MINIMAP_MAX_NODES && <MiniMap pannable zoomable ariaLabel="Minimap" nodeClassName={minimapClass} />}
        <Controls showInteractive={false} />
      </ReactFlow>
      <LayoutProgress />
    </div>
  );
}
