// Key files with passphrases and ssh-agent against the real sshd.
import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshd, type SshdServer } from '../support/sshd';
import { remoteHostFor } from '../support/remote';

const execFileP = promisify(execFile);

describe('key authentication (real sshd)', () => {
  let server: SshdServer;

  beforeAll(async () => {
    server = await startSshd();
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('asks for the passphrase of an encrypted key, again after a wrong one, then logs in', async () => {
    const asked: { attempt: number; retry: boolean }[] = [];
    const remote = remoteHostFor(server, {
      identityFiles: [server.encryptedClientKeyPath],
      prompts: {
        passphrase: async ({ keyPath, attempt, retry }) => {
          expect(keyPath).toBe(server.encryptedClientKeyPath);
          asked.push({ attempt, retry });
          return attempt === 1 ? 'not it' : server.clientKeyPassphrase;
        },
      },
    });
    expect((await remote.exec(['echo', 'in'])).stdout).toBe('in\n');
    expect(asked).toEqual([
      { attempt: 1, retry: false },
      { attempt: 2, retry: true },
    ]);
    remote.close();
  });

  it('gives up after 3 wrong passphrases with AUTH_FAILED naming the key', async () => {
    let asked = 0;
    const remote = remoteHostFor(server, {
      identityFiles: [server.encryptedClientKeyPath],
      prompts: { passphrase: async () => (asked++, 'wrong') },
    });
    const error = await remote.connect().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AUTH_FAILED' });
    expect((error as Error).message).toContain(`wrong passphrase for ${server.encryptedClientKeyPath} (3 attempts)`);
    expect(asked).toBe(3);
    remote.close();
  });

  it('a key the server does not know fails with AUTH_FAILED and one login attempt', async () => {
    const remote = remoteHostFor(server, { identityFiles: [server.unauthorizedKeyPath] });
    await expect(remote.connect()).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    remote.close();
  });

  it('a file that is not a key is explained', async () => {
    const remote = remoteHostFor(server, { identityFiles: [server.knownHostsPath] });
    const error = await remote.connect().catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/not a usable private key/);
    remote.close();
  });

  it('logs in through ssh-agent', async () => {
    const socket = join(server.dir, 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    try {
      for (let i = 0; i < 50; i++) {
        const ok = await execFileP('ssh-add', ['-l'], { env: { ...process.env, SSH_AUTH_SOCK: socket } }).then(
          () => true,
          (e: { code?: number }) => e.code === 1, // 1: agent up, no identities
        );
        if (ok) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await execFileP('ssh-add', [server.clientKeyPath], { env: { ...process.env, SSH_AUTH_SOCK: socket } });
      const remote = remoteHostFor(server, { identityFiles: [], agent: socket });
      expect((await remote.exec(['echo', 'agent'])).stdout).toBe('agent\n');
      remote.close();
      expect(await server.log()).toMatch(/Accepted publickey/);
    } finally {
      agent.kill();
    }
  });
});
