import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY,
  closeAction,
  externalUrlAllowed,
  navigationAllowed,
  permissionAllowed,
  senderAllowed,
  windowOpenDecision,
} from '../../../src/main/electron/policy';
import { secureWebPreferences } from '../../../src/main/electron/web-preferences';

describe('secureWebPreferences', () => {
  it('isolates, sandboxes and keeps Node out of the page', () => {
    const prefs = secureWebPreferences('/app/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
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
    });
    expect(prefs.devTools).toBe(false);
    // Nothing that loosens these may be added without this test changing.
    expect(Object.keys(prefs).sort()).toEqual(
      [
        'allowRunningInsecureContent',
        'contextIsolation',
        'devTools',
        'disableBlinkFeatures',
        'enableBlinkFeatures',
        'experimentalFeatures',
        'navigateOnDragDrop',
        'nodeIntegration',
        'nodeIntegrationInSubFrames',
        'nodeIntegrationInWorker',
        'preload',
        'safeDialogs',
        'sandbox',
        'spellcheck',
        'webSecurity',
        'webviewTag',
      ].sort(),
    );
  });
});

describe('a link cannot replace the app', () => {
  it('allows navigation inside the app only', () => {
    expect(navigationAllowed(APP_ENTRY)).toBe(true);
    expect(navigationAllowed('app://renderer/index.html#/doc')).toBe(true);
    for (const url of [
      'https://evil.example/',
      'http://127.0.0.1:8080/',
      'file:///etc/passwd',
      'app://other/index.html',
      'app://renderer.evil.example/index.html',
      'javascript:alert(1)',
      'data:text/html,<h1>x</h1>',
      'not a url',
    ]) {
      expect(navigationAllowed(url), url).toBe(false);
    }
  });

  it('denies every new window and hands only clean https links to the system browser', () => {
    expect(windowOpenDecision('https://pegasus.isi.edu/documentation/')).toEqual({ action: 'deny', openExternally: 'https://pegasus.isi.edu/documentation/' });
    expect(windowOpenDecision('http://example.org/')).toEqual({ action: 'deny', openExternally: null });
    expect(windowOpenDecision('file:///home/me/.ssh/id_ed25519')).toEqual({ action: 'deny', openExternally: null });
    expect(windowOpenDecision('app://renderer/index.html')).toEqual({ action: 'deny', openExternally: null });
    expect(externalUrlAllowed('https://user:pw@example.org/')).toBe(false);
    expect(externalUrlAllowed('smb://host/share')).toBe(false);
  });
});

describe('IPC sender check', () => {
  it('answers the main frame of the app page only', () => {
    expect(senderAllowed({ url: APP_ENTRY, parent: null })).toBe(true);
    expect(senderAllowed({ url: APP_ENTRY, parent: {} })).toBe(false);
    expect(senderAllowed({ url: 'https://evil.example/', parent: null })).toBe(false);
    expect(senderAllowed(null)).toBe(false);
    expect(senderAllowed(undefined)).toBe(false);
  });
});

describe('permissions and the close guard', () => {
  it('denies every permission but writing text to the clipboard', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'pointerLock']) expect(permissionAllowed(p), p).toBe(false);
    expect(permissionAllowed('clipboard-sanitized-write')).toBe(true);
  });

  it('asks before losing unsaved edits', () => {
    expect(closeAction(false)).toBe('close');
    expect(closeAction(true, 0)).toBe('save-then-close');
    expect(closeAction(true, 1)).toBe('close');
    expect(closeAction(true, 2)).toBe('stay');
    expect(closeAction(true, undefined)).toBe('stay');
  });
});
