// The sandboxed preload: bundled to one CommonJS file (it can load no npm module), it exposes
// `window.api` built from the channel list and nothing else (security.md §1 items 3, 20).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { COMMAND_CHANNEL } from '../../shared/ipc-channels';
import { EVENT_CHANNEL } from '../../shared/ipc-events';
import { FRAME_IPC_CHANNEL } from '../../shared/ipc-frame';
import { buildPreloadApi } from './preload-api';

const api = buildPreloadApi({
  invoke: (channel, request) => ipcRenderer.invoke(channel, request),
  invokeFrame: (frame) => ipcRenderer.invoke(FRAME_IPC_CHANNEL, frame),
  onCommand: (listener) => {
    // Unwrap the event so `event.sender` never reaches the page.
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(COMMAND_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(COMMAND_CHANNEL, wrapped);
    };
  },
  onEvent: (listener) => {
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
    };
  },
});

contextBridge.exposeInMainWorld('api', api);
