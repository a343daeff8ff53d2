import { ipcMain } from 'electron';
import { CHANNEL_NAMES } from '../../shared/ipc-channels';
import { FRAME_IPC_CHANNEL } from '../../shared/ipc-frame';
import { answerFrame } from '../browser-mode/request-frame';
import type { IpcResult } from '../../shared/ipc';
import { dispatch, type HandlerTable, type InternalErrorSink } from '../handlers';
import { senderAllowed } from './policy';

/**
 * Registers the handler table on `ipcMain` (the only place that calls `ipcMain.handle`):
 * each request is answered only for the main frame of an app page (security.md §1 item 17),
 * then validated and dispatched like every other request; request frames (save and autosave
 * of large documents, `shared/ipc-frame.ts`) come on their own channel and are read first.
 */
export function registerIpcHandlers(table: HandlerTable, onInternalError: InternalErrorSink): () => void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, async (event, request: unknown): Promise<IpcResult<unknown>> => {
      if (!senderAllowed(event.senderFrame)) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'requests are accepted from the app page only' } };
      }
      return dispatch(table, channel, request, onInternalError);
    });
  }
  // Save and autosave of large documents: one ArrayBuffer, read and validated like the rest.
  ipcMain.handle(FRAME_IPC_CHANNEL, async (event, frame: unknown): Promise<IpcResult<unknown>> => {
    if (!senderAllowed(event.senderFrame)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'requests are accepted from the app page only' } };
    }
    const bytes = frame instanceof Uint8Array ? frame : frame instanceof ArrayBuffer ? new Uint8Array(frame) : null;
    if (!bytes) return { ok: false, error: { code: 'BAD_REQUEST', message: 'binary request: expected bytes' } };
    return (await answerFrame(table, bytes, onInternalError)).response;
  });
  return () => {
    ipcMain.removeHandler(FRAME_IPC_CHANNEL);
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(channel);
  };
}
