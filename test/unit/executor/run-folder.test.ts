import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLocalRun } from '../../../src/main/services/executor/local-run';
import { listRuns, openRun } from '../../../src/main/services/executor/run-store';
import type { RunRecord } from '../../../src/shared/run/run-record';
import { diamondBundle, fixturesDir } from './workflows';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'pc-runfolder-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const workflowDir = path.join(fixturesDir, 'diamond');
const fixedClock = () => new Date('2026-11-25T00:30:00.000Z');

describe('run folders', () => {
  it('names runs after the workflow and the clock, with a suffix for a second run in the same second', async () => {
    const dirs: string[] = [];
    for (let i = 0; i < 2; i++) {
      const started = await startLocalRun(diamondBundle(), { workflowDir, runsRoot: root, now: fixedClock });
      if (!started.ok) throw new Error(JSON.stringify(started.diagnostics));
      const record = await started.run.done;
      expect(record.startedAt).toBe('2026-11-25T00:30:00.000Z');
      expect(record.jobs[0]!.attempts[0]!.endedAt).toBe('2026-11-25T00:30:00.000Z');
      dirs.push(path.basename(started.run.dir));
    }
    expect(dirs).toEqual(['local-diamond-20261125T003000Z', 'local-diamond-20261125T003000Z-2']);
    expect((await listRuns(root)).length).toBe(2);
  });

  it('uses the folder given by --run-dir and refuses to start a second run in it', async () => {
    const runDir = path.join(root, 'mine');
    const started = await startLocalRun(diamondBundle(), { workflowDir, runDir });
    if (!started.ok) throw new Error(JSON.stringify(started.diagnostics));
    await started.run.done;
    expect(started.run.dir).toBe(runDir);
    const again = await startLocalRun(diamondBundle(), { workflowDir, runDir });
    expect(again.ok).toBe(false);
    expect(again.diagnostics[0]!.code).toBe('PC521');
  });

  it('reopens a run whose app died mid-run as interrupted, and resumes it', async () => {
    const started = await startLocalRun(diamondBundle(), { workflowDir, runsRoot: root });
    if (!started.ok) throw new Error(JSON.stringify(started.diagnostics));
    await started.run.done;
    // Make the record look like the app was killed while analyze ran.
    const file = path.join(started.run.dir, 'run.json');
    const record = JSON.parse(await readFile(file, 'utf8')) as RunRecord;
    record.state = 'running';
    record.owner = { pid: 2 ** 22 + 12345 };
    record.jobs[3]!.state = 'running';
    await writeFile(file, JSON.stringify(record));

    const reopened = await openRun(started.run.dir, () => false);
    expect(reopened.record.state).toBe('interrupted');
    expect(reopened.record.jobs.map((job) => job.state)).toEqual(['succeeded', 'succeeded', 'succeeded', 'cancelled']);

    const resumed = await startLocalRun(diamondBundle(), { workflowDir, resume: started.run.dir });
    if (!resumed.ok) throw new Error(JSON.stringify(resumed.diagnostics));
    const done = await resumed.run.done;
    expect(done.state).toBe('succeeded');
    expect(done.jobs.map((job) => job.attempts.length)).toEqual([1, 1, 1, 2]);
    expect(done.jobs[3]!.attempts[1]!.stdout).toBe('logs/analyze.out.001');
  });

  it('refuses to resume when the workflow gained or lost jobs, and reports an unreadable record', async () => {
    const started = await startLocalRun(diamondBundle(), { workflowDir, runsRoot: root });
    if (!started.ok) throw new Error(JSON.stringify(started.diagnostics));
    await started.run.done;
    const changed = diamondBundle();
    changed.workflow.jobs.pop();
    const resumed = await startLocalRun(changed, { workflowDir, resume: started.run.dir });
    expect(resumed.ok).toBe(false);
    expect(resumed.diagnostics.map((d) => [d.code, d.message])).toEqual([['PC521', `The workflow changed since run ${path.basename(started.run.dir)} (removed analyze); start a new run.`]]);

    await writeFile(path.join(root, 'broken.json'), '');
    await expect(openRun(root)).rejects.toMatchObject({ code: 'PC520' });
  });
});

