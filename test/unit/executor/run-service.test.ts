import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalRunService, type RunUpdate } from '../../../src/main/services/executor/run-service';
import { loadWorkflowBundle } from '../../../src/main/services/workspace/load-bundle';
import { fixturesDir } from './workflows';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'pc-run-service-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const load = async (file: string) => {
  const loaded = await loadWorkflowBundle(file);
  return loaded.ok ? { ok: true as const, bundle: loaded.bundle } : { ok: false as const, diagnostics: loaded.diagnostics };
};

describe('LocalRunService', () => {
  it('starts a run from a file, sends batched updates, then lists it and reads its logs', async () => {
    const service = new LocalRunService({ load });
    const updates: RunUpdate[] = [];
    service.subscribe((update) => updates.push(update));
    const file = path.join(fixturesDir, 'diamond', 'workflow.yml');
    const started = await service.start(file, { runDir: path.join(root, 'r') });
    if (!started.ok) throw new Error(JSON.stringify(started.diagnostics));
    expect((await service.list(file)).find((run) => run.runDir === started.runDir)).toBeUndefined(); // --run-dir is outside the runs folder
    const record = await service.wait(started.runDir);
    expect(record.state).toBe('succeeded');

    const last = updates.at(-1)!;
    expect([last.runDir, last.state, last.counts.succeeded]).toEqual([started.runDir, 'succeeded', 4]);
    const finalStates = new Map<string, string>();
    for (const update of updates) for (const job of update.jobs) finalStates.set(job.jobId, job.state);
    expect([...finalStates]).toEqual(expect.arrayContaining([['preprocess', 'succeeded'], ['findrange_1', 'succeeded'], ['findrange_2', 'succeeded'], ['analyze', 'succeeded']]));
    // 4 jobs × (ready, running, succeeded) = 12 job events, sent in fewer messages.
    expect(updates.reduce((n, update) => n + update.jobs.length, 0)).toBeLessThanOrEqual(12);

    expect((await service.log(started.runDir, 'preprocess', 'stdout')).text).toBe('preprocess read 3 lines\n');
    expect((await service.record(started.runDir)).jobs.map((job) => job.state)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    await expect(service.cancel(started.runDir)).rejects.toMatchObject({ code: 'PC523' });
  });

  it('lists runs of a workflow from its runs folder, marking the active one, and cancels it', async () => {
    const counters = path.join(root, 'counters');
    await mkdir(counters);
    const service = new LocalRunService({ load, baseEnv: { PATH: process.env.PATH, COUNTER_DIR: counters, WORK_SLEEP: '30' }, killGraceMs: 500 });
    const file = path.join(root, 'fanout.yml');
    // Use the fan-out fixture through a copy, so its runs folder is in the temp dir.
    const { cp } = await import('node:fs/promises');
    await cp(path.join(fixturesDir, 'fanout'), root, { recursive: true });
    await cp(path.join(root, 'workflow.yml'), file);
    const started = await service.start(file, { slots: 1 });
    if (!started.ok) throw new Error(JSON.stringify(started.diagnostics));
    expect(path.dirname(started.runDir)).toBe(path.join(root, '.pegasus-canvas', 'runs'));
    const listed = await service.list(file);
    expect(listed.map((run) => [run.runDir, run.active])).toEqual([[started.runDir, true]]);
    const record = await service.cancel(started.runDir);
    expect(record.state).toBe('cancelled');
    expect((await service.list(file)).map((run) => [run.state, run.active])).toEqual([['cancelled', false]]);
  });
});
