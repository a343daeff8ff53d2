/**
 * Edit commands shared by the toolbar, the keyboard and the Electron menu: each reads the
 * selection, calls an edit operation of `src/shared/edit`, and applies it as one step.
 */
import { type EdgeRef, duplicate, fileKey, jobKey, moveNodes, parseKey, removeSelection } from '../../shared/edit';
import { graphModel } from '../canvas/graph-model';
import { computeLayout } from '../canvas/layout/layout-client';
import { currentCanvasIndex } from '../canvas/scale/canvas-index-store';
import type { CanvasEdgeData } from '../canvas/mapping';
import { applyEdit, documentStore, redo, undo } from '../store/document-store';
import { clearSelection, requestFit, select, toast, uiStore } from '../store/ui-store';

function report(reason: string | undefined): void {
  if (reason) toast(reason, 'error');
}

/** The document references of selected edges (edge ids are JSON arrays, see mapping.ts). */
function selectedEdgeRefs(): EdgeRef[] {
  const refs: EdgeRef[] = [];
  for (const id of uiStore.getState().selectedEdges) {
    try {
      const [kind, a, b] = JSON.parse(id) as [string, string, string];
      if (kind === 'u') refs.push({ kind: 'use', jobId: a, lfn: b });
      else if (kind === 'd') refs.push({ kind: 'dependency', parent: a, child: b });
    } catch {
      // Not an edge of ours.
    }
  }
  return refs;
}

export type { CanvasEdgeData };

export function deleteSelection(): void {
  const { selectedNodes } = uiStore.getState();
  const edges = selectedEdgeRefs();
  if (selectedNodes.size === 0 && edges.length === 0) return;
  const result = removeSelection(documentStore.getState().doc, [...selectedNodes], edges);
  report(applyEdit(result));
  if (result.ok) clearSelection();
}

export function duplicateSelection(): void {
  const result = duplicate(documentStore.getState().doc, [...uiStore.getState().selectedNodes]);
  report(applyEdit(result));
  if (result.ok && result.select) select(result.select);
}

export function selectAll(): void {
  const { doc } = documentStore.getState();
  const model = graphModel(doc.workflow, documentStore.getState().catalogs);
  const keys = doc.workflow.jobs.map((j) => jobKey(j.id));
  if (uiStore.getState().view === 'files') {
    for (const lfn of model.files.keys()) keys.push(fileKey(lfn));
    for (const key of doc.positions.keys()) if (parseKey(key)?.kind === 'file') keys.push(key);
  }
  select(keys);
}

export function undoCommand(): void {
  const label = undo();
  if (label) toast(`Undid: ${label}`);
  pruneSelection();
}

export function redoCommand(): void {
  const label = redo();
  if (label) toast(`Redid: ${label}`);
  pruneSelection();
}

/** Drops selected keys whose nodes are gone (after undoing an add, say). */
function pruneSelection(): void {
  const { selectedNodes } = uiStore.getState();
  if (selectedNodes.size === 0) return;
  const { doc, catalogs } = documentStore.getState();
  // A large document asks its canvas index (kept in step with the edits), not a pass over every job.
  const index = currentCanvasIndex();
  let hasJob: (id: string) => boolean;
  let hasFile: (lfn: string) => boolean;
  if (index) {
    hasJob = (id) => index.job(id) !== undefined;
    hasFile = (lfn) => index.fileInfo(lfn) !== undefined;
  } else {
    const ids = new Set(doc.workflow.jobs.map((j) => j.id));
    const model = graphModel(doc.workflow, catalogs);
    hasJob = (id) => ids.has(id);
    hasFile = (lfn) => model.files.has(lfn);
  }
  const keep = [...selectedNodes].filter((key) => {
    const ref = parseKey(key);
    if (ref?.kind === 'job') return hasJob(ref.id);
    if (ref?.kind === 'file') return hasFile(ref.lfn) || doc.positions.has(key);
    return false;
  });
  if (keep.length !== selectedNodes.size) select(keep);
}

/** Lays out the whole graph again in the worker; the new positions are one undoable step. */
export async function arrange(): Promise<void> {
  if (uiStore.getState().layoutRunning) return;
  uiStore.setState({ layoutRunning: true, layoutProgress: 0 });
  const state = documentStore.getState();
  const result = await computeLayout(state.doc, state.catalogs, (done) => uiStore.setState({ layoutProgress: done }));
  uiStore.setState({ layoutRunning: false });
  if (!result.ok) {
    toast(`Arrange failed: ${result.message}`, 'error');
    return;
  }
  // Apply to the document as it is now (the user may have edited meanwhile).
  const now = documentStore.getState().doc;
  applyEdit(moveNodes(now, result.positions, 'Arrange'));
  requestFit();
}

export function toggleView(): void {
  uiStore.setState((s) => ({ view: s.view === 'files' ? 'jobs' : 'files' }));
  // Files are not in the jobs view: keep only jobs selected.
  const keep = [...uiStore.getState().selectedNodes].filter((k) => uiStore.getState().view === 'files' || k.startsWith('j:'));
  select(keep);
}
