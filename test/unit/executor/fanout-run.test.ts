import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLocalRun, type LocalRunOptions } from '../../../src/main/services/executor/local-run';
import { openRun } from '../../../src/main/services/executor/run-store';
import { countStates } from '../../../src/shared/run/run-state';
import { waitGone } from './process-check';
import { expectedSum, fanoutBundle, fixturesDir } from './workflows';

let root: string;
let counters: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'pc-fanout-'));
  counters = path.join(root, 'counters');
  await import('node:fs/promises').then((fs) => fs.mkdir(counters));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function options(extra: Partial<LocalRunOptions> = {}, sleep = '0'): LocalRunOptions {
  return {
    workflowDir: path.join(fixturesDir, 'fanout'),
    runsRoot: path.join(root, 'runs'),
    slots: 2,
    baseEnv: { PATH: process.env.PATH, COUNTER_DIR: counters, WORK_SLEEP: sleep },
    ...extra,
  };
}

/** How many times each job started, from the lines its script appended to its counter file. */
async function startsPerJob(): Promise<Map<string, number>> {
  const starts = new Map<string, number>();
  for (const name of await readdir(counters)) {
    if (!name.endsWith('.count')) continue;
    const text = await readFile(path.join(counters, name), 'utf8');
    starts.set(name.slice(0, -'.count'.length), text.split('\n').filter(Boolean).length);
  }
  return starts;
}

describe('local run of a 200-job fan-out/fan-in', () => {
  it('runs every job once, two at a time, and retries the job that fails its first attempt', async () => {
    const started = await startLocalRun(fanoutBundle(200, { flaky: [7], retries: 2 }), options());
    if (!started.ok) throw new Error(JSON.stringify(started.diagnostics));
    let mostRunning = 0;
    started.run.on('progress', (counts) => (mostRunning = Math.max(mostRunning, counts.running)));
    const record = await started.run.done;

    expect(record.state).toBe('succeeded');
    expect(countStates(record.jobs.map((job) => job.state)).succeeded).toBe(200);
    expect(mostRunning).toBe(2);
    expect(Number(await readFile(path.join(started.run.outputs, 'sum.txt'), 'utf8'))).toBe(expectedSum(200));

    const flaky = record.jobs.find((job) => job.id === 'work_7')!;
    expect(flaky.attempts.map((a) => a.exitCode)).toEqual([3, 0]);
    expect(await readFile(path.join(started.run.dir, flaky.attempts[0]!.stderr), 'utf8')).toBe('first attempt of work_7 fails on purpose\n');
    expect(flaky.attempts[1]!.stderr).toBe('logs/work_7.err.001');
    expect(record.jobs.filter((job) => job.attempts.length !== 1).map((job) => job.id)).toEqual(['work_7']);

    const starts = await startsPerJob();
    expect(starts.size).toBe(200);
    expect([...starts].filter(([, n]) => n !== 1)).toEqual([['work_7', 2]]);
  });

  it('fails the run when retries run out, leaving the fan-in unready', async () => {
    const started = await startLocalRun(fanoutBundle(10, { flaky: [3], retries: 0 }), options());
    if (!started.ok) throw new Error(JSON.stringify(started.diagnostics));
    const record = await started.run.done;
    expect(record.state).toBe('failed');
    const states = Object.fromEntries(record.jobs.map((job) => [job.id, job.state]));
    expect(states.work_3).toBe('failed');
    expect(states.merge).toBe('unready');
    expect(countStates(Object.values(states)).succeeded).toBe(8);
  });

  it('cancels in the middle, leaves no process behind, then resumes without re-running done jobs', async () => {
    const bundle = fanoutBundle(200);
    const first = await startLocalRun(bundle, options({ killGraceMs: 1000 }, '0.2'));
    if (!first.ok) throw new Error(JSON.stringify(first.diagnostics));
    let startedWork = 0;
    first.run.on('job', (event) => {
      // A moment after the 8th work job starts, both running jobs are in their sleep.
      if (event.state === 'running' && event.jobId.startsWith('work_') && ++startedWork === 8) setTimeout(() => void first.run.cancel(), 50);
    });
    const cancelled = await first.run.done;

    expect(cancelled.state).toBe('cancelled');
    const counts = countStates(cancelled.jobs.map((job) => job.state));
    expect(counts.running + counts.ready + counts.queued).toBe(0);
    expect(counts.cancelled).toBeGreaterThan(0);
    expect(counts.succeeded).toBeGreaterThanOrEqual(1 + 8 - 2);
    expect(counts.succeeded + counts.cancelled + counts.unready).toBe(200);
    expect(cancelled.jobs.find((job) => job.id === 'merge')!.state).toBe('unready');
    // Jobs that were running were killed by the cancel, not left to finish.
    const stopped = cancelled.jobs.filter((job) => job.state === 'cancelled' && job.attempts.length > 0).map((job) => job.attempts.at(-1)!);
    expect(stopped.length).toBeGreaterThan(0);
    // (A job caught between being taken and its spawn is stopped before it starts.)
    for (const attempt of stopped) expect(attempt.signal === 'SIGTERM' || attempt.error === 'cancelled before it started', JSON.stringify(attempt)).toBe(true);
    expect(stopped.some((attempt) => attempt.signal === 'SIGTERM')).toBe(true);

    // Every shell script and its sleeping child are gone (the process group was killed).
    const pids: number[] = [];
    for (const name of await readdir(counters)) {
      if (name.endsWith('.pids')) pids.push(...(await readFile(path.join(counters, name), 'utf8')).trim().split(' ').map(Number));
    }
    expect(pids.length).toBeGreaterThan(0);
    expect(await waitGone(pids)).toEqual([]);

    // The record on disk says the same after a restart.
    const reopened = await openRun(first.run.dir);
    expect(reopened.record.jobs.map((job) => job.state)).toEqual(cancelled.jobs.map((job) => job.state));
    const doneBefore = cancelled.jobs.filter((job) => job.state === 'succeeded').map((job) => job.id);
    const startsBefore = await startsPerJob();

    const second = await startLocalRun(bundle, options({ resume: first.run.dir }, '0'));
    if (!second.ok) throw new Error(JSON.stringify(second.diagnostics));
    expect(second.run.dir).toBe(first.run.dir);
    const resumed = await second.run.done;

    expect(resumed.state).toBe('succeeded');
    expect(resumed.resumes).toBe(1);
    expect(Number(await readFile(path.join(second.run.outputs, 'sum.txt'), 'utf8'))).toBe(expectedSum(200));
    const startsAfter = await startsPerJob();
    for (const id of doneBefore) expect(startsAfter.get(id), id).toBe(startsBefore.get(id));
    for (const job of resumed.jobs) {
      if (!doneBefore.includes(job.id)) expect(startsAfter.get(job.id), job.id).toBe((startsBefore.get(job.id) ?? 0) + 1);
    }
    expect((await openRun(first.run.dir)).record.state).toBe('succeeded');
  });
});
