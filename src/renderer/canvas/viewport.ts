/**
 * The React Flow instance, for commands that act on the view (fit, zoom, centre) from
 * outside the canvas component: menus, shortcuts, the diagnostics panel.
 */
import type { ReactFlowInstance } from '@xyflow/react';
import type { Position } from '../../shared/edit';

let instance: ReactFlowInstance | null = null;

/** Animation length for view changes: none when the user asks for reduced motion. */
function duration(ms: number): number {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches ? 0 : ms;
}

export function setFlowInstance(next: ReactFlowInstance | null): void {
  instance = next;
}

/**
 * The whole graph's box, when React Flow holds only part of it (level of detail for large
 * workflows, canvas/scale/): fit-all then fits that box instead of React Flow's nodes.
 */
let fitBounds: (() => { x: number; y: number; width: number; height: number }) | null = null;

export function setFitBounds(provider: typeof fitBounds): void {
  fitBounds = provider;
}

export function setViewportTo(viewport: { x: number; y: number; zoom: number }): void {
  void instance?.setViewport(viewport, { duration: duration(200) });
}

export function fitAll(): void {
  // React Flow queues a fit asked for with no nodes and runs it on the first node added,
  // which would zoom onto the first node the user drops: nothing to fit, no fit.
  if (!instance || instance.getNodes().length === 0) return;
  if (fitBounds) {
    void instance.fitBounds(fitBounds(), { padding: 0.15, duration: duration(200) });
    return;
  }
  void instance.fitView({ padding: 0.15, duration: duration(200), maxZoom: 1.5 });
}

export function zoomIn(): void {
  void instance?.zoomIn({ duration: duration(150) });
}

export function zoomOut(): void {
  void instance?.zoomOut({ duration: duration(150) });
}

export function zoomReset(): void {
  const vp = instance?.getViewport();
  if (vp) void instance?.setViewport({ ...vp, zoom: 1 }, { duration: duration(150) });
}

/** Centres the view on a canvas point, zooming in to at least 1:1 when far out. */
export function centreOn(point: Position): void {
  if (!instance) return;
  const zoom = Math.max(instance.getZoom(), 1);
  void instance.setCenter(point.x, point.y, { zoom, duration: duration(250) });
}

/** The canvas point at the middle of the visible area (where pasted and keyboard-added nodes go). */
export function viewportCentre(): Position {
  const element = document.querySelector('[data-testid="canvas"]');
  if (!instance || !element) return { x: 0, y: 0 };
  const rect = element.getBoundingClientRect();
  return instance.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
}

export function screenToCanvas(point: Position): Position {
  return instance ? instance.screenToFlowPosition(point) : point;
}

export function currentViewport(): { x: number; y: number; zoom: number } | undefined {
  return instance?.getViewport();
}
