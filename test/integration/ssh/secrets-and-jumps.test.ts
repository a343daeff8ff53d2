// Secrets never reach the log; ProxyJump through a first connection; keep-alives detect a
// host that stops answering.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionState, SshLogger } from '../../../src/main/services/ssh';
import { RemoteHost } from '../../../src/main/services/ssh';
import { startKbdServer } from '../support/kbd-server';
import { startSshd, type SshdServer } from '../support/sshd';
import { remoteHostFor } from '../support/remote';

function capturingLogger(): { logger: SshLogger; text: () => string } {
  const lines: string[] = [];
  const record = (level: string) => (message: string, fields?: Record<string, unknown>) => lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  return { logger: { debug: record('debug'), info: record('info'), warn: record('warn') }, text: () => lines.join('\n') };
}

describe('secrets, jumps and keep-alives (real sshd)', () => {
  let server: SshdServer;
  let dir: string;

  beforeAll(async () => {
    server = await startSshd();
    dir = await mkdtemp(join(tmpdir(), 'pcanvas-secrets-'));
  });
  afterAll(async () => {
    await server?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('never logs a passphrase, a password or a one-time code, even after wrong tries', async () => {
    const capture = capturingLogger();
    const wrongPassphrase = 'wrong-Passphrase-7781';
    let tries = 0;
    const remote = remoteHostFor(server, {
      identityFiles: [server.encryptedClientKeyPath],
      logger: capture.logger,
      prompts: { passphrase: async () => (++tries === 1 ? wrongPassphrase : server.clientKeyPassphrase) },
    });
    await remote.exec(['true']);
    remote.close();

    const password = 'Pass-word-secret-9932';
    const otp = '918273';
    const kbd = await startKbdServer({
      dir,
      password,
      rounds: [{ prompts: [{ prompt: 'Passcode: ', echo: false }], accept: (answers) => answers[0] === otp }],
    });
    const failing = new RemoteHost({
      host: kbd.host,
      port: kbd.port,
      username: 'sci',
      agent: null,
      knownHostsFile: kbd.knownHostsPath,
      logger: capture.logger,
      prompts: { keyboardInteractive: async () => ['000000'], password: async () => 'not-it-but-secret-4411' },
    });
    const error = await failing.connect().then(
      () => new Error('connected although every answer was wrong'),
      (e: unknown) => e as Error,
    );
    expect(error).toMatchObject({ code: 'AUTH_FAILED' });
    failing.close();
    const passing = new RemoteHost({
      host: kbd.host,
      port: kbd.port,
      username: 'sci',
      agent: null,
      knownHostsFile: kbd.knownHostsPath,
      logger: capture.logger,
      prompts: { keyboardInteractive: async () => [otp] },
    });
    await passing.exec(['true']);
    passing.close();
    await kbd.close();

    const everything = `${capture.text()}\n${error.message}\n${String(error.stack)}`;
    expect(capture.text()).toContain('ssh connected');
    for (const secret of [server.clientKeyPassphrase, wrongPassphrase, password, 'not-it-but-secret-4411', otp, '000000']) {
      expect(everything).not.toContain(secret);
    }
  });

  it('connects through a ProxyJump host (the jump host forwards to the target)', async () => {
    const target = await startSshd();
    const loginsAtJump = async (): Promise<number> => ((await server.log()).match(/Accepted publickey/g) ?? []).length;
    const before = await loginsAtJump();
    try {
      const remote = new RemoteHost({
        host: '127.0.0.1',
        port: target.port,
        username: target.user,
        identityFiles: [target.clientKeyPath],
        agent: null,
        knownHostsFile: join(dir, 'kh-jump'),
        extraKnownHostsFiles: [server.knownHostsPath, target.knownHostsPath],
        proxyJump: [{ host: '127.0.0.1', port: server.port, username: server.user, identityFiles: [server.clientKeyPath] }],
      });
      const result = await remote.exec(['sh', '-c', 'echo "$HOME"']);
      expect(result.stdout).toBe(`${target.homeDir}\n`);
      remote.close();
      // One login at the jump host, one at the target.
      expect(await loginsAtJump()).toBe(before + 1);
      expect((await target.log()).match(/Accepted publickey/g)).toHaveLength(1);
    } finally {
      await target.dispose();
    }
  });

  it('keep-alives notice a host that stops answering, and the connection comes back when it answers again', async () => {
    const remote = remoteHostFor(server, { keepaliveInterval: 250, keepaliveCountMax: 2 });
    await remote.connect();
    const seen: ConnectionState[] = [];
    const lost = new Promise<string | undefined>((resolve) =>
      remote.onStateChange((state, error) => {
        seen.push(state);
        if (state === 'lost' && seen.filter((s) => s === 'lost').length === 1) resolve(error?.message);
      }),
    );
    await server.pause();
    try {
      expect(await lost).toMatch(/Keepalive timeout/i);
    } finally {
      await server.resume();
    }
    expect((await remote.exec(['echo', 'back'])).stdout).toBe('back\n');
    expect(seen).toContain('reconnecting');
    remote.close();
  });
});
