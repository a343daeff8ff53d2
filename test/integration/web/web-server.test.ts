import http from 'node:http';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebServer, type WebServer } from '../../../src/main/web';
import type { IpcResult, OpenedDocument, SavedDocument } from '../../../src/shared/ipc';
import { sharedPath } from '../../support/shared-path';

interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw HTTP GET, so the test controls Host, Origin and Cookie exactly as a hostile page could. */
function get(port: number, pathname: string, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path: pathname, method: 'GET', headers: { host: `127.0.0.1:${port}`, ...headers } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

/** Opens the API socket; resolves the socket, or the HTTP status the server refused it with. */
function connect(server: WebServer, headers: Record<string, string>): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', () => resolve(-1));
  });
}

let nextId = 1;
function call<T>(ws: WebSocket, channel: string, request: unknown): Promise<IpcResult<T>> {
  const id = nextId++;
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(String(data)) as { id: number; response: IpcResult<T> };
      if (message.id !== id) return;
      ws.off('message', onMessage);
      resolve(message.response);
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, channel, request }));
  });
}

let base: string;
let work: string;
let server: WebServer;
let cookie: string;
let api: WebSocket;

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'pc-web-'));
  const renderer = path.join(base, 'renderer');
  work = path.join(base, 'work');
  await mkdir(path.join(renderer, 'assets'), { recursive: true });
  await mkdir(work);
  await writeFile(path.join(renderer, 'index.html'), '<!doctype html><title>Pegasus Canvas</title><script type="module" src="./assets/app.js"></script>');
  await writeFile(path.join(renderer, 'assets', 'app.js'), 'console.log("app");');
  await writeFile(path.join(base, 'secret.txt'), 'outside the renderer');
  server = await startWebServer({ rendererDir: renderer, roots: [work, sharedPath('examples')], appDataDir: path.join(base, 'data') });
  const login = await get(server.port, new URL(server.url).pathname + new URL(server.url).search);
  cookie = String(login.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
  const socket = await connect(server, { cookie, origin: server.origin });
  if (typeof socket === 'number') throw new Error(`socket refused: ${socket}`);
  api = socket;
});

afterAll(async () => {
  api?.close();
  await server?.close();
  await rm(base, { recursive: true, force: true });
});

