/**
 * The one way the renderer reaches the main process: `window.api` from the Electron
 * preload when present, else the browser-mode WebSocket client (created once). The first
 * call also installs the link guard, so no link can replace the app page.
 */
import type { WindowApi } from '../../shared/ipc';
import { installLinkGuard } from './link-guard';
import { createWebClient, webSocketUrl } from './web-client';

declare global {
  interface Window {
    /** Set by the Electron preload (contextBridge); absent in browser mode. */
    api?: WindowApi;
  }
}

let webApi: WindowApi | null = null;
let guarded = false;

/** `window.api` in Electron, the WebSocket client in browser mode. */
export function getApi(): WindowApi {
  if (!guarded) {
    guarded = true;
    installLinkGuard(document);
  }
  if (window.api) return window.api;
  webApi ??= createWebClient(webSocketUrl(window.location));
  return webApi;
}
