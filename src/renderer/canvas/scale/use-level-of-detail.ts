/**
 * The canvas's level of detail (see level-of-detail.ts): from every node and edge of the view,
 * what React Flow gets for the current viewport. The viewport is followed in a ref; React state
 * changes only when the decision does (another mode, or the viewport leaving the window), so a
 * pan step costs one grid estimate, O(rows covered), and no re-render.
 */
import type { Edge, Node, Viewport as FlowViewport } from '@xyflow/react';
import { type MouseEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useRunStates } from '../../store/run-states-store';
import { select, uiStore, useUi } from '../../store/ui-store';
import type { GraphModel } from '../graph-model';
import type { Badge, CanvasNode } from '../node-types';
import { currentViewport, setFitBounds, setViewportTo } from '../viewport';
import {
  GROUP_SIZE,
  type GroupLayout,
  groupBox,
  groupElements,
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
  SCALE_MIN_NODES,
  type Viewport,
  contains,
  grow,
  tooManyToDraw,
  visibleRect,
} from './level-of-detail';
import { type Rect, SpatialGrid } from './spatial-grid';

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

export function useLevelOfDetail(
  baseNodes: readonly CanvasNode[],
  nodes: readonly CanvasNode[],
  edges: readonly Edge[],
  model: GraphModel,
  selection: ReadonlySet<string>,
  badges: ReadonlyMap<string, Badge>,
): LevelOfDetail {
  const large = baseNodes.length > SCALE_MIN_NODES;
  const runStates = useRunStates((s) => s.jobs);
  const grid = useMemo(() => {
    if (!large) return null;
    const boxes = new Float64Array(baseNodes.length * 4);
    for (let i = 0; i < baseNodes.length; i++) {
      const n = baseNodes[i]!;
      boxes[4 * i] = n.position.x;
      boxes[4 * i + 1] = n.position.y;
      boxes[4 * i + 2] = n.width ?? 0;
      boxes[4 * i + 3] = n.height ?? 0;
    }
    return new SpatialGrid(boxes);
  }, [baseNodes, large]);
  const groups = useMemo<GroupLayout | null>(() => {
    if (!large) return null;
    const byKey = new Map<string, CanvasNode>();
    for (const n of baseNodes) if (n.type !== 'file') byKey.set(n.id, n);
    return groupLayout(model, byKey);
  }, [baseNodes, model, large]);

  const [decision, setDecision] = useState<Decision>({ mode: large ? 'aggregated' : 'all', window: null });
  const decisionRef = useRef(decision);
  decisionRef.current = decision;
  const change = useCallback((next: Decision) => {
    decisionRef.current = next;
    setDecision(next);
  }, []);

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
      if (!groups || !grid) return;
      let g = -1;
      if (view) {
        const centre = { x: view.x + view.width / 2, y: view.y + view.height / 2 };
        const probe = grow({ x: centre.x, y: centre.y, width: 1, height: 1 }, 200);
        grid.query(probe, (i) => {
          if (g < 0) g = groupOfNode(groups, model, baseNodes[i]?.id ?? '');
        });
      }
      change({ mode: 'aggregated', window: null });
      if (g >= 0)
        setViewportTo(
          centredAt(
            {
              x: groups.positions[2 * g]! + GROUP_SIZE.width / 2,
              y: groups.positions[2 * g + 1]! + GROUP_SIZE.height / 2,
            },
            1,
          ),
        );
    },
    [groups, grid, baseNodes, model, change],
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

  // A new node list (load, layout, edit) is decided again for the viewport as it is.
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
    if (!focusRequest || !grid) return;
    const node = baseNodes.find((n) => n.id === focusRequest.key);
    if (!node) return;
    const pane = paneSize();
    const zoom = Math.max(currentViewport()?.zoom ?? 1, 1);
    change({
      mode: 'windowed',
      window: grow(visibleRect(centredAt(node.position, zoom), pane.width, pane.height), 0.5),
    });
    // Only a new request moves the view; the node list changing under it must not.
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

  const jobIds = useMemo(() => model.workflow.jobs.map((j) => j.id), [model]);
  const groupView = useMemo(() => {
    // Large and not windowed (also before the first decision): groups, never 10^5 nodes.
    if (!groups || decision.mode === 'windowed') return null;
    return groupElements(groups, selection, badges, runStates, jobIds);
  }, [groups, decision.mode, selection, badges, runStates, jobIds]);

  const windowed = useMemo(() => {
    if (!grid || decision.mode !== 'windowed' || !decision.window) return null;
    const inside: Node[] = [];
    const ids = new Set<string>();
    grid.query(decision.window, (i) => {
      const n = nodes[i];
      if (!n) return;
      inside.push(n as Node);
      ids.add(n.id);
    });
    // Selected nodes stay in React Flow's store wherever they are, so a drag or a key moves them all.
    for (const n of nodes) {
      if (!n.selected || ids.has(n.id)) continue;
      inside.push(n as Node);
      ids.add(n.id);
    }
    return { nodes: inside, edges: edges.filter((e) => ids.has(e.source) && ids.has(e.target)) };
  }, [grid, decision, nodes, edges]);

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

  if (groupView)
    return {
      mode: 'aggregated',
      nodes: groupView.nodes,
      edges: groupView.edges,
      minZoom,
      onMove,
      onNodeClick,
      onNodeDoubleClick,
    };
  if (windowed)
    return {
      mode: 'windowed',
      nodes: windowed.nodes,
      edges: windowed.edges,
      minZoom,
      onMove,
      onNodeClick,
      onNodeDoubleClick,
    };
  return {
    mode: 'all',
    nodes: nodes as unknown as Node[],
    edges: edges as Edge[],
    minZoom,
    onMove,
    onNodeClick,
    onNodeDoubleClick,
  };
}
