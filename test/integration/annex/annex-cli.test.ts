import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, sharedPath } from '../../support/shared-path';
import { remoteHostFor } from '../support/remote';
import { accessHostBinDir, startSshd, type SshdServer } from '../support/sshd';

let server: SshdServer;
let home: string;

/** Runs the CLI as a user would, with a HOME holding the host's key in known_hosts. */
function cli(args: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), path.join(repoRoot, 'src/main/cli.ts'), ...args], {
      cwd: home,
      env: { ...process.env, HOME: home, SSH_AUTH_SOCK: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

function connection(): string[] {
  return ['--host', server.host, '--port', String(server.port), '--user', server.user, '--identity', server.clientKeyPath];
}

beforeAll(async () => {
  server = await startSshd({ pathPrepend: [accessHostBinDir()], env: { ANNEX_INITIAL_CONNECTION_TIMEOUT: '20' } });
  home = await mkdtemp(path.join(tmpdir(), 'pcanvas-cli-home-'));
  await mkdir(path.join(home, '.ssh'), { mode: 0o700 });
  await writeFile(path.join(home, '.ssh', 'known_hosts'), `${server.knownHostsLine}\n`);
  const host = remoteHostFor(server);
  await host.connect();
  await host.exec(['sh', '-c', 'mkdir -p .stand-in .condor && cat > .stand-in/jobs && printf "%s\\n" tok.en.value > .condor/pilot.token'], { stdin: `7 0 1 ${server.user}\n` });
  host.close();
});

afterAll(async () => {
  await server?.dispose();
  if (home) await rm(home, { recursive: true, force: true });
});

describe('pegasus-canvas annex and jetstream', () => {
  it('prints the bundled systems offline', async () => {
    const result = await cli(['annex', 'systems']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('expanse (Expanse), needs --project');
    expect(result.stdout).toContain('    compute (default): whole nodes, up to 32 nodes, up to 48 h, 128 cores/node, 262144 MB/node');
  });

  it("refuses an invalid request with the tool's message, before connecting", async () => {
    const result = await cli(['annex', 'create', '--host', 'unreachable.invalid', '--cpus', '8', 'alice', 'compute@expanse']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe("The 'compute' queue is a whole-node queue.  You can't specify CPUs (--cpus) or memory (--mem_mb).");
  });

  it('creates an annex, answering the passphrase and the Duo menu on standard input', async () => {
    const result = await cli(['annex', 'create', ...connection(), '--project', 'abc123', server.user, 'compute@expanse'], 'annex-passphrase\n1\n');
    expect(result.stderr).toContain("Enter passphrase for key '");
    expect(result.stderr).toContain('Passcode or option (1-2):');
    expect(result.stdout).toContain('Thank you.');
    expect(result.stdout).toContain('... requested.');
    expect(result.stdout + result.stderr).not.toContain('annex-passphrase');
    expect(result.code).toBe(0);

    const status = await cli(['annex', 'status', ...connection()]);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`${server.user}: not established`);
  });

  it('makes a boot script with the credentials read on the host', async () => {
    const out = path.join(home, 'boot.txt');
    const result = await cli(['jetstream', 'bootscript', ...connection(), '--in', sharedPath('annex', 'exosphere-boot-script.yml'), '-o', out]);
    expect(result.code).toBe(0);
    expect(await readFile(out, 'utf8')).toContain(`bootcmd:\n  - /opt/ACCESS-Pegasus-Jetstream2/bin/vm-conf ${server.user} tok.en.value\nruncmd:`);
    expect(result.stderr).toContain('shuts itself down after 30 minutes');
  });

  it('says what is wrong with a file that is not a boot script', async () => {
    await writeFile(path.join(home, 'notes.txt'), 'hello\n');
    await writeFile(path.join(home, 'token'), 'abc.def\n');
    const result = await cli(['jetstream', 'bootscript', '--in', 'notes.txt', '--user', 'alice', '--token-file', 'token']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('neither a cloud-config document');
  });
});
