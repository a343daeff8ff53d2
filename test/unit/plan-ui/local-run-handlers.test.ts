/**
 * The `localRun.*` handlers against the real executor in a temporary folder: start, the
 * updates, the record, the logs; the refused run with its reasons; and the path rules (a run
 * folder is usable once this window started or listed it, or when the guard allows it).
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalRunService } from '../../../src/main/services/executor';
import { createLocalRunHandlers } from '../../../src/main/services/local-run-ipc/local-run-handlers';
import { loadWorkflowBundle } from '../../../src/main/services/workspace/load-bundle';
import { grantsGuard, rootsGuard } from '../../../src/main/services/workspace/path-guard';
import type { LocalRunUpdate } from '../../../src/shared/ipc-local-run';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/local-run');

let root: string;
let outside: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'pc-local-run-ipc-'));
  outside = await mkdtemp(path.join(os.tmpdir(), 'pc-local-run-ipc-outside-'));
  await cp(path.join(fixtures, 'diamond'), path.join(root, 'diamond'), { recursive: true });
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

const load = (file: string) => loadWorkflowBundle(file);

describe('localRun handlers', () => {
  it('start, updates, record, list and logs of the diamond', async () => {
    const service = new LocalRunService({ load, batchMs: 10 });
    const updates: LocalRunUpdate[] = [];
    service.subscribe((update) => updates.push(update));
    const handlers = createLocalRunHandlers(service, rootsGuard([root]));
    const file = path.join(root, 'diamond', 'workflow.yml');
    const started = await handlers['localRun.start']({ workflowFile: file });
    if (!started.started) throw new Error(JSON.stringify(started.diagnostics));
    expect(Object.keys(started.run.jobs).sort()).toEqual(['analyze', 'findrange_1', 'findrange_2', 'preprocess']);
    await service.wait(started.run.runDir);

    const run = await handlers['localRun.get']({ runDir: started.run.runDir });
    expect(run.state).toBe('succeeded');
    expect(run.counts.succeeded).toBe(4);
    expect(run.active).toBe(false);
    expect(run.jobs.analyze).toMatchObject({ state: 'succeeded', attempts: 1, exitCode: 0 });
    expect(updates.at(-1)).toMatchObject({ runDir: started.run.runDir, state: 'succeeded' });

    const list = await handlers['localRun.list']({ workflowFile: file });
    expect(list.map((r) => r.runDir)).toEqual([started.run.runDir]);
    const log = await handlers['localRun.logs']({ runDir: started.run.runDir, jobId: 'analyze', stream: 'stderr' });
    expect(log.text).toContain('analyze done');
    await expect(handlers['localRun.logs']({ runDir: started.run.runDir, jobId: 'nobody', stream: 'stdout' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(handlers['localRun.cancel']({ runDir: started.run.runDir })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers a refused run with its reasons, naming the job', async () => {
    const handlers = createLocalRunHandlers(new LocalRunService({ load }), rootsGuard([root]));
    await writeFile(
      path.join(root, 'diamond', 'transformations.yml'),
      'pegasus: 5.0.4\ntransformations:\n- name: preprocess\n  sites:\n  - {name: local, pfn: bin/preprocess.sh, type: installed}\n- name: findrange\n  sites:\n  - {name: local, pfn: bin/findrange.sh, type: installed}\n- name: analyze\n  sites:\n  - {name: local, pfn: bin/gone.sh, type: installed}\n',
    );
    const answer = await handlers['localRun.start']({ workflowFile: path.join(root, 'diamond', 'workflow.yml') });
    expect(answer.started).toBe(false);
    const reasons = answer.diagnostics.filter((d) => d.severity === 'error');
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons[0]!.code).toMatch(/^PC5\d\d$/);
    expect(reasons[0]!.target).toMatchObject({ kind: 'job', jobId: 'analyze' });
  });

  it('keeps to the guard: files and run folders outside it are refused', async () => {
    const service = new LocalRunService({ load });
    const handlers = createLocalRunHandlers(service, rootsGuard([root]));
    await cp(path.join(root, 'diamond'), path.join(outside, 'diamond'), { recursive: true });
    await expect(handlers['localRun.start']({ workflowFile: path.join(outside, 'diamond', 'workflow.yml') })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(handlers['localRun.get']({ runDir: path.join(outside, 'diamond') })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('lets an Electron window use the run folders of a file it was granted', async () => {
    const file = path.join(root, 'diamond', 'workflow.yml');
    const service = new LocalRunService({ load });
    const guard = grantsGuard([file]);
    const handlers = createLocalRunHandlers(service, guard);
    const started = await handlers['localRun.start']({ workflowFile: file });
    if (!started.started) throw new Error(JSON.stringify(started.diagnostics));
    await service.wait(started.run.runDir);
    expect((await handlers['localRun.get']({ runDir: started.run.runDir })).state).toBe('succeeded');
    // Another window (a fresh table) has not seen that run: it must list it from the file first.
    const other = createLocalRunHandlers(service, grantsGuard([file]));
    await expect(other['localRun.get']({ runDir: started.run.runDir })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await other['localRun.list']({ workflowFile: file });
    expect((await other['localRun.get']({ runDir: started.run.runDir })).counts.succeeded).toBe(4);
  });

  it('answers NOT_AVAILABLE without a service', async () => {
    const handlers = createLocalRunHandlers(undefined, rootsGuard([root]));
    await expect(handlers['localRun.list']({ workflowFile: path.join(root, 'diamond', 'workflow.yml') })).rejects.toMatchObject({ code: 'NOT_AVAILABLE' });
  });

  it('lists and reopens runs after a restart (a fresh service reads them from disk), and resumes a failed one', async () => {
    const file = path.join(root, 'diamond', 'workflow.yml');
    const analyze = path.join(root, 'diamond', 'bin', 'analyze.sh');
    const original = await readFile(analyze, 'utf8');
    await writeFile(analyze, '#!/bin/sh\necho broken >&2\nexit 2\n');
    const first = new LocalRunService({ load });
    const started = await createLocalRunHandlers(first, rootsGuard([root]))['localRun.start']({ workflowFile: file });
    if (!started.started) throw new Error(JSON.stringify(started.diagnostics));
    expect((await first.wait(started.run.runDir)).state).toBe('failed');

    // The app restarts: a new service, a new handler table.
    const service = new LocalRunService({ load });
    const handlers = createLocalRunHandlers(service, rootsGuard([root]));
    const [entry] = await handlers['localRun.list']({ workflowFile: file });
    expect(entry).toMatchObject({ runDir: started.run.runDir, state: 'failed', active: false });
    const reopened = await handlers['localRun.get']({ runDir: entry!.runDir });
    expect(Object.fromEntries(Object.entries(reopened.jobs).map(([id, job]) => [id, job.state]))).toEqual({
      preprocess: 'succeeded',
      findrange_1: 'succeeded',
      findrange_2: 'succeeded',
      analyze: 'failed',
    });
    expect(reopened.jobs.analyze?.exitCode).toBe(2);

    await writeFile(analyze, original);
    const resumed = await handlers['localRun.resume']({ runDir: entry!.runDir });
    if (!resumed.started) throw new Error(JSON.stringify(resumed.diagnostics));
    const record = await service.wait(resumed.run.runDir);
    expect(record.state).toBe('succeeded');
    // Jobs done before the restart were not run again.
    expect(record.jobs.find((j) => j.id === 'preprocess')?.attempts).toHaveLength(1);
  });
});
