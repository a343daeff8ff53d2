/**
 * Pure security decisions of the Electron shell (security.md §1), kept free of Electron so
 * that unit tests run them in Node. `security.ts` wires them to Electron's events.
 */

/** The scheme the app is served from (security.md §1 item 18). */
export const APP_SCHEME = 'app';
/** The host part of app URLs: `app://renderer/index.html`. */
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for a URL of the app itself (parsed, never a string prefix test). */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
}

/**
 * Navigation and redirects (`will-navigate`, `will-redirect`, `will-frame-navigate`): only
 * within the app. A link, a form or a script cannot replace the app with another page.
 */
export function navigationAllowed(url: string): boolean {
  return isAppUrl(url);
}

/**
 * Which URLs may go to the system browser when the page asks to open them (a link with
 * `target=_blank`, `window.open`): `https:` only, no credentials in the URL. Everything
 * else (file:, javascript:, custom schemes, http:) is dropped.
 */
export function externalUrlAllowed(url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && parsed.hostname !== '';
}

export type WindowOpenDecision = { action: 'deny'; openExternally: string | null };

/** New windows are always refused; a safe https link opens in the system browser instead. */
export function windowOpenDecision(url: string): WindowOpenDecision {
  return { action: 'deny', openExternally: externalUrlAllowed(url) ? url : null };
}

/** The IPC sender check (security.md §1 item 17): the main frame of an app page, nothing else. */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

export function senderAllowed(frame: SenderFrame | null | undefined): boolean {
  if (!frame) return false;
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url);
}

/**
 * Permission requests: the app needs none (camera, notifications, reading the clipboard, …)
 * but writing plain text to the clipboard, which Copy uses and every browser allows on a
 * user gesture.
 */
export function permissionAllowed(permission: string): boolean {
  return permission === 'clipboard-sanitized-write';
}

/**
 * The close guard. `choice` is the button the user pressed in "Save changes?":
 * 0 Save, 1 Don't Save, 2 Cancel.
 */
export type CloseAction = 'close' | 'save-then-close' | 'stay';

export function closeAction(dirty: boolean, choice?: number): CloseAction {
  if (!dirty) return 'close';
  if (choice === 0) return 'save-then-close';
  if (choice === 1) return 'close';
  return 'stay';
}

export const CLOSE_GUARD_BUTTONS = ['Save', "Don't Save", 'Cancel'] as const;