describe('LFNs that leave the scratch folder', () => {
  it('are refused before the run starts', async () => {
    const bundle = diamondBundle();
    const first = bundle.workflow.jobs[0]!;
    first.uses = first.uses.map((use) => (use.lfn === 'f.a' ? { ...use, lfn: '../f.a' } : use));
    first.stdout = '/etc/passwd';
    bundle.catalogs.replicas = { replicas: [{ lfn: '../f.a', pfns: [{ site: 'local', pfn: 'input/f.a' }] }] };
    const started = await startLocalRun(bundle, { workflowDir, runsRoot: root });
    expect(started.ok).toBe(false);
    expect(started.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['PC530', "Job 'preprocess' uses '../f.a', a file name that would leave the run's scratch folder."],
      ['PC530', "Job 'preprocess' uses '/etc/passwd', a file name that would leave the run's scratch folder."],
    ]);
    expect(await listRuns(root)).toEqual([]);
  });
});

describe('input integrity', () => {
  it('checks the sha256 the replica catalog gives, and fails the run on a mismatch', async () => {
    const sha = createHash('sha256').update(await readFile(path.join(workflowDir, 'input', 'f.a'))).digest('hex');
    const good = diamondBundle();
    good.catalogs.replicas!.replicas[0]!.checksum = { sha256: sha };
    const ok = await startLocalRun(good, { workflowDir, runsRoot: root });
    if (!ok.ok) throw new Error(JSON.stringify(ok.diagnostics));
    expect((await ok.run.done).state).toBe('succeeded');

    const bad = diamondBundle();
    bad.catalogs.replicas!.replicas[0]!.checksum = { sha256: '0'.repeat(64) };
    const refused = await startLocalRun(bad, { workflowDir, runsRoot: path.join(root, 'bad') });
    expect(refused.ok).toBe(false);
    expect(refused.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['PC532', `Input 'f.a' (${path.join(workflowDir, 'input', 'f.a')}) has sha256 ${sha}, but the replica catalog says ${'0'.repeat(64)}`],
    ]);
    // The folder was made before staging: its record says why the run never started.
    const [run] = await listRuns(path.join(root, 'bad'));
    expect([run!.record.state, run!.record.diagnostics.map((d) => d.code), run!.record.jobs.every((job) => job.attempts.length === 0)]).toEqual(['failed', ['PC532'], true]);
  });
});

describe('retries across a resume', () => {
  it('gives a resumed job its RETRY count afresh, numbering attempts on from the last run', async () => {
    const gate = path.join(fixturesDir, 'gate', 'bin');
    const bundle = diamondBundle();
    bundle.workflow.jobs = [{ type: 'job', id: 'gate', name: 'gate', arguments: ['gate.txt'], uses: [{ lfn: 'gate.txt', type: 'output' }] }];
    bundle.catalogs.transformations = { transformations: [{ name: 'gate', sites: [{ name: 'local', pfn: path.join(gate, 'gate.sh'), type: 'installed' }] }] };
    const options = { workflowDir, runsRoot: root, defaultRetries: 1, baseEnv: { PATH: process.env.PATH, GATE_OPEN: path.join(root, 'open') } };
    const first = await startLocalRun(bundle, options);
    if (!first.ok) throw new Error(JSON.stringify(first.diagnostics));
    expect((await first.run.done).jobs[0]!.attempts.map((a) => a.exitCode)).toEqual([1, 1]);
    const second = await startLocalRun(bundle, { ...options, resume: first.run.dir });
    if (!second.ok) throw new Error(JSON.stringify(second.diagnostics));
    const record = await second.run.done;
    expect(record.state).toBe('failed');
    expect(record.jobs[0]!.attempts.map((a) => [a.attempt, a.exitCode, a.stderr])).toEqual([
      [0, 1, 'logs/gate.err.000'],
      [1, 1, 'logs/gate.err.001'],
      [2, 1, 'logs/gate.err.002'],
      [3, 1, 'logs/gate.err.003'],
    ]);
  });
});
