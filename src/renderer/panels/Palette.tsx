/**
 * The palette: drag a job, a file or a sub-workflow onto the canvas, or a transformation of
 * the catalog to make a job of it. Enter (or a double-click) adds the item at the centre of
 * the view, for keyboard users.
 */
import { type DragEvent, type KeyboardEvent, memo, useMemo } from 'react';
import { formatTransformationKey } from '../../shared/model';
import { PALETTE_MIME, type PaletteItem, dropItem } from '../canvas/palette-drop';
import { viewportCentre } from '../canvas/viewport';
import { useDocument } from '../store/document-store';

function PaletteEntry({ item, label, hint, testId }: { item: PaletteItem; label: string; hint: string; testId: string }) {
  const onDragStart = (event: DragEvent) => {
    event.dataTransfer.setData(PALETTE_MIME, JSON.stringify(item));
    event.dataTransfer.effectAllowed = 'copy';
  };
  const add = () => dropItem(item, viewportCentre());
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      add();
    }
  };
  return (
    <li
      className={`palette-item palette-${item.kind}`}
      data-testid={testId}
      draggable
      tabIndex={0}
      role="button"
      aria-label={`${label}: drag onto the canvas, or press Enter to add`}
      title={hint}
      onDragStart={onDragStart}
      onDoubleClick={add}
      onKeyDown={onKeyDown}
    >
      {label}
    </li>
  );
}

export const Palette = memo(function Palette() {
  const embedded = useDocument((s) => s.doc.workflow.transformationCatalog);
  const beside = useDocument((s) => s.catalogs.transformations);
  const transformations = useMemo(() => {
    const seen = new Map<string, PaletteItem & { kind: 'transformation' }>();
    for (const t of [...(embedded?.transformations ?? []), ...(beside?.transformations ?? [])]) {
      const key = formatTransformationKey(t.namespace, t.name, t.version);
      if (!seen.has(key)) {
        const item: PaletteItem & { kind: 'transformation' } = { kind: 'transformation', name: t.name };
        if (t.namespace !== undefined) item.namespace = t.namespace;
        if (t.version !== undefined) item.version = t.version;
        seen.set(key, item);
      }
    }
    return [...seen.entries()];
  }, [embedded, beside]);
  return (
    <aside className="palette" aria-label="Palette">
      <h2>Add</h2>
      <ul>
        <PaletteEntry item={{ kind: 'job' }} label="Job" hint="A compute job: set its transformation in Properties" testId="palette-job" />
        <PaletteEntry item={{ kind: 'file' }} label="File" hint="A logical file: wire it into or out of jobs" testId="palette-file" />
        <PaletteEntry item={{ kind: 'subworkflow' }} label="Sub-workflow" hint="A job that plans and runs another workflow file" testId="palette-subworkflow" />
      </ul>
      <h2>Transformations</h2>
      {transformations.length === 0 ? (
        <p className="muted">No transformation catalog.</p>
      ) : (
        <ul>
          {transformations.map(([key, item]) => (
            <PaletteEntry key={key} item={item} label={key} hint={`A job running ${key}`} testId="palette-transformation" />
          ))}
        </ul>
      )}
    </aside>
  );
});
