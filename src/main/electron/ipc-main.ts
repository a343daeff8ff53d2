import { ipcMain } from 'electron';
import { CHANNEL_NAMES } from '../../shared/ipc-channels';
import type { IpcResult } from '../../shared/ipc';
import { dispatch, type HandlerTable, type InternalErrorSink } from '../handlers';
import { senderAllowed } from './policy';

/**
 * Registers the handler table on `ipcMain` (the only place that calls `ipcMain.handle`):
 * each request is answered only for the main frame of an app page (security.md §1 item 17),
 * then validated and dispatched like every other request.
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
  return () => {
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(channel);
  };
}
