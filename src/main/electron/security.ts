import { app, session, shell, type WebContents } from 'electron';
import { navigationAllowed, permissionAllowed, windowOpenDecision } from './policy';

/**
 * App-wide hardening (security.md §1 items 4, 5, 11–15), installed before any window:
 * every web contents refuses navigation and redirects away from the app, opens no window
 * (safe https links go to the system browser), attaches no `<webview>`; every permission
 * request is denied. The decisions are the pure functions of `policy.ts`.
 */
export function installSecurityHandlers(): void {
  app.enableSandbox();

  app.on('web-contents-created', (_event, contents: WebContents) => {
    const refuse = (event: { preventDefault(): void }, url: string) => {
      if (!navigationAllowed(url)) event.preventDefault();
    };
    contents.on('will-navigate', (event) => refuse(event, event.url));
    contents.on('will-frame-navigate', (event) => refuse(event, event.url));
    contents.on('will-redirect', (event) => refuse(event, event.url));
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      const decision = windowOpenDecision(url);
      if (decision.openExternally) void shell.openExternal(decision.openExternally);
      return { action: decision.action };
    });
  });

  app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(permissionAllowed(permission)));
    session.defaultSession.setPermissionCheckHandler((_contents, permission) => permissionAllowed(permission));
  });
}
