import { mkdtemp, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecentStore } from '../../../src/main/services/workspace/recent';
import { RecoveryStore } from '../../../src/main/services/workspace/recovery';
import { readSidecar, sidecarPath, sidecarText } from '../../../src/main/services/workspace/sidecar';
import { WindowState } from '../../../src/main/services/workspace/window-state';
import { diamondTemplate } from '../../../src/shared/templates';

let dir: string;
let tick = 0;
const clock = () => new Date(Date.UTC(2026, 10, 25, 1, 0, tick++));
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pc-stores-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sidecar', () => {
  it('sits beside the workflow as NAME.canvas.json', () => {
    expect(sidecarPath('/w/diamond.yml')).toBe('/w/diamond.canvas.json');
    expect(sidecarPath('/w/diamond.yaml')).toBe('/w/diamond.canvas.json');
    expect(sidecarPath('/w/diamond.json')).toBe('/w/diamond.canvas.json');
    expect(sidecarPath('/w/workflow')).toBe('/w/workflow.canvas.json');
  });

  it('reads what was written, absent as null, damaged as null with a reason', async () => {
    const file = path.join(dir, 'd.yml');
    expect(await readSidecar(file)).toEqual({ layout: null });
    const layout = { version: 1 as const, jobs: { ID0000001: { x: 10, y: 20 } }, files: { 'f.a': { x: 0, y: 0 } } };
    await writeFile(sidecarPath(file), sidecarText(layout));
    expect((await readSidecar(file)).layout).toEqual(layout);
    await writeFile(sidecarPath(file), '{"version":1,"jobs":{"a":{"x":"left"}},"files":{}}');
    const bad = await readSidecar(file);
    expect(bad.layout).toBeNull();
    expect(bad.problem).toContain('jobs.a.x');
    await writeFile(sidecarPath(file), '{oops');
    expect((await readSidecar(file)).problem).toContain('not JSON');
  });

  it('writes a small layout indented for reading, a large one on one line, both read back the same', async () => {
    const small = { version: 1 as const, jobs: { a: { x: 1, y: 2 } }, files: {} };
    expect(sidecarText(small)).toBe(`${JSON.stringify(small, null, 2)}\n`);
    const jobs: Record<string, { x: number; y: number }> = {};
    for (let i = 1; i <= 10_001; i++) jobs[`job_${i}`] = { x: i, y: -i };
    const large = { version: 1 as const, jobs, files: {} };
    const text = sidecarText(large);
    expect(text.split('\n')).toHaveLength(2);
    const file = path.join(dir, 'large.yml');
    await writeFile(sidecarPath(file), text);
    expect((await readSidecar(file)).layout).toEqual(large);
  });
});

describe('RecentStore', () => {
  it('keeps newest first, one entry per path, at most the limit', async () => {
    const store = new RecentStore(path.join(dir, 'settings', 'recent.json'), clock, 3);
    expect(await store.list()).toEqual([]);
    await store.add('/w/a.yml');
    await store.add('/w/b.yml');
    await store.add('/w/a.yml');
    expect((await store.list()).map((e) => e.path)).toEqual(['/w/a.yml', '/w/b.yml']);
    await store.add('/w/c.yml');
    await store.add('/w/d.yml');
    const list = await store.list();
    expect(list.map((e) => e.name)).toEqual(['d.yml', 'c.yml', 'a.yml']);
    expect(await store.remove('/w/c.yml')).toHaveLength(2);
  });

  it('reads a damaged settings file as an empty list', async () => {
    const file = path.join(dir, 'recent.json');
    await writeFile(file, 'not json');
    expect(await new RecentStore(file, clock).list()).toEqual([]);
  });
});

describe('RecoveryStore', () => {
  it('writes, lists newest first, restores exactly, discards', async () => {
    const store = new RecoveryStore(path.join(dir, 'recovery'), clock);
    const { workflow } = diamondTemplate();
    const layout = { version: 1 as const, jobs: { ID0000001: { x: 1, y: 2 } }, files: {} };
    await store.write({ id: 'doc-1', path: '/w/diamond.yml', name: 'diamond.yml', workflow, layout });
    await store.write({ id: 'doc-2', path: null, name: 'Untitled', workflow: { ...workflow, name: 'other' }, layout: null });
    const list = await store.list();
    expect(list.map((e) => e.id)).toEqual(['doc-2', 'doc-1']);
    const restored = await store.restore('doc-1');
    expect(restored.bundle.workflow).toEqual(workflow);
    expect(restored.layout).toEqual(layout);
    expect(restored.path).toBe('/w/diamond.yml');
    await store.discard('doc-1');
    expect((await store.list()).map((e) => e.id)).toEqual(['doc-2']);
    await expect(store.restore('doc-1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('skips damaged entries in the list and refuses ids that are not file names', async () => {
    const folder = path.join(dir, 'recovery');
    await mkdir(folder);
    await writeFile(path.join(folder, 'broken.json'), '{"version":1}');
    const store = new RecoveryStore(folder, clock);
    expect(await store.list()).toEqual([]);
    await expect(store.restore('broken')).rejects.toMatchObject({ code: 'UNREADABLE' });
    await expect(store.discard('../escape')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await readdir(folder)).toEqual(['broken.json']);
  });
});

describe('WindowState', () => {
  it('shows the file name and an unsaved mark in the title', () => {
    const shown: string[] = [];
    const state = new WindowState((title) => shown.push(title));
    state.setName('diamond.yml');
    state.setDirty(true);
    expect(state.isDirty).toBe(true);
    state.setDirty(false);
    expect(shown).toEqual(['diamond.yml — Pegasus Canvas', '• diamond.yml — Pegasus Canvas', 'diamond.yml — Pegasus Canvas']);
  });
});
