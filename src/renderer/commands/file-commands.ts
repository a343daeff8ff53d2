/**
 * File commands: new, open, save, save as, autosave to the recovery folder, restore, and
 * keeping the window title and unsaved mark in step. All disk work goes through the IPC
 * contract (`getApi()`); a file that cannot be read leaves the open document untouched.
 */
import type { CanvasLayout, IpcError, IpcRequest, IpcResponse, OpenedDocument, TemplateId } from '../../shared/ipc';
import type { FrameChannel } from '../../shared/ipc-frame';
import type { Diagnostic } from '../../shared/model';
import { getApi } from '../api/get-api';
import { currentViewport } from '../canvas/viewport';
import { type DocumentState, documentStore, isDirty, loadDocument, markSaved } from '../store/document-store';
import { planSidecarSection, readPlanSidecar } from '../panels/plan/plan-store';
import { layoutFromPositions, positionsFromLayout } from '../store/sidecar';
import { clearSelection, confirmInPage, openDialog, toast, uiStore } from '../store/ui-store';
import { textForSave } from '../panels/code/code-store';
import { readFileText } from '../panels/code/read-file-text';
import { type LayoutParts, followDocumentForFrames, requestFrameFromWorker } from '../document-worker/request-frames';

let inPageDialogs = true;

/** Native dialogs in Electron, in-page ones in browser mode (set at start from `app.info`). */
function setNativeDialogs(native: boolean): void {
  inPageDialogs = !native;
}

function layoutParts(state: DocumentState): LayoutParts {
  // The plan options of the document travel in the same sidecar (`plan`).
  return { positions: state.doc.positions, view: uiStore.getState().view, viewport: currentViewport(), extras: planSidecarSection() };
}

function layoutOf(parts: LayoutParts): CanvasLayout {
  return { ...layoutFromPositions(parts.positions, parts.view, parts.viewport), ...parts.extras };
}

/**
 * Sends a request that carries the whole document (save, save as, autosave, export). `head`
 * is the request in field order, with `workflow` and `layout` as placeholders. Where it can,
 * the request is written as bytes by the worker that holds a copy of the document and goes as
 * bytes (binary WebSocket messages; one ArrayBuffer in Electron): a 10^5-job document is about
 * 50 MB of JSON, which took this thread over a second to stringify and send. Otherwise (no
 * worker, its copy is not in step, or the document changed since `state`) it goes as an
 * object, as it always did.
 */
async function sendWithDocument<C extends FrameChannel>(
  channel: C,
  head: Record<string, unknown>,
  state: DocumentState,
  sendObject: (request: IpcRequest<C>) => Promise<IpcResponse<C>>,
): Promise<IpcResponse<C>> {
  const api = getApi();
  // A head without a `layout` field (export) carries no sidecar.
  const layout = 'layout' in head ? layoutParts(state) : null;
  if (api.invokeFrame && documentStore.getState().doc.workflow === state.doc.workflow) {
    const frame = await requestFrameFromWorker(channel, head, state.doc.workflow, layout);
    if (frame) return (await api.invokeFrame(frame)) as IpcResponse<C>;
  }
  return sendObject({ ...head, workflow: state.doc.workflow, ...(layout ? { layout: layoutOf(layout) } : {}) } as IpcRequest<C>);
}

/** Saves and Save As on their way to disk: autosave waits for them. */
let savesInFlight = 0;

/** How often autosave looks at the document. */
const AUTOSAVE_TICK_MS = 500;

/** Runs a save, counted in {@link savesInFlight}. */
async function counted<T>(save: () => Promise<T>): Promise<T> {
  savesInFlight++;
  try {
    return await save();
  } finally {
    savesInFlight--;
  }
}

/** Placeholder in a request head: the worker writes the workflow or the layout there. */
const FILLED_IN = true;

function hasCatalogs(state: DocumentState): boolean {
  return Boolean(state.catalogs.sites || state.catalogs.replicas || state.catalogs.transformations);
}

