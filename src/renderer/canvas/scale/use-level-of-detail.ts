/**
 * The canvas's level of detail (see level-of-detail.ts): what React Flow gets for the current
 * viewport. A small view goes whole; a large one comes from its {@link CanvasIndex} (kept in
 * step with the edits), which makes node objects only for the window around the viewport.
 * The viewport is followed in a ref; React state changes only when the decision does
 * (another mode, or the viewport leaving the window), so a pan step costs one grid estimate,
 * O(cells covered), and no re-render. The groups of the aggregated view are computed from the
 * whole workflow (O(jobs)), so they are computed again after edits only when they are shown.
 */
import type { Edge, Node, Viewport as FlowViewport } from '@xyflow/react';
import { type MouseEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useRunStates } from '../../store/run-states-store';
import { select, uiStore, useUi } from '../../store/ui-store';
import { type Position } from '../../../shared/edit';
import { inferDependencies } from '../../../shared/infer';
import type { GraphModel } from '../graph-model';
import type { Badge, CanvasNode } from '../node-types';
import type { CanvasIndex } from './canvas-index';
import { JobStateMap } from '../../../shared/run/job-state-map';
import type { JobState } from '../../../shared/run/run-state';
import { currentViewport, setFitBounds, setViewportTo } from '../viewport';
import {
  GROUP_SIZE,
  type GroupLayout,
  groupBox,
  groupElements,
  groupMarks,
  groupStateRows,
  updatedGroupStateRows,
  groupLayout,
  groupMemberKeys,
  groupNear,
  groupOfNode,
  isGroupNodeId,
} from './aggregated-view';
import {
  type DetailMode,
  MIN_MEMBER_NODES,
  OPEN_ZOOM,
  type Viewport,
  contains,
  grow,
  tooManyToDraw,
  visibleRect,
} from './level-of-detail';
import type { Rect } from './dynamic-grid';

interface Decision {
  mode: DetailMode;
  /** Windowed mode: the canvas rectangle whose nodes React Flow holds. */
  window: Rect | null;
}

export interface LevelOfDetail {
  mode: DetailMode;
  nodes: Node[];
  edges: Edge[];
  minZoom: number;
  onMove: (event: unknown, viewport: FlowViewport) => void;
  onNodeClick: (event: MouseEvent, node: Node) => void;
  onNodeDoubleClick: (event: MouseEvent, node: Node) => void;
}

function paneSize(): { width: number; height: number } {
  const element = document.querySelector('[data-testid="canvas"]');
  const rect = element?.getBoundingClientRect();
  return { width: rect?.width || 1200, height: rect?.height || 800 };
}

/** The viewport showing `point` at the pane's centre at `zoom`. */
function centredAt(point: { x: number; y: number }, zoom: number): Viewport {
  const pane = paneSize();
  return { x: pane.width / 2 - point.x * zoom, y: pane.height / 2 - point.y * zoom, zoom };
}

/** `rect` grown around its centre to at least the pane's size at `zoom`, so fitting it never zooms in past `zoom`. */
function atLeastPane(rect: Rect, zoom: number): Rect {
  const pane = paneSize();
  const width = Math.max(rect.width, pane.width / zoom);
  const height = Math.max(rect.height, pane.height / zoom);
  return { x: rect.x + rect.width / 2 - width / 2, y: rect.y + rect.height / 2 - height / 2, width, height };
}

const NO_STATES: ReadonlyMap<string, JobState> = new Map();

/** True when two lists hold the same objects in the same order. */
function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The groups of one index version, with the graph they were counted on. */
interface Groups {
  index: CanvasIndex;
  version: number;
  layout: GroupLayout;
  model: Pick<GraphModel, 'graph'>;
  jobIds: string[];
  /** Job id → job index (the first job with that id), for run-state batches. */
  jobIndex: Map<string, number>;
}

function computeGroups(index: CanvasIndex): Groups {
  const workflow = index.doc.workflow;
  const model = { workflow, graph: inferDependencies(workflow) };
  const layout = groupLayout(model, (key) => (index.slotOfKey(key) === undefined ? undefined : index.positionOf(key)));
  const jobIds = workflow.jobs.map((j) => j.id);
  const jobIndex = new Map<string, number>();
  for (let v = jobIds.length - 1; v >= 0; v--) jobIndex.set(jobIds[v]!, v);
  return { index, version: index.version, layout, model, jobIds, jobIndex };
}

/**
 * @param index the large view's index (`null` for a small view, drawn whole from `allNodes`/`allEdges`)
 * @param version the index's version when this render read it
 */
