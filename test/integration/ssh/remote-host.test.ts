import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RemoteHost } from '../../../src/main/services/ssh';
import { startSshd, type SshdServer } from '../support/sshd';
import { remoteHostFor } from '../support/remote';

describe('RemoteHost against a real OpenSSH server', () => {
  let server: SshdServer;
  let remote: RemoteHost;
  let local: string;

  beforeAll(async () => {
    server = await startSshd();
    remote = remoteHostFor(server);
    local = await mkdtemp(join(tmpdir(), 'pcanvas-local-'));
  });

  afterAll(async () => {
    remote?.close();
    await server?.dispose();
    await rm(local, { recursive: true, force: true });
  });

  it('runs a command in the account home and returns its exit code and output', async () => {
    const states: string[] = [];
    remote.onStateChange((state) => states.push(state));
    const result = await remote.exec(['sh', '-c', 'pwd; echo oops >&2; exit 3']);
    expect(result).toEqual({ exitCode: 3, stdout: `${server.homeDir}\n`, stderr: 'oops\n' });
    expect(states).toEqual(['connecting', 'authenticating', 'ready']);
  });

  it('reports a command killed by a signal with exit code -1 and the signal name', async () => {
    const result = await remote.exec(['sh', '-c', 'echo before; kill -TERM $$']);
    expect(result).toMatchObject({ exitCode: -1, signal: 'SIGTERM', stdout: 'before\n' });
  });

  it('runs in cwd, feeds stdin and streams stdout chunks', async () => {
    await remote.sftp.mkdirp(`${server.homeDir}/runs/it's here`);
    const chunks: string[] = [];
    const result = await remote.exec(['sh', '-c', 'pwd; cat'], { cwd: `${server.homeDir}/runs/it's here`, stdin: 'line one\nline two\n', onData: (c) => chunks.push(c) });
    expect(result.stdout).toBe(`${server.homeDir}/runs/it's here\nline one\nline two\n`);
    expect(chunks.join('')).toBe(result.stdout);
  });

  it('does not run the command when cwd cannot be entered', async () => {
    const result = await remote.exec(['touch', 'should-not-exist'], { cwd: '/nonexistent/dir' });
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toMatch(/nonexistent/);
    expect(await remote.sftp.stat(`${server.homeDir}/should-not-exist`)).toBeUndefined();
  });

  it('cancels a running command when its AbortSignal fires', async () => {
    const controller = new AbortController();
    const running = remote.exec(['sleep', '30'], { signal: controller.signal, onData: () => undefined });
    setTimeout(() => controller.abort(), 300);
    await expect(running).rejects.toMatchObject({ code: 'ABORTED' });
    expect((await remote.exec(['echo', 'still usable'])).stdout).toBe('still usable\n');
  });

  it('gives up on a command that outlives timeoutMs with TIMEOUT; its slot is freed when the remote command ends', async () => {
    const before = remote.channels.inUse;
    await expect(remote.exec(['sleep', '2'], { timeoutMs: 300 })).rejects.toMatchObject({ code: 'TIMEOUT' });
    // The server keeps the session (and counts it against MaxSessions) until the process ends.
    expect((await remote.exec(['echo', 'meanwhile'])).stdout).toBe('meanwhile\n');
    await expect.poll(() => remote.channels.inUse, { timeout: 15_000 }).toBe(before);
  });

  it('refuses a NUL byte in an argument with BAD_ARGUMENT', async () => {
    await expect(remote.exec(['echo', 'a\u0000b'])).rejects.toMatchObject({ code: 'BAD_ARGUMENT', message: expect.stringMatching(/argument 1.*NUL/) });
  });

  it('uploads through .part + rename, and the remote sha256 matches', async () => {
    const data = randomBytes(300_000);
    const file = join(local, 'input.bin');
    await writeFile(file, data);
    const target = `${server.homeDir}/runs/input.bin`;
    await remote.sftp.upload(file, target);
    expect(await remote.sftp.stat(`${target}.part`)).toBeUndefined();
    expect((await remote.sftp.stat(target))?.size).toBe(data.length);
    const sums = await remote.sftp.sha256([target, `${server.homeDir}/missing`]);
    expect(sums.get(target)).toBe(createHash('sha256').update(data).digest('hex'));
    expect(sums.has(`${server.homeDir}/missing`)).toBe(false);
  });

  it('an upload that fails on the way reports SFTP_FAILED naming the file and leaves no .part', async () => {
    const target = `${server.homeDir}/runs/never.bin`;
    const error = await remote.sftp.upload(join(local, 'does-not-exist.bin'), target).catch((e: unknown) => e as Error);
    expect(error).toMatchObject({ code: 'SFTP_FAILED', message: expect.stringContaining('does-not-exist.bin') });
    expect(await remote.sftp.stat(`${target}.part`)).toBeUndefined();
    expect(await remote.sftp.stat(target)).toBeUndefined();
  });

  it('takes a per-host algorithm override (the Electron cipher list) and explains an impossible one', async () => {
    const electronSafe = remoteHostFor(server, { algorithms: { cipher: ['aes128-gcm@openssh.com', 'aes256-gcm@openssh.com', 'aes128-ctr', 'aes256-ctr'] } });
    expect((await electronSafe.exec(['echo', 'aes'])).stdout).toBe('aes\n');
    electronSafe.close();
    const impossible = remoteHostFor(server, { algorithms: { cipher: ['3des-cbc'] } });
    await expect(impossible.connect()).rejects.toMatchObject({ code: 'CONNECT_FAILED', message: expect.stringMatching(/cipher|algorithm/i) });
    impossible.close();
  });

  it('writes atomically, reads back, downloads and overwrites', async () => {
    const target = `${server.homeDir}/runs/notes.txt`;
    await remote.sftp.writeFile(target, 'first\n');
    await remote.sftp.writeFile(target, 'second\n');
    expect((await remote.sftp.readFile(target)).toString()).toBe('second\n');
    const copy = join(local, 'notes.txt');
    await remote.sftp.download(target, copy);
    expect(await readFile(copy, 'utf8')).toBe('second\n');
    const stat = await remote.sftp.stat(`${server.homeDir}/runs`);
    expect(stat?.isDirectory).toBe(true);
  });

  it('reuses one connection for everything (no new login in the server log)', async () => {
    const logins = async (): Promise<number> => ((await server.log()).match(/Accepted publickey/g) ?? []).length;
    const before = await logins();
    await Promise.all([remote.exec(['true']), remote.sftp.stat(server.homeDir), remote.exec(['true']), remote.sftp.readFile(`${server.homeDir}/.bashrc`)]);
    expect(await logins()).toBe(before);
  });

  it('talks to an interactive command on a pseudo-terminal', async () => {
    const session = await remote.openShellCommand(['bash', '-c', 'if [ -t 0 ]; then echo tty; fi; read -p "Name? " name; echo "hello $name"; exit 7']);
    let seen = '';
    session.onData((chunk) => {
      seen += chunk;
      if (seen.includes('Name? ') && !seen.includes('answered')) {
        seen += '(answered)';
        session.write('Ada\n');
      }
    });
    const exit = await session.exited;
    expect(exit.exitCode).toBe(7);
    expect(seen).toMatch(/^tty\r?\n/);
    expect(seen).toContain('hello Ada');
  });
});
