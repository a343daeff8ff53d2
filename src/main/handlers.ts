/**
 * The handler table (DESIGN.md §1): one entry per channel of `src/shared/ipc.ts`, each a
 * call into a service. {@link dispatch} validates the request with the channel's zod schema
 * before any service runs, and turns what a service throws into `{ ok: false, error }`.
 * Electron (`electron/ipc.ts`) and browser mode (`web.ts`) both serve this same table.
 */
import {
  isChannel,
  parseRequest,
  type AppInfo,
  type Channel,
  type IpcRequest,
  type IpcResult,
  type IpcValue,
} from '../shared/ipc';
import type { Diagnostic, WorkflowBundle } from '../shared/model';
import { buildTemplate, TEMPLATES } from '../shared/templates';
import { createRemoteHandlers } from './services/remote-session/remote-handlers';
import type { RemoteSession } from './services/remote-session/remote-session';
import type { LocalRunService } from './services/executor';
import { createLocalRunHandlers } from './services/local-run-ipc/local-run-handlers';
import type { DocumentService } from './services/workspace/documents';
import { listDir } from './services/workspace/list-dir';
import { readTextFile, writeTextFile } from './services/workspace/text-files';
import type { PathGuard } from './services/workspace/path-guard';
import type { RecentStore } from './services/workspace/recent';
import type { RecoveryStore } from './services/workspace/recovery';
import { ServiceError } from './services/workspace/service-error';
import type { WindowState } from './services/workspace/window-state';

/** Native dialogs (Electron). Absent in browser mode, where the renderer draws its own. */
export interface NativeDialogs {
  openFile(options: IpcRequest<'dialog.openFile'>): Promise<string | null>;
  saveFile(options: IpcRequest<'dialog.saveFile'>): Promise<string | null>;
  confirm(options: IpcRequest<'dialog.confirm'>): Promise<number>;
}

/** Everything the handlers touch; each side effect is here so tests run in plain Node. */
export interface ShellServices {
  info: Omit<AppInfo, 'roots' | 'dialogs'>;
  guard: PathGuard;
  documents: DocumentService;
  recent: RecentStore;
  recovery: RecoveryStore;
  window: WindowState;
  /** Validation of new documents (`src/shared/validate.ts`). */
  validate: (bundle: WorkflowBundle) => Diagnostic[];
  dialogs?: NativeDialogs;
  /** Closes the window (Electron); absent in browser mode. */
  closeWindow?: () => void;
  /** Connection, runs, annex and Jetstream2; absent: those channels answer `NOT_AVAILABLE`. */
  remote?: RemoteSession;
  /** Runs on this machine (`localRun.*`); absent: those channels answer `NOT_AVAILABLE`. */
  localRuns?: LocalRunService;
}

export type HandlerTable = { [C in Channel]: (request: IpcRequest<C>) => Promise<IpcValue<C>> };

function notAvailable(what: string): never {
  throw new ServiceError('NOT_AVAILABLE', `${what} is not available here; the page shows its own`);
}

/** The table: channel → service call. */
export function createHandlers(services: ShellServices): HandlerTable {
  const { guard, documents, recent, recovery, window } = services;
  return {
    'app.info': async () => ({
      ...services.info,
      dialogs: services.dialogs ? 'native' : 'in-page',
      roots: [...guard.roots],
    }),
    'app.setTitle': async ({ name }) => ({ title: window.setName(name) }),
    'app.setDirty': async ({ dirty }) => ({ title: window.setDirty(dirty) }),
    'app.close': async ({ force }) => {
      if (!services.closeWindow) notAvailable('Closing the window');
      if (force) window.setDirty(false);
      services.closeWindow();
      return {};
    },

    'templates.list': async () => TEMPLATES.map((t) => ({ ...t })),
    'document.new': async ({ template, n, name }) => {
      const bundle = buildTemplate(template, { n, name });
      return { name: `${bundle.workflow.name}.yml`, bundle, diagnostics: services.validate(bundle) };
    },
    'document.open': async ({ path, text }) => documents.open(path, { withText: text !== false }),
    'document.save': async (request) => documents.save(request),
    'document.saveAs': async (request) => documents.saveAs(request),
    'document.export': async (request) => documents.export(request),

    'recent.list': async () => {
      const entries = await recent.list();
      // Recent entries were chosen by the user before: they may be opened again.
      for (const entry of entries) guard.grant(entry.path);
      return entries;
    },
    'recent.remove': async ({ path }) => recent.remove(path),

    'recovery.write': async (request) => {
      // The path is granted again on restore, so only a path the page may already use is kept.
      if (request.path) await guard.check(request.path, 'write');
      return recovery.write(request);
    },
    'recovery.list': async () => recovery.list(),
    'recovery.restore': async ({ id }) => {
      const restored = await recovery.restore(id);
      if (restored.path) guard.grant(restored.path);
      return restored;
    },
    'recovery.discard': async ({ id }) => {
      await recovery.discard(id);
      return {};
    },

    'dialog.openFile': async (request) => {
      if (!services.dialogs) notAvailable('The system file dialog');
      const chosen = await services.dialogs.openFile(request);
      if (chosen) guard.grant(chosen);
      return { path: chosen };
    },
    'dialog.saveFile': async (request) => {
      if (!services.dialogs) notAvailable('The system file dialog');
      const chosen = await services.dialogs.saveFile(request);
      if (chosen) guard.grant(chosen);
      return { path: chosen };
    },
    'dialog.confirm': async (request) => {
      if (!services.dialogs) notAvailable('The system dialog');
      return { response: await services.dialogs.confirm(request) };
    },

    'fs.listDir': async ({ path, showHidden }) => listDir(guard, path, showHidden),
    'script.read': async ({ path }) => readTextFile(guard, path),
    'script.write': async ({ path, text }) => writeTextFile(guard, path, text),

    ...createRemoteHandlers(services.remote, guard),
    ...createLocalRunHandlers(services.localRuns, guard),
  };
}

/** Reports errors that are not {@link ServiceError}s (bugs); the page only sees `INTERNAL`. */
export type InternalErrorSink = (channel: string, error: unknown) => void;

/**
 * Runs one request: unknown channel → `UNKNOWN_CHANNEL`; schema failure → `BAD_REQUEST`
 * naming the field; a {@link ServiceError} → its code and message; anything else →
 * `INTERNAL` without details (stack traces and paths stay in the main process).
 */
export async function dispatch(
  table: HandlerTable,
  channel: unknown,
  request: unknown,
  onInternalError: InternalErrorSink = () => undefined,
): Promise<IpcResult<unknown>> {
  if (!isChannel(channel)) {
    return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `no channel ${JSON.stringify(String(channel)).slice(0, 80)}` } };
  }
  const parsed = parseRequest(channel, request);
  if (!parsed.ok) return parsed;
  try {
    const handler = table[channel] as (request: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.value) };
  } catch (error) {
    if (error instanceof ServiceError) {
      const failure: IpcResult<unknown> = { ok: false, error: { code: error.code, message: error.message } };
      if (error.diagnostics && !failure.ok) failure.error.diagnostics = error.diagnostics;
      return failure;
    }
    onInternalError(channel, error);
    return { ok: false, error: { code: 'INTERNAL', message: `${channel} failed unexpectedly; see the app log` } };
  }
}