/** Asks before throwing away unsaved edits; resolves true when it is fine to go on. */
async function confirmDiscard(action: string): Promise<boolean> {
  if (!isDirty()) return true;
  const name = documentStore.getState().name;
  const message = `Save changes to ${name} before ${action}?`;
  const buttons = ['Save', "Don't save", 'Cancel'];
  let choice: number;
  if (inPageDialogs) choice = await confirmInPage(message, buttons, 'Your changes will be lost if you do not save them.');
  else {
    const answer = await getApi().dialogConfirm({ message, buttons, defaultId: 0, cancelId: 2 });
    choice = answer.ok ? answer.value.response : 2;
  }
  if (choice === 0) return save();
  return choice === 1;
}

/** Shows why a file could not be read, with line and column, in a dialog. */
function showOpenError(path: string, error: IpcError): void {
  const details = (error.diagnostics ?? []).map(formatDiagnostic);
  openDialog({ kind: 'error', title: `Cannot open ${baseName(path)}`, message: error.message, details });
}

function formatDiagnostic(d: Diagnostic): string {
  const where = d.location ? `${d.location.file ? `${baseName(d.location.file)}:` : ''}${d.location.line}:${d.location.column}: ` : '';
  return `${where}${d.severity} ${d.code}: ${d.message}`;
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** Loads an opened document into the store. */
function showOpened(opened: OpenedDocument): void {
  loadDocument({
    workflow: opened.bundle.workflow,
    catalogs: opened.bundle.catalogs,
    positions: positionsFromLayout(opened.layout),
    file: { path: opened.path, name: opened.name, format: opened.format },
    name: opened.name,
  });
  if (opened.layout?.view) uiStore.setState({ view: opened.layout.view });
  readPlanSidecar(opened.layout);
  clearSelection();
  if (opened.layoutProblem) toast(`The canvas layout was ignored: ${opened.layoutProblem}`, 'error');
}

/**
 * Opens a file. The file is read first: when it cannot be read, the error shows and the
 * document stays as it was; when it can, unsaved edits are offered for saving before it replaces them.
 */
export async function openPath(path: string): Promise<boolean> {
  // The file's text is not needed here (the code view reads it when it shows): leave it out.
  const answer = await getApi().documentOpen({ path, text: false });
  if (!answer.ok) {
    showOpenError(path, answer.error);
    return false;
  }
  if (!(await confirmDiscard(`opening ${answer.value.name}`))) return false;
  showOpened(answer.value);
  return true;
}

/** File → Open: a native dialog in Electron, the in-page chooser in browser mode. */
export async function openWithDialog(): Promise<void> {
  if (inPageDialogs) {
    openDialog({ kind: 'open' });
    return;
  }
  const answer = await getApi().dialogOpenFile({ title: 'Open workflow' });
  if (answer.ok && answer.value.path) await openPath(answer.value.path);
}

/** File → New from a template (blank by default). */
export async function newDocument(template: TemplateId = 'blank', n?: number): Promise<void> {
  if (!(await confirmDiscard('creating a new workflow'))) return;
  const answer = await getApi().documentNew(n === undefined ? { template } : { template, n });
  if (!answer.ok) {
    toast(answer.error.message, 'error');
    return;
  }
  loadDocument({ workflow: answer.value.bundle.workflow, catalogs: answer.value.bundle.catalogs, file: null, name: answer.value.name });
  clearSelection();
}

/** Saves to the document's file, or asks where when it has none. Resolves true when saved. */
export async function save(): Promise<boolean> {
  const state = documentStore.getState();
  if (!state.file) return saveWithDialog();
  const text = state.file.format === 'yaml' ? await textForSave(state.doc.workflow, state.file, readFileText) : undefined;
  const head = {
    path: state.file.path,
    workflow: FILLED_IN,
    layout: FILLED_IN,
    format: state.file.format,
    recoveryId: state.recoveryId,
    ...(hasCatalogs(state) ? { catalogs: state.catalogs } : {}),
    ...(text !== undefined ? { text } : {}),
  };
  const answer = await counted(() => sendWithDocument('document.save', head, state, (request) => getApi().documentSave(request)));
  if (!answer.ok) {
    toast(`Could not save: ${answer.error.message}`, 'error');
    return false;
  }
  // Edits made while the save was in flight stay unsaved: compare with what was sent.
  if (documentStore.getState().doc.workflow === state.doc.workflow) markSaved({ path: answer.value.path, name: answer.value.name, format: answer.value.format });
  toast(`Saved ${answer.value.name}`);
  return true;
}

/** Saves to `path`; asks before replacing an existing file. */
export async function saveAs(path: string, overwrite = false): Promise<boolean> {
  const state = documentStore.getState();
  // The comments of the file it came from go to the new file too (YAML names only).
  const text = /\.json$/i.test(path) ? undefined : await textForSave(state.doc.workflow, state.file, readFileText);
  const head = {
    path,
    workflow: FILLED_IN,
    layout: FILLED_IN,
    recoveryId: state.recoveryId,
    overwrite,
    ...(hasCatalogs(state) ? { catalogs: state.catalogs } : {}),
    ...(text !== undefined ? { text } : {}),
  };
  const answer = await counted(() => sendWithDocument('document.saveAs', head, state, (request) => getApi().documentSaveAs(request)));
  if (!answer.ok) {
    if (answer.error.code === 'EXISTS' && !overwrite) {
      const choice = inPageDialogs
        ? await confirmInPage(`${baseName(path)} already exists. Replace it?`, ['Replace', 'Cancel'])
        : await getApi()
            .dialogConfirm({ message: `${baseName(path)} already exists. Replace it?`, buttons: ['Replace', 'Cancel'], cancelId: 1 })
            .then((a) => (a.ok ? a.value.response : 1));
      return choice === 0 ? saveAs(path, true) : false;
    }
    toast(`Could not save: ${answer.error.message}`, 'error');
    return false;
  }
  markSaved({ path: answer.value.path, name: answer.value.name, format: answer.value.format });
  toast(`Saved ${answer.value.name}`);
  return true;
}

/** File → Save As. In browser mode, opens the in-page chooser (which calls {@link saveAs}). */
export async function saveWithDialog(then?: 'close'): Promise<boolean> {
  if (inPageDialogs) {
    openDialog(then ? { kind: 'save', then } : { kind: 'save' });
    return false;
  }
  const state = documentStore.getState();
  const answer = await getApi().dialogSaveFile({ title: 'Save workflow', ...(state.file ? { defaultPath: state.file.path } : {}) });
  if (!answer.ok || !answer.value.path) return false;
  return saveAs(answer.value.path);
}

/** Saves then closes the window (the close guard's Save). */
export async function saveThenClose(): Promise<void> {
  if (await save()) await getApi().appClose({});
}

/**
 * Autosave: once the document has unsaved edits and has stayed as it is for `intervalMs`
 * (longer for a document that takes long to write: twice its last write), writes it to the
 * recovery folder, unless a save is under way. Returns the stop function.
 */
export function startAutosave(intervalMs = 3000): () => void {
  followDocumentForFrames();
  let written = -1;
  let writing = false;
  let seenRevision = -1;
  let quietSince = Date.now();
  /** How long the document must stay as it is before it is written: more for a document that takes long to write. */
  let quietMs = intervalMs;
  const timer = setInterval(() => {
    const state = documentStore.getState();
    const now = Date.now();
    if (state.revision !== seenRevision) {
      seenRevision = state.revision;
      quietSince = now;
    }
    // One write at a time, none while the user saves (the save makes it clean), and only once
    // the document has stayed as it is for a while: writing 10^5 jobs takes the main process
    // seconds, which an edit a moment later would waste and a save would have to wait for.
    if (writing || savesInFlight > 0 || !isDirty(state) || state.revision === written || now - quietSince < quietMs) return;
    written = state.revision;
    writing = true;
    const head = {
      id: state.recoveryId,
      path: state.file?.path ?? null,
      name: state.name,
      workflow: FILLED_IN,
      layout: FILLED_IN,
      ...(hasCatalogs(state) ? { catalogs: state.catalogs } : {}),
    };
    const started = Date.now();
    void sendWithDocument('recovery.write', head, state, (request) => getApi().recoveryWrite(request)).finally(() => {
      writing = false;
      // A write that took a second waits for two seconds of quiet, and so on (at least the interval).
      quietMs = Math.max(intervalMs, 2 * (Date.now() - started));
    });
  }, AUTOSAVE_TICK_MS);
  return () => clearInterval(timer);
}

/** Keeps the window title and the unsaved mark in step with the document. Returns the stop function. */
export function startTitleSync(): () => void {
  let lastName: string | null = null;
  let lastDirty: boolean | null = null;
  const sync = (state: DocumentState): void => {
    const dirty = isDirty(state);
    document.body.dataset.dirty = String(dirty);
    if (state.name !== lastName) {
      lastName = state.name;
      void getApi().appSetTitle({ name: state.name }).then((a) => a.ok && (document.title = a.value.title));
    }
    if (dirty !== lastDirty) {
      lastDirty = dirty;
      void getApi().appSetDirty({ dirty }).then((a) => a.ok && (document.title = a.value.title));
    }
  };
  sync(documentStore.getState());
  return documentStore.subscribe(sync);
}

/** At start: open the file named on the command line, or offer to restore unsaved work. */
export async function startUp(): Promise<void> {
  const api = getApi();
  const info = await api.appInfo();
  if (info.ok) setNativeDialogs(info.value.dialogs === 'native');
  if (info.ok && info.value.initialFile) {
    if (await openPath(info.value.initialFile)) return;
  }
  const entries = await api.recoveryList();
  if (entries.ok && entries.value.length > 0) {
    const entry = entries.value[0]!;
    const when = new Date(entry.savedAt).toLocaleString();
    const choice = await confirmInPage(`Restore unsaved work on ${entry.name}?`, ['Restore', 'Discard'], `The app closed with unsaved changes (autosaved ${when}).`);
    if (choice === 0) {
      const restored = await api.recoveryRestore({ id: entry.id });
      if (restored.ok) {
        const r = restored.value;
        loadDocument({
          workflow: r.bundle.workflow,
          catalogs: r.bundle.catalogs,
          positions: positionsFromLayout(r.layout),
          file: r.path ? { path: r.path, name: r.name, format: r.path.endsWith('.json') ? 'json' : 'yaml' } : null,
          name: r.name,
          recoveryId: r.id,
          dirty: true,
        });
        return;
      }
      toast(`Could not restore: ${restored.error.message}`, 'error');
    } else {
      for (const e of entries.value) await api.recoveryDiscard({ id: e.id });
    }
  }
  loadDocument({ workflow: { pegasus: '5.0.4', name: 'workflow', jobs: [], dependencies: [] }, file: null, name: 'Untitled.yml' });
}

/**
 * Writes the workflow to another file (YAML, or JSON for a `.json` name); the document keeps
 * its own file and its unsaved mark.
 */
export async function exportTo(path: string, overwrite = false): Promise<boolean> {
  const state = documentStore.getState();
  const format = path.toLowerCase().endsWith('.json') ? 'json' : 'yaml';
  const head = { path, workflow: FILLED_IN, format, overwrite };
  const answer = await sendWithDocument('document.export', head, state, (request) => getApi().documentExport(request));
  if (!answer.ok) {
    if (answer.error.code === 'EXISTS' && !overwrite) {
      const choice = await confirmInPage(`${baseName(path)} already exists. Replace it?`, ['Replace', 'Cancel']);
      return choice === 0 ? exportTo(path, true) : false;
    }
    toast(`Could not export: ${answer.error.message}`, 'error');
    return false;
  }
  toast(`Exported ${baseName(answer.value.path)}`);
  return true;
}

/** File → Export: the in-page chooser in browser mode, the native save dialog in Electron. */
export async function exportWithDialog(): Promise<void> {
  if (inPageDialogs) {
    openDialog({ kind: 'export' });
    return;
  }
  const answer = await getApi().dialogSaveFile({ title: 'Export workflow', format: 'json' });
  if (answer.ok && answer.value.path) await exportTo(answer.value.path);
}
