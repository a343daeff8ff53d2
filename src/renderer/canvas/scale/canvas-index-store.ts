/**
 * The one {@link CanvasIndex} of the open document, kept in step with the document store:
 * each edit's patch is applied to it as the edit lands (before React renders), and anything
 * that replaces the document or changes it without a patch (loading, the automatic layout,
 * another view, other catalogs) makes the next reader build a new one.
 */
import type { EditableDocument } from '../../../shared/edit';
import type { CatalogFiles, Job, Workflow } from '../../../shared/model';
import { documentStore, subscribePatches } from '../../store/document-store';
import type { CanvasView } from '../mapping';
import { CanvasIndex } from './canvas-index';

/**
 * Documents with more jobs than this keep a {@link CanvasIndex} (edits cost what they touch);
 * the canvas draws them with level of detail once they have more than SCALE_MIN_NODES nodes.
 */
export const INDEX_MIN_JOBS = 250;

let current: CanvasIndex | null = null;
/** The document change the next patch belongs to (the store tells it before the patch). */
let transition: { from: EditableDocument; to: EditableDocument } | null = null;
let following = false;

function follow(): void {
  if (following) return;
  following = true;
  documentStore.subscribe((state, previous) => {
    transition = state.doc === previous.doc ? null : { from: previous.doc, to: state.doc };
  });
  subscribePatches((patch) => {
    const step = transition;
    transition = null;
    if (!current || !step || patch === null || step.from !== current.doc) return;
    if (!current.apply(patch, step.to)) current = null;
  });
}

/**
 * The index of `doc` in `view`: the one kept in step with the edits, or a new one when
 * the document was replaced. Cost: O(1) when in step; O(jobs + uses) to build.
 */
export function canvasIndexFor(doc: EditableDocument, catalogs: CatalogFiles, view: CanvasView): CanvasIndex {
  follow();
  if (current && current.doc === doc && current.catalogs === catalogs && current.view === view) return current;
  current = new CanvasIndex(doc, catalogs, view);
  return current;
}

/**
 * The job `id` of `workflow` (the first with that id): from the canvas index when it shows
 * this workflow, O(1), else a scan. For what renders on every edit of a large document.
 */
export function jobWithId(workflow: Workflow, id: string): Job | undefined {
  if (current && current.doc.workflow === workflow) return current.job(id);
  return workflow.jobs.find((job) => job.id === id);
}

/** The index as it is, if one was built for the open document (for panels that read file facts). */
export function currentCanvasIndex(): CanvasIndex | null {
  const state = documentStore.getState();
  return current && current.doc === state.doc && current.catalogs === state.catalogs ? current : null;
}
