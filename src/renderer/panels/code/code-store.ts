/**
 * The code view's state and its sync with the document store. The YAML document (a `yaml`
 * library tree with the user's comments) lives here; the document store stays the truth for
 * the workflow. Canvas edits reach the text by merging; text edits that read reach the
 * canvas as one history step ("Edit YAML"); text that does not read only sets markers.
 */
import { type Document, parseDocument } from 'yaml';
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { makeEdit } from '../../../shared/edit';
import type { Diagnostic, Workflow } from '../../../shared/model';
import { keepCommentsInWorker } from '../../document-worker/request-frames';
import { applyEdit, documentStore } from '../../store/document-store';
import { writeWorkflow } from '../../../shared/formats/pegasus-yaml';
import {
  CODE_VIEW_MAX_CHARS,
  TO_STRING,
  documentFor,
  errorCount,
  mergeWorkflow,
  readText,
  sameWorkflow,
} from './yaml-sync';

/** Reads a workflow file's text from disk (`undefined` when it cannot); given by the caller, so this store does no I/O of its own. */
export type FileTextReader = (path: string) => Promise<string | undefined>;

export interface CodeState {
  /** The text shown; it changes when the canvas changes the workflow (or a document loads). */
  text: string;
  /** Bumped when `text` is set from outside the editor, so the editor replaces its model. */
  textSeq: number;
  /** Diagnostics of the text as last read (markers). */
  diagnostics: Diagnostic[];
  /** True when the last text typed did not read: the canvas shows the last text that did. */
  stale: boolean;
  /** The text is too large to edit; it is shown read-only. */
  readOnly: boolean;
  /** Jobs of the workflow when it is too large to show at all, else `null`. */
  jobs: number | null;
}

/** Past this many jobs (about 20 MB of YAML) the file is not even read for the read-only view. */
const CODE_VIEW_READ_MAX_JOBS = 100_000;

export const codeStore = createStore<CodeState>(() => ({
  text: '',
  textSeq: 0,
  diagnostics: [],
  stale: false,
  readOnly: false,
  jobs: null,
}));

export function useCode<T>(selector: (state: CodeState) => T): T {
  return useStore(codeStore, selector);
}

let yamlDoc: Document | null = null;
/** The workflow the text stands for; a document-store change to another one is merged in. */
let syncedWorkflow: Workflow | null = null;
let acceptedErrors = 0;
let pendingText: string | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;
/** Debounce of text → canvas: long enough to type a word, short enough to feel live. */
const TEXT_DEBOUNCE_MS = 400;

function setText(text: string, diagnostics: Diagnostic[] = []): void {
  codeStore.setState((s) => ({
    text,
    textSeq: s.textSeq + 1,
    diagnostics,
    stale: false,
    readOnly: text.length > CODE_VIEW_MAX_CHARS,
    jobs: null,
  }));
}

/** Starts from the document's file text (comments included) when it is YAML on disk. */
async function reload(readFile: FileTextReader): Promise<void> {
  const state = documentStore.getState();
  const workflow = state.doc.workflow;
  let original: string | undefined;
  if (state.file && state.file.format === 'yaml' && workflow.jobs.length <= CODE_VIEW_READ_MAX_JOBS) {
    original = await readFile(state.file.path);
  }
  if (documentStore.getState().doc.workflow !== workflow) {
    // Edited while the file was read: start again from the document as it is now.
    void reload(readFile);
    return;
  }
  // Without a YAML file, the text is the writer's (it is checked for size before parsing).
  if (original === undefined && workflow.jobs.length <= CODE_VIEW_READ_MAX_JOBS) original = writeWorkflow(workflow);
  acceptedErrors = 0;
  syncedWorkflow = workflow;
  if (
    workflow.jobs.length > CODE_VIEW_READ_MAX_JOBS ||
    (original !== undefined && original.length > CODE_VIEW_MAX_CHARS)
  ) {
    // Too large to edit as text: the file as it is on disk, read-only (or nothing, past the read limit).
    yamlDoc = null;
    codeStore.setState((s) => ({
      text: original ?? '',
      textSeq: s.textSeq + 1,
      diagnostics: [],
      stale: false,
      readOnly: true,
      jobs: workflow.jobs.length,
    }));
    return;
  }
  yamlDoc = documentFor(workflow, original);
  setText(yamlDoc.toString(TO_STRING));
}

