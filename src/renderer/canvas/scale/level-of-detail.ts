/**
 * Level of detail: what the canvas hands React Flow for the current viewport.
 *
 * - `all`: a small view (at most {@link SCALE_MIN_NODES} nodes) goes to React Flow whole, with
 *   its visible-only rendering.
 * - `windowed`: a large one, zoomed in, gets only the nodes in a window around the viewport,
 *   found through the spatial grid (O(visible)), so React Flow's per-frame scan sees hundreds
 *   of nodes, not 10^5; the window is recomputed only when the viewport leaves it.
 * - `aggregated`: a large one zoomed out past {@link MAX_DRAWN_NODES} nodes in view (or fitted
 *   whole) gets the groups, in their own small layout; zooming in past {@link OPEN_ZOOM} or
 *   double-clicking a group opens it: the view moves to its members.
 *
 * Thresholds come from ../shared/reference/perf.md: React Flow pans at ≤ 17–33 ms with about
 * 500 nodes on screen and degrades past it; its visible-only scan is smooth up to ~20,000.
 */
import type { Rect } from './dynamic-grid';

/** Views with more nodes than this get level of detail (windowing and the aggregated view). */
export const SCALE_MIN_NODES = 1_000;
/** More nodes than this in the viewport switch to the aggregated view. */
export const MAX_DRAWN_NODES = 400;
/** Zooming into the aggregated view past this opens the group at the centre. */
export const OPEN_ZOOM = 2.5;
/** Fewer than this switch back to the members (a gap, so the view does not flicker at the edge). */
export const MIN_MEMBER_NODES = 300;

export type DetailMode = 'all' | 'windowed' | 'aggregated';

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** The canvas rectangle the viewport shows on a pane of `width` × `height` pixels. */
export function visibleRect(viewport: Viewport, width: number, height: number): Rect {
  return {
    x: -viewport.x / viewport.zoom,
    y: -viewport.y / viewport.zoom,
    width: width / viewport.zoom,
    height: height / viewport.zoom,
  };
}

/** Whether a member view with about `inView` nodes in the viewport has too many to draw. */
export function tooManyToDraw(inView: number): boolean {
  return inView > MAX_DRAWN_NODES;
}

/** `rect` grown by `factor` of its size on every side. */
export function grow(rect: Rect, factor: number): Rect {
  return {
    x: rect.x - rect.width * factor,
    y: rect.y - rect.height * factor,
    width: rect.width * (1 + 2 * factor),
    height: rect.height * (1 + 2 * factor),
  };
}

export function contains(outer: Rect, inner: Rect): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}
