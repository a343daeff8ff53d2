/** What the palette drags onto the canvas, and how a drop becomes a document edit. */
import { type Position, addFile, addJob } from '../../shared/edit';
import { applyEdit, documentStore } from '../store/document-store';
import { select, toast } from '../store/ui-store';
import { FILE_SIZE, JOB_SIZE } from './node-types';

/** The drag-and-drop data type of palette items. */
export const PALETTE_MIME = 'application/x-pegasus-canvas-item';

export type PaletteItem =
  | { kind: 'job' }
  | { kind: 'file' }
  | { kind: 'subworkflow' }
  | { kind: 'transformation'; namespace?: string; name: string; version?: string };

/** Adds the item with its centre at `centre` (canvas coordinates) and selects it. */
export function dropItem(item: PaletteItem, centre: Position): void {
  const doc = documentStore.getState().doc;
  const size = item.kind === 'file' ? FILE_SIZE : JOB_SIZE;
  const at = { x: Math.round(centre.x - size.width / 2), y: Math.round(centre.y - size.height / 2) };
  const result =
    item.kind === 'file'
      ? addFile(doc, at)
      : item.kind === 'transformation'
        ? addJob(doc, { kind: 'transformation', transformation: item }, at)
        : addJob(doc, item.kind === 'subworkflow' ? { kind: 'subworkflow' } : { kind: 'job' }, at);
  const reason = applyEdit(result);
  if (reason) toast(reason, 'error');
  else if (result.ok && result.select) select(result.select);
}

export function parsePaletteItem(text: string): PaletteItem | undefined {
  try {
    const value = JSON.parse(text) as PaletteItem;
    if (value && ['job', 'file', 'subworkflow', 'transformation'].includes(value.kind)) return value;
  } catch {
    // Not ours: ignore the drop.
  }
  return undefined;
}
