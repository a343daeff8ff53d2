/**
 * The one way the renderer reaches the main process: `window.api` from the Electron
 * preload when present, else the browser-mode WebSocket client (created once).
 */
import type { WindowApi } from '../../shared/ipc';
import { createWebClient, webSocketUrl } from './web-client';

declare global {
  interface Window {
    /** Set by the Electron preload (contextBridge); absent in browser mode. */
    api?: WindowApi;
  }
}

let webApi: WindowApi | null = null;

/** `window.api` in Electron, the WebSocket client in browser mode. */
export function getApi(): WindowApi {
  if (window.api) return window.api;
  webApi ??= createWebClient(webSocketUrl(window.location));
  return webApi;
}
