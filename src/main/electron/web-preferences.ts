import type { WebPreferences } from 'electron';

/**
 * The options of every BrowserWindow (security.md §1 items 2–4, 6, 8–12): context
 * isolation, the process sandbox, no Node anywhere in the page, web security on, no
 * webview, no insecure content, no experimental or Blink features, no middle-click
 * navigation, no spell-check service calls. One factory, asserted by a unit test.
 */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    enableBlinkFeatures: '',
    disableBlinkFeatures: 'Auxclick',
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: process.env.NODE_ENV === 'development',
  };
}
