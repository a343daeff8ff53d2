/**
 * Browser mode: save and autosave requests sent as one binary message (a request frame,
 * `src/shared/ipc-frame.ts`), as the page sends them for large documents.
 */
import http from 'node:http';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebServer, type WebServer } from '../../../src/main/web';
import { FRAME_PART_BYTES, framePart, joinFrame, setFrameId, type FrameChannel } from '../../../src/shared/ipc-frame';
import type { IpcResult, SavedDocument } from '../../../src/shared/ipc';
import { readWorkflow } from '../../../src/shared/formats/pegasus-yaml';
import type { Workflow } from '../../../src/shared/model';

let base: string;
let work: string;
let dataDir: string;
let server: WebServer;
let cookie: string;

function login(port: number, url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path: url, method: 'GET', headers: { host: `127.0.0.1:${port}` } }, (response) => {
      response.resume();
      resolve(String(response.headers['set-cookie']?.[0] ?? '').split(';')[0]!);
    });
    request.on('error', reject);
    request.end();
  });
}

function connect(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api`, { headers: { cookie, origin: server.origin } });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

let nextId = 1;
/** Sends `request` as a frame (or `body` as given) and resolves the answer with the frame's id. */
function sendFrame<T>(ws: WebSocket, channel: FrameChannel, request: unknown, body?: Uint8Array): Promise<IpcResult<T>> {
  const id = nextId++;
  const frame = joinFrame(channel, body ?? new TextEncoder().encode(JSON.stringify(request)));
  setFrameId(frame.buffer as ArrayBuffer, id);
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(String(data)) as { id: number; response: IpcResult<T> };
      if (message.id !== id) return;
      ws.off('message', onMessage);
      resolve(message.response);
    };
    ws.on('message', onMessage);
    ws.send(frame);
  });
}

const workflow: Workflow = {
  pegasus: '5.0.4',
  name: 'frames',
  jobs: [
    { type: 'job', id: 'prépare "1"', name: 'prepare', arguments: ['-o', 'out ü.txt'], uses: [{ lfn: 'out ü.txt', type: 'output', stageOut: true, registerReplica: false }] },
    { type: 'job', id: 'analyse🚀', name: 'analyse', arguments: [], uses: [{ lfn: 'out ü.txt', type: 'input' }] },
  ],
  dependencies: [],
};
const layout = { version: 1, jobs: { 'prépare "1"': { x: 0, y: 0 }, 'analyse🚀': { x: 0, y: 150 } }, files: { 'out ü.txt': { x: 0, y: 75 } }, view: 'files' };

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'pc-frames-'));
  const renderer = path.join(base, 'renderer');
  work = path.join(base, 'work');
  dataDir = path.join(base, 'data');
  await mkdir(renderer, { recursive: true });
  await mkdir(work);
  await writeFile(path.join(renderer, 'index.html'), '<!doctype html><title>Pegasus Canvas</title>');
  server = await startWebServer({ rendererDir: renderer, roots: [work], appDataDir: dataDir });
  const url = new URL(server.url);
  cookie = await login(server.port, url.pathname + url.search);
});

afterAll(async () => {
  await server?.close();
  await rm(base, { recursive: true, force: true });
});

describe('browser mode: request frames', () => {
  it('saves a workflow and its sidecar sent as bytes', async () => {
    const ws = await connect();
    const file = path.join(work, 'frames.yml');
    const saved = await sendFrame<SavedDocument>(ws, 'document.saveAs', { path: file, workflow, layout, recoveryId: 'doc-1' });
    expect(saved).toMatchObject({ ok: true, value: { path: file, name: 'frames.yml', format: 'yaml' } });
    const read = readWorkflow(await readFile(file, 'utf8'));
    expect(read.ok && read.value.jobs.map((j) => j.id)).toEqual(['prépare "1"', 'analyse🚀']);
    expect(JSON.parse(await readFile(path.join(work, 'frames.canvas.json'), 'utf8'))).toEqual(layout);
    // Text requests still work on the same socket, after a frame.
    const again = await sendFrame<SavedDocument>(ws, 'document.save', { path: file, workflow, layout: null });
    expect(again.ok).toBe(true);
    ws.close();
  });

  it('writes an autosave sent as bytes', async () => {
    const ws = await connect();
    const entry = await sendFrame(ws, 'recovery.write', { id: 'doc-7', path: null, name: 'Untitled.yml', workflow, layout });
    expect(entry).toMatchObject({ ok: true, value: { id: 'doc-7', name: 'Untitled.yml' } });
    expect(await readdir(path.join(dataDir, 'recovery'))).toContain('doc-7.json');
    ws.close();
  });

  it('validates a frame’s request with the channel’s schema, naming the field', async () => {
    const ws = await connect();
    const bad = { path: path.join(work, 'x.yml'), workflow: { ...workflow, jobs: [{ ...workflow.jobs[0], id: 5 }] }, layout: null };
    expect(await sendFrame(ws, 'document.save', bad)).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: 'document.save: workflow.jobs.0.id: expected string, got number' } });
    const outside = await sendFrame(ws, 'document.save', { path: path.join(base, 'elsewhere.yml'), workflow, layout: null });
    expect(outside).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    ws.close();
  });

  it('answers a frame whose body is not JSON or not UTF-8 with a clear error', async () => {
    const ws = await connect();
    const notJson = await sendFrame(ws, 'document.save', null, new TextEncoder().encode('{"path": "/x.yml", "workflow": '));
    expect(notJson).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringMatching(/^document\.save: the request is not JSON/) } });
    const notUtf8 = await sendFrame(ws, 'recovery.write', null, new Uint8Array([0x7b, 0xc3, 0x28, 0x7d]));
    expect(notUtf8).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: 'recovery.write: the request is not valid UTF-8' } });
    ws.close();
  });

  it('takes a large request in parts, interleaved with a text request', async () => {
    const ws = await connect();
    const file = path.join(work, 'wide.yml');
    const jobs = Array.from({ length: 4000 }, (_, i) => ({ type: 'job', id: `ジョブ_${i}`, name: 'tool', arguments: ['-n', i], uses: [{ lfn: `out_${i}.txt`, type: 'output' }] }));
    const wide = { pegasus: '5.0.4', name: 'wide', jobs, dependencies: [] };
    const frame = joinFrame('document.saveAs', new TextEncoder().encode(JSON.stringify({ path: file, workflow: wide, layout: null })));
    const id = nextId++;
    setFrameId(frame.buffer as ArrayBuffer, id);
    const answers = new Map<number, IpcResult<unknown>>();
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id: number; response: IpcResult<unknown> };
      answers.set(message.id, message.response);
    });
    const parts: Uint8Array[] = [];
    for (let offset = 0; offset < frame.length; offset += FRAME_PART_BYTES) parts.push(framePart(frame, id, offset));
    expect(parts.length).toBeGreaterThan(1);
    ws.send(parts[0]!);
    ws.send(JSON.stringify({ id: 999, channel: 'app.info', request: {} }));
    for (const part of parts.slice(1)) ws.send(part);
    await expect.poll(() => answers.size, { timeout: 10_000 }).toBe(2);
    expect(answers.get(999)).toMatchObject({ ok: true, value: { mode: 'web' } });
    expect(answers.get(id)).toMatchObject({ ok: true, value: { path: file } });
    const read = readWorkflow(await readFile(file, 'utf8'));
    expect(read.ok && read.value.jobs.length).toBe(4000);
    expect(read.ok && read.value.jobs[3999]!.id).toBe('ジョブ_3999');
    ws.close();
  });

  it('closes the socket, saying why, on binary data that is not a frame', async () => {
    const ws = await connect();
    const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    ws.send(Buffer.from(JSON.stringify({ id: 1, channel: 'document.save', request: {} })));
    expect(await closed).toEqual({ code: 1007, reason: 'binary request: not a request frame (it must start with "PCR1")' });
  });
});
