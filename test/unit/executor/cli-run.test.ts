import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/main/cli';
import { openRun } from '../../../src/main/services/executor/run-store';
import { sharedPath } from '../../support/shared-path';
import { waitGone } from './process-check';
import { fixturesDir } from './workflows';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'pc-cli-run-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function cli(args: string[], env: NodeJS.ProcessEnv = {}, onStdout: (text: string) => void = () => undefined, signal = new AbortController().signal) {
  let stdout = '';
  let stderr = '';
  const code = await main(['run', ...args], {
    stdout: (text) => {
      stdout += text;
      onStdout(text);
    },
    stderr: (text) => (stderr += text),
    cwd: root,
    env: { PATH: process.env.PATH, ...env },
    signal,
  });
  return { code, stdout, stderr };
}

async function bothSleeping(counters: string): Promise<void> {
  const files = ['work_1.pids', 'work_2.pids'].map((name) => path.join(counters, name));
  while (!(await Promise.all(files.map((file) => readFile(file, 'utf8').then((text) => text.includes(' '), () => false)))).every(Boolean)) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('pegasus-canvas run', () => {
  it('runs the diamond from its YAML, printing a line per job, exit 0', async () => {
    const runDir = path.join(root, 'run1');
    const { code, stdout } = await cli([path.join(fixturesDir, 'diamond', 'workflow.yml'), '--jobs', '2', '--run-dir', 'run1']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe(`running local-diamond (4 jobs) in ${runDir}`);
    expect(lines.slice(1, -1).map((line) => line.replace(/^\d\d:\d\d:\d\d /, ''))).toEqual(
      expect.arrayContaining(['[0/4] preprocess started', '[1/4] preprocess succeeded', '[4/4] analyze succeeded']),
    );
    expect(lines.at(-1)).toBe('run succeeded: 4/4 done (4 jobs)');
    expect((await openRun(runDir)).record.options.slots).toBe(2);
    expect(await readFile(path.join(runDir, 'outputs', 'f.d'), 'utf8')).toContain('analyzed 8 lines');
  });

  it('exits 1 when a job fails, says where its log is, and --resume finishes without rerunning what succeeded', async () => {
    const file = path.join(fixturesDir, 'gate', 'workflow.yml');
    const env = { GATE_OPEN: path.join(root, 'open'), STAMP_COUNT: path.join(root, 'stamps') };
    const runDir = path.join(root, 'gate-run');
    const failed = await cli([file, '--run-dir', runDir], env);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/\] gate FAILED \(exit 1\)\n/);
    expect(failed.stdout).toContain('run failed: 1/2 done, 1 failed (2 jobs)\n');
    expect(failed.stdout).toContain(`  gate: exit 1, see ${path.join(runDir, 'logs', 'gate.err.000')}\n`);
    expect(failed.stdout).toContain(`resume with: pegasus-canvas run ${file} --resume ${runDir}\n`);
    expect(await readFile(path.join(runDir, 'logs', 'gate.err.000'), 'utf8')).toBe(`gate closed: ${env.GATE_OPEN} does not exist\n`);

    await writeFile(env.GATE_OPEN, '');
    const resumed = await cli(['--resume', runDir], env);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout.split('\n')[0]).toBe(`resuming gate (2 jobs) in ${runDir}`);
    expect(resumed.stdout).not.toContain('stamp started');
    expect(await readFile(env.STAMP_COUNT, 'utf8')).toBe('stamp\n');
    const record = (await openRun(runDir)).record;
    expect([record.state, record.resumes, record.jobs.map((job) => job.attempts.length)]).toEqual(['succeeded', 1, [1, 2]]);
  });

  it('exits 1 and lists the reasons when this machine cannot run the workflow', async () => {
    const { code, stdout, stderr } = await cli([sharedPath('examples', 'diamond.yml')]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toBe('pegasus-canvas run: this machine cannot run diamond.yml:');
    expect(stderr).toContain("  error PC503 [job preprocess]: Job 'preprocess': executable '/usr/bin/pegasus-keg' of 'diamond::preprocess:4.0' does not exist.\n");
  });

  it('cancels on Ctrl+C: running jobs are killed, the run is recorded cancelled, exit 1', async () => {
    const counters = path.join(root, 'counters');
    await mkdir(counters);
    const controller = new AbortController();
    const runDir = path.join(root, 'ctrl-c');
    const { code, stdout } = await cli(
      [path.join(fixturesDir, 'fanout', 'workflow.yml'), '--run-dir', runDir, '--jobs', '2'],
      { COUNTER_DIR: counters, WORK_SLEEP: '30' },
      (text) => {
        // Press Ctrl+C once both running scripts have started their sleep.
        if (text.includes('work_2 started')) void bothSleeping(counters).then(() => controller.abort());
      },
      controller.signal,
    );
    expect(code).toBe(1);
    expect(stdout).toContain('cancelling: stopping running jobs…\n');
    expect(stdout).toMatch(/run cancelled: 1\/6 done, 4 cancelled \(6 jobs\)\n/);
    const record = (await openRun(runDir)).record;
    expect(record.jobs.map((job) => job.state)).toEqual(['succeeded', 'cancelled', 'cancelled', 'cancelled', 'cancelled', 'unready']);
    // work_1 and work_2 were running (sleeping 30 s) and were killed with their children.
    expect(record.jobs.slice(1, 3).map((job) => job.attempts.at(-1)!.signal)).toEqual(['SIGTERM', 'SIGTERM']);
    const pids = (await readFile(path.join(counters, 'work_1.pids'), 'utf8')).trim().split(' ').map(Number);
    expect(await waitGone(pids)).toEqual([]);
  });

  it('takes env.* and dagman.retry from --conf', async () => {
    const conf = path.join(root, 'my.properties');
    await writeFile(path.join(root, 'open'), '');
    await writeFile(conf, `env.GATE_OPEN = ${path.join(root, 'open')}\nenv.STAMP_COUNT = ${path.join(root, 'stamps')}\n`);
    const { code } = await cli([path.join(fixturesDir, 'gate', 'workflow.yml'), '--conf', conf, '--run-dir', 'conf-run']);
    expect(code).toBe(0);
    expect(await readFile(path.join(root, 'stamps'), 'utf8')).toBe('stamp\n');
    const missing = await cli([path.join(fixturesDir, 'gate', 'workflow.yml'), '--conf', path.join(root, 'nope.properties')]);
    expect([missing.code, missing.stderr]).toEqual([2, `pegasus-canvas run: ${path.join(root, 'nope.properties')}: no such file\n`]);
  });

  it('exits 2 on bad usage or an unreadable file', async () => {
    expect((await cli([])).code).toBe(2);
    expect((await cli(['a.yml', '--jobs', '0'])).stderr).toContain("--jobs wants a whole number of at least 1, not '0'");
    expect((await cli(['a.yml', 'b.yml'])).code).toBe(2);
    const missing = await cli([path.join(root, 'nope.yml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.yml');
  });
});
