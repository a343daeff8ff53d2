import { promises as fsp } from 'node:fs';
import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { mimeType, resolveAssetPath } from '../browser-mode/asset-path';
import { SECURITY_HEADERS } from '../browser-mode/csp';
import { APP_HOST, APP_SCHEME } from './policy';

/** Must run before `app.ready`: `app://` is a standard, secure scheme (security.md §1 item 18). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/**
 * Serves `app://renderer/…` from the renderer build and nothing else: another host, a path
 * that leaves the folder (`..`, encoded or not) or a missing file is a 404. Every answer
 * carries the CSP header.
 */
export function serveAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? resolveAssetPath(rendererDir, url.pathname) : null;
    const stat = file ? await fsp.stat(file).catch(() => null) : null;
    if (!file || !stat?.isFile()) return new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
    const body = await net.fetch(pathToFileURL(file).toString());
    return new Response(body.body, { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': mimeType(file) } });
  });
}
