import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLocalRun, type JobEvent } from '../../../src/main/services/executor/local-run';
import { listRuns, openRun } from '../../../src/main/services/executor/run-store';
import type { WorkflowBundle } from '../../../src/shared/model';
import { diamondBundle, fixturesDir } from './workflows';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'pc-diamond-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const workflowDir = path.join(fixturesDir, 'diamond');

function numbered(lines: string[]): string {
  return lines.map((line, i) => `${String(i + 1).padStart(6)}\t${line}\n`).join('') + `lines: ${lines.length}\n`;
}

describe('local run of the diamond', () => {
  it('runs the four jobs in dependency order, captures their logs and stages out f.d', async () => {
    const started = await startLocalRun(diamondBundle(), { workflowDir, runsRoot: root, slots: 2 });
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    const events: JobEvent[] = [];
    started.run.on('job', (event) => events.push(event));
    const record = await started.run.done;

    expect(record.state).toBe('succeeded');
    expect(record.jobs.map((job) => [job.id, job.state, job.attempts.length, job.attempts[0]?.exitCode])).toEqual([
      ['preprocess', 'succeeded', 1, 0],
      ['findrange_1', 'succeeded', 1, 0],
      ['findrange_2', 'succeeded', 1, 0],
      ['analyze', 'succeeded', 1, 0],
    ]);
    const order = (id: string, state: string) => events.findIndex((e) => e.jobId === id && e.state === state);
    expect(order('preprocess', 'succeeded')).toBeLessThan(order('findrange_1', 'running'));
    expect(order('preprocess', 'succeeded')).toBeLessThan(order('findrange_2', 'running'));
    expect(order('findrange_1', 'succeeded')).toBeLessThan(order('analyze', 'running'));
    expect(order('findrange_2', 'succeeded')).toBeLessThan(order('analyze', 'running'));

    // The input is copied in, the env profile reaches the job, outputs flow between jobs.
    const b = ['alpha', 'beta', 'gamma'].map((word) => `preprocess[hello]: ${word}`);
    const c = numbered(b);
    const expected = `${c}${c}analyzed 8 lines\n`;
    expect(await readFile(path.join(started.run.outputs, 'f.d'), 'utf8')).toBe(expected);
    expect(await readFile(path.join(started.run.scratch, 'f.d'), 'utf8')).toBe(expected);
    // f.b1 is not staged out (stageOut false).
    await expect(readFile(path.join(started.run.outputs, 'f.b1'), 'utf8')).rejects.toThrow();

    const log = (id: string, stream: 'stdout' | 'stderr') => readFile(path.join(started.run.dir, record.jobs.find((j) => j.id === id)!.attempts[0]![stream]), 'utf8');
    expect(await log('preprocess', 'stdout')).toBe('preprocess read 3 lines\n');
    expect(await log('findrange_2', 'stdout')).toBe('findrange f.b2 -> f.c2\n');
    expect(await log('analyze', 'stderr')).toBe('analyze done\n');
    expect(record.jobs[0]!.attempts[0]!.stdout).toBe('logs/preprocess.out.000');
  });

  it('reopens the finished run from its folder with the same states (app restart)', async () => {
    const started = await startLocalRun(diamondBundle(), { workflowDir, runsRoot: root });
    if (!started.ok) throw new Error(JSON.stringify(started.diagnostics));
    const record = await started.run.done;

    const reopened = await openRun(started.run.dir);
    expect(reopened.record.state).toBe('succeeded');
    expect(reopened.record.jobs).toEqual(record.jobs);
    expect(reopened.record.workflow.dir).toBe(workflowDir);

    const runs = await listRuns(root);
    expect(runs.map((run) => run.dir)).toEqual([started.run.dir]);
    expect(path.basename(started.run.dir)).toMatch(/^local-diamond-\d{8}T\d{6}Z$/);
  });

  it('feeds stdin from its LFN and writes stdout to its LFN', async () => {
    const bundle = diamondBundle();
    // analyze reads f.c1 on stdin through `cat` and writes its stdout to f.d
    bundle.workflow.jobs[3] = {
      type: 'job',
      id: 'analyze',
      name: 'cat',
      arguments: ['-n'],
      uses: [
        { lfn: 'f.c1', type: 'input' },
        { lfn: 'f.d', type: 'output', stageOut: true },
      ],
      stdin: 'f.c1',
      stdout: 'f.d',
    };
    bundle.catalogs.transformations!.transformations.push({ name: 'cat', sites: [{ name: 'local', pfn: '/bin/cat', type: 'installed' }] });
    const started = await startLocalRun(bundle, { workflowDir, runsRoot: root });
    if (!started.ok) throw new Error(JSON.stringify(started.diagnostics));
    const record = await started.run.done;
    expect(record.state).toBe('succeeded');
    const c1 = await readFile(path.join(started.run.scratch, 'f.c1'), 'utf8');
    const d = await readFile(path.join(started.run.outputs, 'f.d'), 'utf8');
    expect(d.split('\n').length).toBe(c1.split('\n').length);
    expect(d).toContain('     1\t     1\tpreprocess[hello]: alpha');
    expect(record.jobs[3]!.attempts[0]!.stdout).toBe('scratch/f.d');
  });

  it('fails a job whose declared output is not produced, and never starts its children', async () => {
    const bundle = diamondBundle();
    bundle.workflow.jobs[1]!.uses.push({ lfn: 'f.never', type: 'output' });
    const started = await startLocalRun(bundle, { workflowDir, runsRoot: root, defaultRetries: 0 });
    if (!started.ok) throw new Error(JSON.stringify(started.diagnostics));
    const record = await started.run.done;
    expect(record.state).toBe('failed');
    const byId = Object.fromEntries(record.jobs.map((job) => [job.id, job]));
    expect(byId.findrange_1!.state).toBe('failed');
    expect(byId.findrange_1!.attempts[0]!.error).toBe("output 'f.never' was not produced");
    expect(byId.findrange_2!.state).toBe('succeeded');
    expect(byId.analyze!.state).toBe('unready');
    expect(byId.analyze!.attempts).toEqual([]);
  });
});

