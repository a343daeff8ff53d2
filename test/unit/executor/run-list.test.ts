import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLocalRun } from '../../../src/main/services/executor/local-run';
import { listRuns, RunListCache } from '../../../src/main/services/executor/run-store';
import type { RunRecord } from '../../../src/shared/run/run-record';
import { diamondBundle, fixturesDir } from './workflows';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'pc-runlist-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function finishedRun(): Promise<string> {
  const started = await startLocalRun(diamondBundle(), {
    workflowDir: path.join(fixturesDir, 'diamond'),
    runsRoot: root,
  });
  if (!started.ok) throw new Error(JSON.stringify(started.diagnostics));
  await started.run.done;
  return started.run.dir;
}

describe('listing runs without reading every record each time', () => {
  it('reads a finished record once while its file is unchanged, and again once it changes', async () => {
    const dir = await finishedRun();
    const cache = new RunListCache();
    const first = await listRuns(root, { cache });
    expect(first.map((run) => [run.dir, run.record.state, run.record.jobs.length])).toEqual([[dir, 'succeeded', 0]]);
    const again = await listRuns(root, { cache });
    expect(again[0]).toBe(first[0]);

    const file = path.join(dir, 'run.json');
    const record = JSON.parse(await readFile(file, 'utf8')) as RunRecord;
    await writeFile(file, JSON.stringify({ ...record, state: 'failed' }));
    expect((await listRuns(root, { cache }))[0]!.record.state).toBe('failed');
  });

  it('lists a live run from memory, whatever its file says', async () => {
    const dir = await finishedRun();
    await writeFile(path.join(dir, 'run.json'), 'not yet written');
    expect(await listRuns(root)).toEqual([]);
    const live = {
      name: 'live',
      state: 'running',
      createdAt: '2026-11-25T00:00:00.000Z',
      workflow: { name: 'diamond', dir: root },
      jobs: [],
    } as unknown as RunRecord;
    const listed = await listRuns(root, { live: (d) => (d === dir ? live : undefined) });
    expect(listed.map((run) => [run.dir, run.record.state])).toEqual([[dir, 'running']]);
  });
});
