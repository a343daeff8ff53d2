// The sshd harness itself: what other test suites rely on.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshd, type SshdServer } from '../support/sshd';
import { remoteHostFor } from '../support/remote';

const execFileP = promisify(execFile);

async function processesWithHome(home: string): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const environ = await readFile(`/proc/${entry}/environ`, 'latin1').catch(() => '');
    if (environ.split('\0').includes(`HOME=${home}`)) found.push(Number(entry));
  }
  return found;
}

describe('startSshd', () => {
  let server: SshdServer;
  let bin: string;

  beforeAll(async () => {
    bin = await mkdtemp(join(tmpdir(), 'pcanvas-bin-'));
    await chmod(bin, 0o755);
    await writeFile(join(bin, 'pegasus-version'), '#!/bin/sh\necho "5.0.9 (stand-in) $GREETING"\n', { mode: 0o755 });
    server = await startSshd({ pathPrepend: [bin], env: { GREETING: 'hello' } });
  });
  afterAll(async () => {
    await server?.dispose();
    await rm(bin, { recursive: true, force: true });
  });

  it('puts the given directories first on PATH and sets the environment, for non-interactive commands', async () => {
    const remote = remoteHostFor(server);
    const result = await remote.exec(['pegasus-version']);
    expect(result.stdout).toBe('5.0.9 (stand-in) hello\n');
    const env = await remote.exec(['sh', '-c', 'echo "$HOME|$PATH"; id -un']);
    expect(env.stdout).toBe(`${server.homeDir}|${bin}:/usr/local/bin:/usr/bin:/bin\n${server.user}\n`);
    remote.close();
  });

  it('gives a pseudo-terminal when asked', async () => {
    const remote = remoteHostFor(server);
    const result = await remote.exec(['sh', '-c', 'tty'], { pty: true });
    expect(result.stdout).toMatch(/^\/dev\/pts\/\d+\r?\n$/);
    remote.close();
  });

  it('the home is private to this server and writable by the account', async () => {
    const other = await startSshd();
    try {
      expect(other.homeDir).not.toBe(server.homeDir);
      const remote = remoteHostFor(other);
      await remote.sftp.mkdirp(`${other.homeDir}/runs/a`);
      await remote.sftp.writeFile(`${other.homeDir}/runs/a/f`, 'x');
      expect(await readFile(join(other.homeDir, 'runs', 'a', 'f'), 'utf8')).toBe('x');
      remote.close();
    } finally {
      await other.dispose();
    }
  });

  it('stop() ends every session process, including background ones; restart() serves again on the same port', async () => {
    const remote = remoteHostFor(server, { reconnect: { enabled: false } });
    await remote.exec(['sh', '-c', 'sleep 300 >/dev/null 2>&1 & echo started']);
    expect((await processesWithHome(server.homeDir)).length).toBeGreaterThan(0);
    const port = server.port;
    await server.stop();
    expect(await processesWithHome(server.homeDir)).toEqual([]);
    remote.close();
    await server.restart();
    expect(server.port).toBe(port);
    const again = remoteHostFor(server);
    expect((await again.exec(['echo', 'ok'])).stdout).toBe('ok\n');
    again.close();
  });

  it("OpenSSH's own client trusts knownHostsPath, logs in with clientKeyPath and is refused with unauthorizedKeyPath", async () => {
    const ssh = (key: string): Promise<string> =>
      execFileP('ssh', ['-p', String(server.port), '-i', key, '-o', `UserKnownHostsFile=${server.knownHostsPath}`, '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes', '-o', 'IdentitiesOnly=yes', `${server.user}@127.0.0.1`, 'echo ok']).then(
        (r) => r.stdout,
        (e: { stderr: string }) => e.stderr,
      );
    expect(await ssh(server.clientKeyPath)).toBe('ok\n');
    expect(await ssh(server.unauthorizedKeyPath)).toMatch(/Permission denied/);
    expect(server.hostKeyFingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });
});
