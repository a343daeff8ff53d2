/**
 * The document store: the workflow being edited, its canvas positions, and the history of
 * edits. It holds the model (ids, arrays, maps), never React Flow objects; the canvas derives
 * its nodes from it. History holds patches (one {@link Edit} per gesture), never snapshots,
 * and only document edits enter it: automatic layout and loading do not.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { type Edit, type EditResult, type EditableDocument, type Patch, type Position, applyPatch } from '../../shared/edit';
import type { CatalogFiles, Workflow } from '../../shared/model';
import type { DocumentFormat } from '../../shared/ipc';

/** Where the document lives on disk, when it does. */
export interface DocumentFile {
  path: string;
  name: string;
  format: DocumentFormat;
}

export interface DocumentState {
  doc: EditableDocument;
  /** `null` until saved or when made from a template. */
  file: DocumentFile | null;
  /** Display name (file name, or the template's suggested name). */
  name: string;
  /** Catalog files read beside the workflow (kept and written back on save). */
  catalogs: CatalogFiles;
  /** Recovery id of this document (one per opened document, for autosave). */
  recoveryId: string;
  /** Bumped on every change of `doc`, for cheap change detection. */
  revision: number;
  undoStack: Edit[];
  redoStack: Edit[];
  /** The top of the undo stack when last saved (`null`: the empty stack); dirty when it differs. */
  savedTop: Edit | null;
  /** True when the document has no saved layout yet and the canvas should lay it out. */
  needsLayout: boolean;
  /** Incremented by each load, so views can reset (fit view, clear selection). */
  loadCount: number;
}

export interface LoadOptions {
  workflow: Workflow;
  positions?: ReadonlyMap<string, Position>;
  catalogs?: CatalogFiles;
  file: DocumentFile | null;
  name: string;
  /** Keep this recovery id (restoring a recovery entry); default: a new one. */
  recoveryId?: string;
  /** Opened from recovery: it differs from what is on disk. */
  dirty?: boolean;
}

const MAX_HISTORY = 500;

function newRecoveryId(): string {
  const random = Math.random().toString(36).slice(2, 10);
  return `doc-${Date.now().toString(36)}-${random}`;
}

function emptyWorkflow(): Workflow {
  return { pegasus: '5.0.4', name: 'workflow', jobs: [], dependencies: [] };
}

/** A sentinel edit marking "changed since saved" for documents restored from recovery. */
const UNSAVED_MARK: Edit = { label: 'Restore', forward: [], inverse: [] };

export const documentStore = createStore<DocumentState>(() => ({
  doc: { workflow: emptyWorkflow(), positions: new Map() },
  file: null,
  name: 'Untitled.yml',
  catalogs: {},
  recoveryId: newRecoveryId(),
  revision: 0,
  undoStack: [],
  redoStack: [],
  savedTop: null,
  needsLayout: false,
  loadCount: 0,
}));

/** Hook with a narrow selector, for React components. */
export function useDocument<T>(selector: (state: DocumentState) => T): T {
  return useStore(documentStore, selector);
}

/**
 * Who wants to follow the document by its patches (the validation worker keeps a copy and
 * applies each patch to it, instead of receiving the whole workflow after every edit).
 * `null` means the whole document was replaced.
 */
type PatchListener = (patch: Patch | null) => void;
const patchListeners = new Set<PatchListener>();

export function subscribePatches(listener: PatchListener): () => void {
  patchListeners.add(listener);
  return () => patchListeners.delete(listener);
}

function notify(patch: Patch | null): void {
  for (const listener of patchListeners) listener(patch);
}

/** Replaces the document (open, new, restore); clears the history. */
export function loadDocument(options: LoadOptions): void {
  const positions = options.positions ?? new Map<string, Position>();
  const needsLayout = options.workflow.jobs.length > 0 && !hasAllJobPositions(options.workflow, positions);
  documentStore.setState((state) => ({
    doc: { workflow: options.workflow, positions, catalogs: options.catalogs ?? {} },
    file: options.file,
    name: options.name,
    catalogs: options.catalogs ?? {},
    recoveryId: options.recoveryId ?? newRecoveryId(),
    revision: state.revision + 1,
    undoStack: options.dirty ? [UNSAVED_MARK] : [],
    redoStack: [],
    savedTop: null,
    needsLayout,
    loadCount: state.loadCount + 1,
  }));
  notify(null);
}

function hasAllJobPositions(workflow: Workflow, positions: ReadonlyMap<string, Position>): boolean {
  for (const job of workflow.jobs) if (!positions.has(`j:${job.id}`)) return false;
  return true;
}

/**
 * Applies an edit result as one history step. Returns the refusal reason, if any, so the
 * caller can show it.
 */
export function applyEdit(result: EditResult): string | undefined {
  if (!result.ok) return result.reason;
  const edit = result.edit;
  documentStore.setState((state) => {
    const undoStack = state.undoStack.length >= MAX_HISTORY ? state.undoStack.slice(1) : state.undoStack.slice();
    undoStack.push(edit);
    return { doc: applyPatch(state.doc, edit.forward), revision: state.revision + 1, undoStack, redoStack: [] };
  });
  notify(edit.forward);
  return undefined;
}

/** Takes back the last edit; returns its label, or `undefined` when there is none. */
export function undo(): string | undefined {
  const state = documentStore.getState();
  const edit = state.undoStack[state.undoStack.length - 1];
  if (!edit || edit === UNSAVED_MARK) return undefined;
  documentStore.setState({
    doc: applyPatch(state.doc, edit.inverse),
    revision: state.revision + 1,
    undoStack: state.undoStack.slice(0, -1),
    redoStack: [...state.redoStack, edit],
  });
  notify(edit.inverse);
  return edit.label;
}

/** Applies again the last undone edit; returns its label. */
export function redo(): string | undefined {
  const state = documentStore.getState();
  const edit = state.redoStack[state.redoStack.length - 1];
  if (!edit) return undefined;
  documentStore.setState({
    doc: applyPatch(state.doc, edit.forward),
    revision: state.revision + 1,
    undoStack: [...state.undoStack, edit],
    redoStack: state.redoStack.slice(0, -1),
  });
  notify(edit.forward);
  return edit.label;
}

/**
 * Sets positions without a history step: the automatic layout of a document that had none.
 * Positions already there stay unless `replace`.
 */
export function setLayoutPositions(positions: ReadonlyMap<string, Position>): void {
  documentStore.setState((state) => {
    // A document opened without a layout takes the map as it is (no copy of 10^5 entries).
    if (state.doc.positions.size === 0) return { doc: { ...state.doc, positions }, revision: state.revision + 1, needsLayout: false };
    const merged = new Map(state.doc.positions);
    for (const [key, p] of positions) if (!merged.has(key)) merged.set(key, p);
    return { doc: { ...state.doc, positions: merged }, revision: state.revision + 1, needsLayout: false };
  });
}

/** Records that the document is on disk as it is now. */
export function markSaved(file: DocumentFile): void {
  documentStore.setState((state) => ({
    file,
    name: file.name,
    savedTop: state.undoStack[state.undoStack.length - 1] ?? null,
  }));
}

/** True when there are edits since the last save. */
export function isDirty(state: DocumentState = documentStore.getState()): boolean {
  return (state.undoStack[state.undoStack.length - 1] ?? null) !== state.savedTop;
}
