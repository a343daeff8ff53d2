import { type EditableDocument, type EditResult, applyPatch } from '../../../src/shared/edit';
import type { Workflow } from '../../../src/shared/model';

/** An empty document, as the canvas starts. */
export function emptyDoc(): EditableDocument {
  const workflow: Workflow = { pegasus: '5.0.4', name: 'test', jobs: [], dependencies: [] };
  return { workflow, positions: new Map() };
}

/** Applies a successful edit's forward patch; fails the test on a refusal. */
export function apply(doc: EditableDocument, result: EditResult): EditableDocument {
  if (!result.ok) throw new Error(`edit refused: ${result.reason}`);
  return applyPatch(doc, result.edit.forward);
}

/** The document back through the inverse patch. */
export function undo(doc: EditableDocument, result: EditResult): EditableDocument {
  if (!result.ok) throw new Error(`edit refused: ${result.reason}`);
  return applyPatch(doc, result.edit.inverse);
}

/** A plain, comparable snapshot of a document. */
export function plain(doc: EditableDocument): unknown {
  return { workflow: doc.workflow, positions: [...doc.positions.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) };
}