export function useLevelOfDetail(
  index: CanvasIndex | null,
  version: number,
  allNodes: readonly CanvasNode[],
  allEdges: readonly Edge[],
  selection: ReadonlySet<string>,
  drag: ReadonlyMap<string, Position> | null,
  badges: ReadonlyMap<string, Badge>,
): LevelOfDetail {
  const grid = index?.grid ?? null;

  const [decision, setDecision] = useState<Decision>({ mode: index ? 'aggregated' : 'all', window: null });
  // Run states count per group only while the groups are drawn; members read their own state.
  const runStates = useRunStates((s) => (decision.mode === 'windowed' ? NO_STATES : s.jobs));
  const decisionRef = useRef(decision);
  decisionRef.current = decision;
  const change = useCallback((next: Decision) => {
    decisionRef.current = next;
    setDecision(next);
  }, []);

  // Groups: for a new index at once; after edits, only while they are on show (see module comment).
  const groupsRef = useRef<Groups | null>(null);
  let groupsState = groupsRef.current;
  if (!index) groupsState = null;
  else if (!groupsState || groupsState.index !== index || (decision.mode !== 'windowed' && groupsState.version !== version))
    groupsState = computeGroups(index);
  groupsRef.current = groupsState;
  const groups = groupsState?.layout ?? null;

  /** Opens group `g`: the view moves to its members, as far out as still draws them. */
  const openGroup = useCallback(
    (g: number) => {
      if (!groups || !grid || g < 0) return;
      const box = groupBox(groups, g);
      const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      const pane = paneSize();
      let zoom = 1;
      for (let next = zoom / 1.25; next > 0.05; next /= 1.25) {
        if (grid.estimate(visibleRect(centredAt(centre, next), pane.width, pane.height)) >= MIN_MEMBER_NODES) break;
        zoom = next;
      }
      const viewport = centredAt(centre, zoom);
      change({ mode: 'windowed', window: grow(visibleRect(viewport, pane.width, pane.height), 0.5) });
      setViewportTo(viewport);
    },
    [groups, grid, change],
  );

  /** Shows the groups, centred on the group of the member at the centre of `view` (or all of them). */
  const showGroups = useCallback(
    (view: Rect | null) => {
      const state = groupsRef.current;
      if (!state || !grid || !index) return;
      let g = -1;
      if (view) {
        const centre = { x: view.x + view.width / 2, y: view.y + view.height / 2 };
        const probe = grow({ x: centre.x, y: centre.y, width: 1, height: 1 }, 200);
        grid.query(probe, (slot) => {
          if (g < 0) g = groupOfNode(state.layout, state.model, index.keyAt(slot) ?? '');
        });
      }
      change({ mode: 'aggregated', window: null });
      if (g >= 0)
        setViewportTo(
          centredAt(
            {
              x: state.layout.positions[2 * g]! + GROUP_SIZE.width / 2,
              y: state.layout.positions[2 * g + 1]! + GROUP_SIZE.height / 2,
            },
            1,
          ),
        );
    },
    [grid, index, change],
  );

  const decide = useCallback(
    (viewport: Viewport) => {
      const previous = decisionRef.current;
      if (!grid || !groups) {
        if (previous.mode !== 'all') change({ mode: 'all', window: null });
        return;
      }
      const pane = paneSize();
      const view = visibleRect(viewport, pane.width, pane.height);
      if (previous.mode !== 'windowed') {
        if (previous.mode === 'all') change({ mode: 'aggregated', window: null });
        else if (viewport.zoom >= OPEN_ZOOM)
          openGroup(groupNear(groups, { x: view.x + view.width / 2, y: view.y + view.height / 2 }));
        return;
      }
      if (tooManyToDraw(grid.estimate(view))) showGroups(view);
      else if (!previous.window || !contains(previous.window, view))
        change({ mode: 'windowed', window: grow(view, 0.5) });
    },
    [grid, groups, change, openGroup, showGroups],
  );

  // Another index (load, layout, view) or another mode is decided again for the viewport as it is.
  useEffect(() => {
    decide(currentViewport() ?? { x: 0, y: 0, zoom: 1 });
  }, [decide]);

  // Fit-all on a large view shows every group (React Flow holds only part of the members).
  useEffect(() => {
    if (!groups) return setFitBounds(null);
    setFitBounds(() => {
      change({ mode: 'aggregated', window: null });
      return atLeastPane(groups.bounds, 1.5);
    });
    return () => setFitBounds(null);
  }, [groups, change]);

  // Search and diagnostics focus a node: its members' view, around it (the canvas then centres on it).
  const focusRequest = useUi((s) => s.focusRequest);
  useEffect(() => {
    if (!focusRequest || !index || index.slotOfKey(focusRequest.key) === undefined) return;
    const position = index.positionOf(focusRequest.key);
    const pane = paneSize();
    const zoom = Math.max(currentViewport()?.zoom ?? 1, 1);
    change({
      mode: 'windowed',
      window: grow(visibleRect(centredAt(position, zoom), pane.width, pane.height), 0.5),
    });
    // Only a new request moves the view; the document changing under it must not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusRequest]);

  const frame = useRef(0);
  const latest = useRef<Viewport | null>(null);
  const onMove = useCallback(
    (_event: unknown, viewport: FlowViewport) => {
      latest.current = viewport;
      if (frame.current) return;
      frame.current = requestAnimationFrame(() => {
        frame.current = 0;
        if (latest.current) decide(latest.current);
      });
    },
    [decide],
  );
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const marks = useMemo(() => (groups ? groupMarks(groups, selection, badges) : null), [groups, selection, badges]);
  // A run's batch moves the per-group state counts by its changes (a recount of 10^5 jobs
  // per batch would cost a frame at every update).
  const stateCounts = useRef<{ groups: Groups; states: ReadonlyMap<string, JobState>; rows: Uint32Array[] | undefined } | null>(null);
  const stateRows = useMemo(() => {
    if (!groupsState || decision.mode === 'windowed') return undefined;
    const last = stateCounts.current;
    let rows: Uint32Array[] | undefined;
    const changes =
      last &&
      last.groups === groupsState &&
      last.rows &&
      groupsState.jobIndex.size === groupsState.jobIds.length && // no repeated ids (each id is one job)
      runStates instanceof JobStateMap &&
      last.states instanceof JobStateMap
        ? runStates.changesSince(last.states)
        : null;
    if (changes && last?.rows && runStates.size > 0) rows = updatedGroupStateRows(groupsState.layout, last.rows, changes, groupsState.jobIndex);
    else rows = groupStateRows(groupsState.layout, runStates, groupsState.jobIds);
    stateCounts.current = { groups: groupsState, states: runStates, rows };
    return rows;
  }, [groupsState, decision.mode, runStates]);
  const groupView = useMemo(() => {
    // Large and not windowed (also before the first decision): groups, never 10^5 nodes.
    if (!groups || !marks || decision.mode === 'windowed') return null;
    return groupElements(groups, marks, stateRows);
  }, [groups, decision.mode, marks, stateRows]);

  const lastWindow = useRef<{ nodes: Node[]; edges: Edge[] } | null>(null);
  const windowed = useMemo(() => {
    if (!index || decision.mode !== 'windowed' || !decision.window) return null;
    const inside: Node[] = [];
    const keys = new Set<string>();
    const add = (slot: number): void => {
      const key = index.keyAt(slot);
      if (key === undefined || keys.has(key)) return;
      const node = index.node(slot, badges, selection.has(key), drag?.get(key));
      if (!node) return;
      inside.push(node as Node);
      keys.add(key);
    };
    index.grid.query(decision.window, add);
    // Selected nodes stay in React Flow's store wherever they are, so a drag or a key moves them all.
    for (const key of selection) {
      const slot = index.slotOfKey(key);
      if (slot !== undefined) add(slot);
    }
    const edges = index.edgesAmong(keys) as Edge[];
    // The same objects as last time (a badge changed off screen, say): hand React Flow the same
    // arrays, so that it does not go over every node and edge it holds again.
    const last = lastWindow.current;
    const result = {
      nodes: last && sameItems(last.nodes, inside) ? last.nodes : inside,
      edges: last && sameItems(last.edges, edges) ? last.edges : edges,
    };
    lastWindow.current = result;
    return result;
    // `version` changes when the index does (same object, new content).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [index, version, decision, selection, drag, badges]);

  const minZoom = useMemo(() => {
    if (!groups) return 0.02;
    const pane = paneSize();
    return Math.min(
      0.02,
      (0.8 * pane.width) / Math.max(1, groups.bounds.width),
      (0.8 * pane.height) / Math.max(1, groups.bounds.height),
    );
  }, [groups]);

  const groupIndex = useCallback(
    (id: string) =>
      groups && isGroupNodeId(id) ? groups.aggregation.groups.findIndex((group) => `g:${group.key}` === id) : -1,
    [groups],
  );

  const onNodeClick = useCallback(
    (event: MouseEvent, node: Node) => {
      const g = groupIndex(node.id);
      if (!groups || g < 0) return;
      // Selecting a group selects its members: the selection is the same in both views.
      const members = groupMemberKeys(groups, g);
      const additive = event.shiftKey || event.ctrlKey || event.metaKey;
      select(additive ? [...uiStore.getState().selectedNodes, ...members] : members);
    },
    [groups, groupIndex],
  );

  const onNodeDoubleClick = useCallback(
    (_event: MouseEvent, node: Node) => openGroup(groupIndex(node.id)),
    [openGroup, groupIndex],
  );

  const handlers = { minZoom, onMove, onNodeClick, onNodeDoubleClick };
  if (groupView) return { mode: 'aggregated', nodes: groupView.nodes, edges: groupView.edges, ...handlers };
  if (windowed) return { mode: 'windowed', nodes: windowed.nodes, edges: windowed.edges, ...handlers };
  if (index) return { mode: 'windowed', nodes: [], edges: [], ...handlers };
  return { mode: 'all', nodes: allNodes as unknown as Node[], edges: allEdges as Edge[], ...handlers };
}
