import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunStore, defaultRunsDir } from '../../../src/main/services/submit/run-store';
import { REMOTE_RUN_FORMAT, type RemoteRunRecord } from '../../../src/shared/run/remote-run';

function record(id: string, createdAt: string): RemoteRunRecord {
  return {
    format: REMOTE_RUN_FORMAT, id, createdAt, updatedAt: createdAt,
    host: { host: 'access.example.org', port: 22, user: 'alice' },
    workflow: { name: 'diamond', file: '/w/diamond.yml', jobIds: ['a'] },
    remoteDir: `/home/alice/pegasus-canvas/runs/${id}`, planOptions: { sites: ['compute'] },
    stage: 'watch', state: 'running', upload: { files: [], verified: true },
    jobstateOffset: 0, jobs: {}, reruns: 0, removed: false,
  };
}

describe('RunStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'pcanvas-run-store-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('saves records atomically and loads them by id or by path, newest first in the list', async () => {
    const store = new RunStore(path.join(dir, 'runs'));
    await store.save(record('old', '2026-11-24T10:00:00.000Z'));
    await store.save(record('new', '2026-11-25T10:00:00.000Z'));
    const saved = record('new', '2026-11-25T10:00:00.000Z');
    saved.state = 'succeeded';
    await store.save(saved);
    expect((await readdir(store.dir)).sort()).toEqual(['new.json', 'old.json']);
    expect((await store.load('new')).state).toBe('succeeded');
    expect((await store.load(path.join(store.dir, 'old.json'))).id).toBe('old');
    expect((await store.list()).map((entry) => entry.id)).toEqual(['new', 'old']);
  });

  it('says which run is missing, and which file is not a run record; list skips foreign files', async () => {
    const store = new RunStore(dir);
    await expect(store.load('nope')).rejects.toMatchObject({ code: 'RUN_NOT_FOUND', message: expect.stringContaining("no run 'nope'") });
    await writeFile(path.join(dir, 'junk.json'), '{');
    await writeFile(path.join(dir, 'other.json'), '{"format": "pegasus-canvas-run/1"}');
    await expect(store.load('junk')).rejects.toMatchObject({ code: 'RUN_UNREADABLE', message: expect.stringContaining('not JSON') });
    await expect(store.load('other')).rejects.toMatchObject({ message: expect.stringContaining('not a remote run record (format "pegasus-canvas-run/1"') });
    expect(await store.list()).toEqual([]);
  });

  it('keeps records in $PEGASUS_CANVAS_RUNS or under the home folder', () => {
    expect(defaultRunsDir({ PEGASUS_CANVAS_RUNS: '/x/runs', HOME: '/home/a' })).toBe('/x/runs');
    expect(defaultRunsDir({ HOME: '/home/a' })).toBe('/home/a/.pegasus-canvas/remote-runs');
  });
});
