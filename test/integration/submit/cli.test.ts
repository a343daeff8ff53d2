// The submit, status, analyze, remove, rerun and fetch commands against the real sshd with the
// stand-in Pegasus tools, run as the CLI runs them (main() with a CliIo).
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/main/cli';
import type { CliIo } from '../../../src/main/cli/command';
import { accessHostBinDir, startSshd, type SshdServer } from '../support/sshd';
import { RunStore } from '../../../src/main/services/submit/run-store';
import { submitWorkflow } from '../../../src/main/services/submit/submit-run';
import { remoteHostFor } from '../support/remote';
import { diamondCopy } from './access-host';

describe('submission commands (real sshd)', () => {
  let server: SshdServer;
  let local: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    server = await startSshd({ pathPrepend: [accessHostBinDir()] });
    local = await mkdtemp(path.join(tmpdir(), 'pcanvas-submit-cli-'));
    const home = path.join(local, 'home');
    await mkdir(path.join(home, '.ssh'), { recursive: true });
    await writeFile(path.join(home, '.ssh', 'known_hosts'), `${server.knownHostsLine}\n`);
    env = { PATH: process.env.PATH, HOME: home, PEGASUS_CANVAS_RUNS: path.join(local, 'runs') };
  });
  afterAll(async () => {
    await server?.dispose();
    await rm(local, { recursive: true, force: true });
  });

  async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const io: CliIo = { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), cwd: local, env, signal: new AbortController().signal };
    const code = await main(argv, io);
    return { code, stdout, stderr };
  }

  const connection = (): string[] => ['--host', server.host, '--port', String(server.port), '--user', server.user, '--identity', server.clientKeyPath];

  it('submit --watch runs the diamond to success; status and fetch work from the run id', async () => {
    const { workflow } = await diamondCopy(path.join(local, 'ok'), 'diamond-bare');
    const submitted = await cli('submit', workflow, ...connection(), '--sites', 'condorpool', '--cleanup', 'leaf', '--watch', '--interval', '0.05');
    expect(submitted.stderr).toContain('Uploading the run folder...');
    expect(submitted.code).toBe(0);
    const id = /as run (\S+)/.exec(submitted.stdout)?.[1];
    expect(id).toMatch(/^diamond-bare-\d{8}T\d{6}Z-[0-9a-f]{6}$/);
    expect(submitted.stdout).toMatch(/diamond-bare \(.+\): succeeded, 100% done — 7\/7 done/);
    expect(submitted.stdout).toMatch(/^ {2}analyze +succeeded +analyze_analyze, \d+ s$/m);

    const status = await cli('status', id!, '--statistics');
    expect(status.code).toBe(0);
    expect(status.stdout.split('\n')[0]).toMatch(/succeeded, 100% done/);
    expect(status.stdout).toMatch(/^Jobs +7 +0 +0 +7 +0$/m);
    expect(status.stdout).toContain('Workflow wall time: 1 min, 56 secs');
    expect(status.stdout).toMatch(/^ {2}analyze +#{40} 10$/m);

    const fetched = await cli('fetch', id!, '-o', 'downloads');
    expect(fetched.code).toBe(0);
    expect(fetched.stdout.trim().split('\n').map((line) => path.basename(line))).toEqual(['f.b1', 'f.b2', 'f.c1', 'f.c2', 'f.d']);
    expect(await readFile(path.join(local, 'downloads', 'f.c2'), 'utf8')).toContain('written by job findrange_2');
  });

  it('a failed run: status exits 1, analyze shows the failed job with its exit code and stderr, rerun --watch succeeds', async () => {
    const { workflow } = await diamondCopy(path.join(local, 'fail'), 'diamond-fail');
    const submitted = await cli('submit', workflow, ...connection(), '--sites', 'condorpool', '--watch', '--interval', '0.05');
    expect(submitted.code).toBe(1);
    const id = /as run (\S+)/.exec(submitted.stdout)?.[1] ?? '(no run id printed)';
    expect(submitted.stdout).toMatch(/^ {2}analyze +failed +analyze_analyze, \d+ s, exit 2$/m);

    const status = await cli('status', id);
    expect(status.code).toBe(1);
    expect(status.stdout).toContain(`Run 'pegasus-canvas analyze ${id}' to see why.`);

    const analysis = await cli('analyze', id);
    expect(analysis.code).toBe(1);
    expect(analysis.stdout).toContain('diamond-fail: failure — 7 jobs, 4 succeeded, 1 failed, 0 held, 2 unsubmitted');
    expect(analysis.stdout).toContain('FAILED  analyze (analyze_analyze)');
    expect(analysis.stdout).toContain('    last state: POST_SCRIPT_FAILURE');
    expect(analysis.stdout).toContain('    exit code:  2');
    expect(analysis.stdout).toContain("    stderr:\n      /bin/ls: invalid option -- 'z'\n      Try '/bin/ls --help' for more information.");

    const removed = await cli('remove', id);
    expect(removed.code).toBe(1);
    expect(removed.stderr).toContain('pegasus-canvas remove: pegasus-remove: condor_rm failed (exit 42)');

    const rerun = await cli('rerun', id, '--watch', '--interval', '0.05');
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain('Resubmitted run');
    expect(rerun.stdout).toMatch(/^ {2}analyze +succeeded +analyze_analyze, \d+ s, try 2$/m);
  });

  it('says what is wrong with a bad option, an unknown run, or garbage from the host', async () => {
    const { workflow } = await diamondCopy(path.join(local, 'garbage'), 'diamond-garbage');
    const bad = await cli('submit', workflow, ...connection(), '--cleanup', 'sometimes');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--cleanup wants none, leaf, inplace, constraint, not 'sometimes'");

    const unknown = await cli('status', 'no-such-run');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("no run 'no-such-run'");

    const submitted = await cli('submit', workflow, ...connection(), '--sites', 'condorpool');
    expect(submitted.code).toBe(0);
    const id = /as run (\S+)/.exec(submitted.stdout)?.[1] ?? '(no run id printed)';
    const status = await cli('status', id);
    expect(status.code).toBe(1);
    expect(status.stderr).toMatch(/^pegasus-canvas status: pegasus-status: expected the JSON object pegasus-status -j prints/);
  });

  it('rerun carries on a submission that stopped mid-upload, sending only what is missing', async () => {
    const { workflow } = await diamondCopy(path.join(local, 'cut'), 'diamond-cut');
    const remote = remoteHostFor(server);
    const store = new RunStore(env.PEGASUS_CANVAS_RUNS!);
    let id = '';
    try {
      // The app dies after two files arrived.
      await expect(
        submitWorkflow(
          { workflowFile: workflow, planOptions: { sites: ['condorpool'] }, host: { host: server.host, port: server.port, user: server.user, identity: server.clientKeyPath } },
          {
            host: remote,
            store,
            onStep: (_step, record) => (id = record.id),
            uploadHooks: {
              onFileSent: (_file, index) => {
                if (index === 1) throw new Error('the app was closed');
              },
            },
          },
        ),
      ).rejects.toThrow('the app was closed');
    } finally {
      remote.close();
    }
    const status = await cli('status', id);
    expect(status.code).toBe(1);
    expect(status.stderr).toContain('has no submit directory yet (stage: upload)');
    const carried = await cli('rerun', id, '--watch', '--interval', '0.05');
    expect(carried.stdout).toContain(`Carried on the submission of run ${id} (3 file(s) sent, 2 already there)`);
    expect(carried.stdout).toMatch(/diamond-cut \(.+\): succeeded, 100% done/);
    expect(carried.code).toBe(0);
  });
});
