import http from 'node:http';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { startWebServer, type WebServer } from '../../../src/main/web';
import { createWebClient, webSocketUrl } from '../../../src/renderer/api/web-client';
import type { AppCommand, WindowApi } from '../../../src/shared/ipc';
import { sharedPath } from '../../support/shared-path';

// The page's API client, run in Node against the real server: `ws` stands in for the
// browser's WebSocket, carrying the cookie and Origin a browser would send.
let base: string;
let server: WebServer;
let api: WindowApi;

function login(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (response) => {
        response.resume();
        resolve(String(response.headers['set-cookie']?.[0] ?? '').split(';')[0]!);
      })
      .on('error', reject);
  });
}

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'pc-client-'));
  await mkdir(path.join(base, 'renderer'));
  await writeFile(path.join(base, 'renderer', 'index.html'), '<!doctype html><title>t</title>');
  server = await startWebServer({ rendererDir: path.join(base, 'renderer'), roots: [sharedPath('examples')], appDataDir: path.join(base, 'data') });
  const cookie = await login(server.url);
  const url = webSocketUrl({ protocol: 'http:', host: `127.0.0.1:${server.port}` });
  api = createWebClient(url, (u) => new NodeWebSocket(u, { headers: { cookie, origin: server.origin } }) as unknown as WebSocket);
});

afterAll(async () => {
  await server?.close();
  await rm(base, { recursive: true, force: true });
});

describe('web client', () => {
  it('builds the socket URL from the page location', () => {
    expect(webSocketUrl({ protocol: 'http:', host: '127.0.0.1:5000' })).toBe('ws://127.0.0.1:5000/api');
    expect(webSocketUrl({ protocol: 'https:', host: 'h:1' })).toBe('wss://h:1/api');
  });

  it('calls channels by name and pairs answers with requests', async () => {
    expect(await api.appInfo()).toMatchObject({ ok: true, value: { mode: 'web', dialogs: 'in-page' } });
    const files = ['diamond.yml', '01-quickstart-hello-world.yml', 'features.yml', 'hierarchical.yml'];
    const answers = await Promise.all(files.map((f) => api.documentOpen({ path: sharedPath('examples', f) })));
    expect(answers.map((a) => a.ok && a.value.name)).toEqual(files);
  });

  it('delivers menu commands pushed by the server', async () => {
    const got: AppCommand[] = [];
    const stop = api.onCommand((c) => got.push(c));
    server.broadcast('file.save');
    await expect.poll(() => got).toEqual(['file.save']);
    stop();
    server.broadcast('file.open');
    await api.recentList();
    expect(got).toEqual(['file.save']);
  });

  it('answers IO_ERROR, never throws, once the server is gone', async () => {
    await server.close();
    const answer = await api.recentList();
    expect(answer).toMatchObject({ ok: false, error: { code: 'IO_ERROR' } });
  });
});