let modelTimer: ReturnType<typeof setTimeout> | null = null;

/** Canvas → text, a moment after the edit: a burst of edits (a drag, an arrow key held) merges once. */
function scheduleSync(): void {
  if (modelTimer) return;
  modelTimer = setTimeout(() => {
    modelTimer = null;
    if (pendingText === null) syncFromModel();
  }, 60);
}

/** Canvas → text now (tests, and before a save reads the text). */
export function syncNow(): void {
  if (modelTimer) clearTimeout(modelTimer);
  modelTimer = null;
  syncFromModel();
}

/** Canvas → text: merges the new workflow into the YAML document. */
function syncFromModel(): void {
  const workflow = documentStore.getState().doc.workflow;
  if (workflow === syncedWorkflow || !yamlDoc) return;
  syncedWorkflow = workflow;
  setText(mergeWorkflow(yamlDoc, workflow));
}

/** Text → canvas, after the debounce: one history step when it reads and differs. */
export function flushText(): void {
  if (timer) clearTimeout(timer);
  timer = null;
  const text = pendingText;
  pendingText = null;
  if (text === null) return;
  const file = documentStore.getState().file?.path;
  const reading = readText(text, acceptedErrors, file);
  if (!reading.ok) {
    codeStore.setState({ diagnostics: reading.diagnostics, stale: true });
    return;
  }
  acceptedErrors = errorCount(reading.diagnostics);
  yamlDoc = parseDocument(text);
  const before = documentStore.getState().doc.workflow;
  codeStore.setState({ text, diagnostics: reading.diagnostics, stale: false });
  if (sameWorkflow(before, reading.workflow)) {
    syncedWorkflow = before;
    return;
  }
  syncedWorkflow = reading.workflow;
  applyEdit({ ok: true, edit: makeEdit('Edit YAML', [{ kind: 'workflow', before, after: reading.workflow }]) });
}

/** The editor calls this on every keystroke. */
export function textEdited(text: string): void {
  pendingText = text;
  if (timer) clearTimeout(timer);
  timer = setTimeout(flushText, TEXT_DEBOUNCE_MS);
}

/** The current YAML text with the user's comments, for saving and exports. */
export function currentText(): string {
  return pendingText ?? codeStore.getState().text;
}

/**
 * Keeps the text in step with the document store while the code view is open. Returns the
 * stop function.
 */
export function startCodeSync(readFile: FileTextReader): () => void {
  let loadCount = documentStore.getState().loadCount;
  void reload(readFile);
  const unsubscribe = documentStore.subscribe((state) => {
    if (state.loadCount !== loadCount) {
      loadCount = state.loadCount;
      void reload(readFile);
      return;
    }
    if (state.doc.workflow !== syncedWorkflow && pendingText === null) scheduleSync();
  });
  return () => {
    unsubscribe();
    // Text typed just before the view closed still counts.
    if (pendingText !== null) flushText();
    if (modelTimer) clearTimeout(modelTimer);
    modelTimer = null;
  };
}

/** Past this many jobs a save does not read the file again to keep its comments (the cost is the file's size). */
const KEEP_COMMENTS_MAX_JOBS = 20_000;

/**
 * The YAML text to save with `workflow`, comments and key order kept: the code view's text
 * when it stands for `workflow`, else the document's file read again and merged up to it.
 * `undefined` (the writer's output is saved) for JSON, for a document without a YAML file, and
 * for large ones.
 */
export async function textForSave(
  workflow: Workflow,
  file: { path: string; format: string } | null,
  readFile: FileTextReader,
): Promise<string | undefined> {
  if (yamlDoc && pendingText === null && workflow === documentStore.getState().doc.workflow) syncNow();
  if (yamlDoc && syncedWorkflow === workflow && pendingText === null) {
    const state = codeStore.getState();
    return state.stale ? yamlDoc.toString(TO_STRING) : state.text;
  }
  if (!file || file.format !== 'yaml' || workflow.jobs.length > KEEP_COMMENTS_MAX_JOBS) return undefined;
  const original = await readFile(file.path);
  if (original === undefined || original.length > CODE_VIEW_MAX_CHARS) return undefined;
  // The merge takes about a second at 4,000 jobs: the document worker does it when it can.
  const merged = workflow === documentStore.getState().doc.workflow ? await keepCommentsInWorker(original, workflow) : null;
  return merged ?? documentFor(workflow, original).toString(TO_STRING);
}