describe('browser mode: the secret', () => {
  it('prints one URL on 127.0.0.1 holding a 256-bit secret', () => {
    const url = new URL(server.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.searchParams.get('token')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses the page and its files without the secret', async () => {
    expect((await get(server.port, '/')).status).toBe(401);
    expect((await get(server.port, '/assets/app.js')).status).toBe(401);
    expect((await get(server.port, '/?token=wrong')).status).toBe(401);
    expect((await get(server.port, '/', { cookie: 'pc_session_1=forged' })).status).toBe(401);
  });

  it('trades the secret for an HttpOnly cookie and drops it from the address', async () => {
    const login = await get(server.port, new URL(server.url).pathname + new URL(server.url).search);
    expect(login.status).toBe(303);
    expect(login.headers.location).toBe('/');
    expect(login.headers['set-cookie']?.[0]).toMatch(/HttpOnly; SameSite=Strict/);
    const page = await get(server.port, '/', { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Pegasus Canvas</title>');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    const script = await get(server.port, '/assets/app.js', { cookie });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('serves nothing outside the renderer folder', async () => {
    expect((await get(server.port, '/../secret.txt', { cookie })).status).toBe(404);
    expect((await get(server.port, '/%2e%2e/secret.txt', { cookie })).status).toBe(404);
  });

  it('refuses the socket without the cookie', async () => {
    expect(await connect(server, { origin: server.origin })).toBe(401);
  });
});

describe('browser mode: Origin and Host', () => {
  it('refuses a foreign Origin over HTTP and on the socket', async () => {
    expect((await get(server.port, '/', { cookie, origin: 'http://evil.example' })).status).toBe(403);
    expect(await connect(server, { cookie, origin: 'http://evil.example' })).toBe(403);
    expect(await connect(server, { cookie, origin: `http://localhost:${server.port}` })).toBe(403);
    expect(await connect(server, { cookie })).toBe(403);
  });

  it('refuses a foreign Host (DNS rebinding), even with the cookie', async () => {
    expect((await get(server.port, '/', { cookie, host: `evil.example:${server.port}` })).status).toBe(421);
    expect((await get(server.port, '/', { cookie, host: `localhost:${server.port}` })).status).toBe(421);
    expect(await connect(server, { cookie, origin: server.origin, host: `evil.example:${server.port}` })).toBe(421);
  });
});

describe('browser mode: the handler table over the socket', () => {
  it('answers app.info with the in-page dialog marker', async () => {
    const info = await call<{ mode: string; dialogs: string; roots: string[] }>(api, 'app.info', {});
    expect(info).toMatchObject({ ok: true, value: { mode: 'web', dialogs: 'in-page' } });
  });

  it('opens a workflow with its sidecar state and catalogs', async () => {
    const opened = await call<OpenedDocument>(api, 'document.open', { path: sharedPath('examples', 'diamond.yml') });
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.value.bundle.workflow.name).toBe('diamond');
    expect(opened.value.bundle.workflow.jobs).toHaveLength(4);
    expect(opened.value.text).toContain('pegasus: 5.0.4');
    expect(opened.value.layout).toBeNull();
    expect(opened.value.recent[0]?.path).toBe(sharedPath('examples', 'diamond.yml'));
  });

  it('saves atomically with a sidecar, and reopens the same document', async () => {
    const opened = await call<OpenedDocument>(api, 'document.open', { path: sharedPath('examples', 'diamond.yml') });
    if (!opened.ok) throw new Error(opened.error.message);
    const target = path.join(work, 'copy.yml');
    const layout = { version: 1, jobs: { ID0000001: { x: 10, y: 20 } }, files: { 'f.a': { x: 0, y: 0 } } };
    const saved = await call<SavedDocument>(api, 'document.saveAs', { path: target, workflow: opened.value.bundle.workflow, layout });
    expect(saved).toMatchObject({ ok: true, value: { path: target, format: 'yaml', layoutPath: path.join(work, 'copy.canvas.json') } });
    const again = await call<SavedDocument>(api, 'document.saveAs', { path: target, workflow: opened.value.bundle.workflow, layout });
    expect(again).toMatchObject({ ok: false, error: { code: 'EXISTS' } });
    const reopened = await call<OpenedDocument>(api, 'document.open', { path: target });
    if (!reopened.ok) throw new Error(reopened.error.message);
    expect(reopened.value.bundle.workflow).toEqual(opened.value.bundle.workflow);
    expect(reopened.value.layout).toEqual(layout);
  });

  it('says why a broken file cannot open, with line and column', async () => {
    const broken = path.join(work, 'broken.yml');
    await writeFile(broken, 'pegasus: 5.0.4\nname: broken\njobs:\n  - id: a\n    name: [unclosed\n');
    const opened = await call<OpenedDocument>(api, 'document.open', { path: broken });
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.error.code).toBe('UNREADABLE');
    expect(opened.error.message).toMatch(/^broken\.yml:\d+:\d+: /);
    expect(opened.error.diagnostics?.[0]?.location?.line).toBeGreaterThan(0);
  });

  it('refuses paths outside its folders and bad requests, naming the field', async () => {
    const outside = await call(api, 'document.open', { path: path.join(base, 'secret.txt') });
    expect(outside).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const bad = await call(api, 'document.open', { path: 42 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    if (!bad.ok) expect(bad.error.message).toContain('path');
    const unknown = await call(api, 'shell.exec', { cmd: 'id' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    const dialog = await call(api, 'dialog.openFile', {});
    expect(dialog).toMatchObject({ ok: false, error: { code: 'NOT_AVAILABLE' } });
  });

  it('autosaves to the recovery folder and restores', async () => {
    const created = await call<{ bundle: { workflow: unknown } }>(api, 'document.new', { template: 'diamond' });
    if (!created.ok) throw new Error(created.error.message);
    const written = await call(api, 'recovery.write', { id: 'doc-1', path: null, name: 'Untitled', workflow: created.value.bundle.workflow, layout: null });
    expect(written.ok).toBe(true);
    const list = await call<Array<{ id: string }>>(api, 'recovery.list', {});
    expect(list.ok && list.value.map((e) => e.id)).toEqual(['doc-1']);
    const restored = await call<{ bundle: { workflow: unknown } }>(api, 'recovery.restore', { id: 'doc-1' });
    expect(restored.ok && restored.value.bundle.workflow).toEqual(created.value.bundle.workflow);
    expect(JSON.parse(await readFile(path.join(base, 'data', 'recovery', 'doc-1.json'), 'utf8')).name).toBe('Untitled');
    expect((await call(api, 'recovery.discard', { id: 'doc-1' })).ok).toBe(true);
    expect(await call(api, 'recovery.list', {})).toEqual({ ok: true, value: [] });
  });
});