describe('env profiles', () => {
  it('merges them transformation over site local over job, as pegasus-plan does', async () => {
    const siteWins = diamondBundle();
    siteWins.catalogs.sites = { sites: [{ name: 'local', profiles: { env: { GREETING: 'site' } } }] };
    const tcWins = diamondBundle();
    tcWins.catalogs.sites = siteWins.catalogs.sites;
    tcWins.catalogs.transformations!.transformations[0]!.profiles = { env: { GREETING: 'transformation' } };
    const seen: string[] = [];
    for (const bundle of [siteWins, tcWins]) {
      const started = await startLocalRun(bundle, { workflowDir, runsRoot: root });
      if (!started.ok) throw new Error(JSON.stringify(started.diagnostics));
      await started.run.done;
      seen.push((await readFile(path.join(started.run.scratch, 'f.b1'), 'utf8')).split('\n')[0]!);
    }
    expect(seen).toEqual(['preprocess[site]: alpha', 'preprocess[transformation]: alpha']);
  });
});

describe('cancel', () => {
  it('starts nothing when a listener cancels on the first job start', async () => {
    const started = await startLocalRun(diamondBundle(), { workflowDir, runsRoot: root });
    if (!started.ok) throw new Error(JSON.stringify(started.diagnostics));
    started.run.on('job', (event) => {
      if (event.state === 'running') void started.run.cancel();
    });
    const record = await started.run.done;
    expect(record.state).toBe('cancelled');
    expect(record.jobs.map((job) => job.state)).toEqual(['cancelled', 'unready', 'unready', 'unready']);
    expect(record.jobs[0]!.attempts.map((a) => a.error)).toEqual(['cancelled before it started']);
    // preprocess.sh never ran: its log is absent or empty.
    const log = await readFile(path.join(started.run.dir, record.jobs[0]!.attempts[0]!.stdout), 'utf8').catch(() => '');
    expect(log).toBe('');
  });
});

describe('cancel before the first job', () => {
  it('ends cancelled with every job unready when cancelled right after it was started', async () => {
    const started = await startLocalRun(diamondBundle(), { workflowDir, runsRoot: root });
    if (!started.ok) throw new Error(JSON.stringify(started.diagnostics));
    const record = await started.run.cancel();
    expect(record.state).toBe('cancelled');
    expect(record.jobs.map((job) => [job.state, job.attempts.length])).toEqual(Array.from({ length: 4 }, () => ['unready', 0]));
    expect((await openRun(started.run.dir)).record.state).toBe('cancelled');
  });
});

describe('job logs', () => {
  it('reads the end of a job log and refuses paths outside the run folder', async () => {
    const { readJobLog } = await import('../../../src/main/services/executor/job-logs');
    const started = await startLocalRun(diamondBundle(), { workflowDir, runsRoot: root });
    if (!started.ok) throw new Error(JSON.stringify(started.diagnostics));
    const record = await started.run.done;
    const whole = await readJobLog(started.run.dir, record, 'preprocess', 'stdout');
    expect(whole).toMatchObject({ text: 'preprocess read 3 lines\n', size: 24, truncated: false });
    const tail = await readJobLog(started.run.dir, record, 'preprocess', 'stdout', { maxBytes: 8 });
    expect(tail).toMatchObject({ text: '3 lines\n', truncated: true });
    record.jobs[0]!.attempts[0]!.stdout = '../../../etc/passwd';
    await expect(readJobLog(started.run.dir, record, 'preprocess', 'stdout')).rejects.toMatchObject({ code: 'PC522' });
    await expect(readJobLog(started.run.dir, record, 'nope', 'stdout')).rejects.toThrow("has no job 'nope'");
  });
});

describe('arguments', () => {
  it('joins them with spaces and splits on white space, as the planner and worker do, without a shell', async () => {
    const { spawn } = await import('node:child_process');
    const seen: string[][] = [];
    const recordingSpawn: typeof spawn = ((command: string, args: readonly string[], options: object) => {
      seen.push([command, ...args]);
      return spawn(command, args, options);
    }) as typeof spawn;
    const printf = ['/usr/bin/printf', '/bin/printf'].find((file) => existsSync(file))!;
    const bundle: WorkflowBundle = {
      workflow: {
        pegasus: '5.0.4',
        name: 'args',
        jobs: [{ type: 'job', id: 'p', name: 'printf', arguments: ['[%s]', '-t 12', { kind: 'number', text: '1.0' }, '$HOME', '*'], uses: [{ lfn: 'out.txt', type: 'output' }], stdout: 'out.txt' }],
        dependencies: [],
      },
      catalogs: { transformations: { transformations: [{ name: 'printf', sites: [{ name: 'local', pfn: printf, type: 'installed' }] }] } },
    };
    const started = await startLocalRun(bundle, { workflowDir, runsRoot: root, spawn: recordingSpawn });
    if (!started.ok) throw new Error(JSON.stringify(started.diagnostics));
    expect((await started.run.done).state).toBe('succeeded');
    expect(seen).toEqual([[printf, '[%s]', '-t', '12', '1.0', '$HOME', '*']]);
    expect(await readFile(path.join(started.run.scratch, 'out.txt'), 'utf8')).toBe('[-t][12][1.0][$HOME][*]');
  });
});
