/**
 * The names in the IPC contract, without the schemas: the Electron preload runs sandboxed
 * and can load no npm module (no zod), so it builds `window.api` from this list alone.
 * `ipc.ts` checks at compile time that its channel table names exactly these channels.
 */

/** Every channel, in the order of `channels` in `ipc.ts`. */
export const CHANNEL_NAMES = [
  'app.info',
  'app.setTitle',
  'app.setDirty',
  'app.close',
  'templates.list',
  'document.new',
  'document.open',
  'document.save',
  'document.saveAs',
  'document.export',
  'recent.list',
  'recent.remove',
  'recovery.write',
  'recovery.list',
  'recovery.restore',
  'recovery.discard',
  'dialog.openFile',
  'dialog.saveFile',
  'dialog.confirm',
  'fs.listDir',
  'script.read',
  'script.write',
  // Remote (ipc-remote.ts): connection, runs, annex, Jetstream2.
  'remote.profiles',
  'remote.saveProfile',
  'remote.removeProfile',
  'remote.connect',
  'remote.disconnect',
  'prompt.answer',
  'run.submit',
  'run.list',
  'run.analyze',
  'run.remove',
  'run.rerun',
  'run.statistics',
  'run.fetch',
  'annex.systems',
  'annex.whoami',
  'annex.queuedJobs',
  'annex.create',
  'annex.status',
  'annex.shutdown',
  'annex.ensureKey',
  'annex.addHostEntries',
  'jetstream.credentials',
  'jetstream.token',
  'jetstream.bootScript',
  'jetstream.machines',
  // Local runs (ipc-local-run.ts).
  'localRun.start',
  'localRun.list',
  'localRun.get',
  'localRun.cancel',
  'localRun.resume',
  'localRun.logs',
] as const;

export type ChannelName = (typeof CHANNEL_NAMES)[number];

/** Menu commands sent from the main process to the renderer. */
export const APP_COMMANDS = [
  'file.new',
  'file.open',
  'file.save',
  'file.saveAs',
  'file.export',
  /** The user chose Save in the close guard: save, then call `app.close`. */
  'file.saveThenClose',
  'edit.undo',
  'edit.redo',
  'edit.delete',
  'edit.duplicate',
  'edit.selectAll',
  'view.fit',
  'view.zoomIn',
  'view.zoomOut',
  'view.arrange',
  'view.toggleJobsOnly',
  'help.shortcuts',
  'help.about',
] as const;

export type AppCommand = (typeof APP_COMMANDS)[number];

/** The Electron IPC channel carrying {@link AppCommand}s from main to the renderer. */
export const COMMAND_CHANNEL = 'app.command';

/** Browser mode: the WebSocket path the web client connects to. */
export const WEB_SOCKET_PATH = '/api';

/** `document.open` → `documentOpen`. */
export type MethodName<C extends string> = C extends `${infer A}.${infer B}` ? `${A}${Capitalize<B>}` : C;

/** The method name of a channel: `document.open` → `documentOpen`. */
export function methodName<C extends string>(channel: C): MethodName<C> {
  const dot = channel.indexOf('.');
  return (channel.slice(0, dot) + channel.charAt(dot + 1).toUpperCase() + channel.slice(dot + 2)) as MethodName<C>;
}
