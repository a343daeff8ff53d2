/**
 * Canvas positions ↔ the sidecar `NAME.canvas.json` ({@link CanvasLayout} of the IPC
 * contract): job id → point and LFN → point, plus the view and viewport.
 */
import { type Position, fileKey, jobKey, parseKey } from '../../shared/edit';
import type { CanvasLayout } from '../../shared/ipc';

export function layoutFromPositions(
  positions: ReadonlyMap<string, Position>,
  view: 'files' | 'jobs',
  viewport: { x: number; y: number; zoom: number } | undefined,
): CanvasLayout {
  const jobs: Record<string, Position> = {};
  const files: Record<string, Position> = {};
  for (const [key, p] of positions) {
    const ref = parseKey(key);
    if (ref?.kind === 'job') jobs[ref.id] = { x: p.x, y: p.y };
    else if (ref?.kind === 'file') files[ref.lfn] = { x: p.x, y: p.y };
  }
  const layout: CanvasLayout = { version: 1, jobs, files, view };
  if (viewport && viewport.zoom > 0) layout.viewport = viewport;
  return layout;
}

export function positionsFromLayout(layout: CanvasLayout | null | undefined): Map<string, Position> {
  const positions = new Map<string, Position>();
  if (!layout) return positions;
  for (const [id, p] of Object.entries(layout.jobs)) positions.set(jobKey(id), { x: p.x, y: p.y });
  for (const [lfn, p] of Object.entries(layout.files)) positions.set(fileKey(lfn), { x: p.x, y: p.y });
  return positions;
}
