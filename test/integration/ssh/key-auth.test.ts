// Key files with passphrases and ssh-agent against the real sshd.
import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../../src/main/services/secrets/memory-secret-store';
import { secretKeys } from '../../../src/main/services/secrets/secret-store';
import { promptsWithSecretStore } from '../../../src/main/services/ssh';
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

  it('remembers a passphrase only on request and after a successful login, then logs in without asking', async () => {
    const store = new MemorySecretStore();
    const account = { host: server.host, port: server.port, username: server.user };
    let asked = 0;
    const ask = { passphrase: async () => (asked++, server.clientKeyPassphrase) };

    const once = promptsWithSecretStore(ask, store, account, { remember: false });
    const first = remoteHostFor(server, { identityFiles: [server.encryptedClientKeyPath], prompts: once.prompts });
    await first.connect();
    first.close();
    expect(await once.commit()).toBeUndefined();
    expect(await store.get(secretKeys.passphrase(server.encryptedClientKeyPath))).toBeUndefined();

    const remembering = promptsWithSecretStore(ask, store, account, { remember: true });
    const second = remoteHostFor(server, { identityFiles: [server.encryptedClientKeyPath], prompts: remembering.prompts });
    await second.connect();
    second.close();
    expect(await remembering.commit()).toBeUndefined();
    expect(asked).toBe(2);

    const later = promptsWithSecretStore(ask, store, account, { remember: true });
    const third = remoteHostFor(server, { identityFiles: [server.encryptedClientKeyPath], prompts: later.prompts });
    expect((await third.exec(['echo', 'no question'])).stdout).toBe('no question\n');
    third.close();
    expect(asked).toBe(2);
  });

  it('a remembered passphrase that no longer works is followed by a question; a keyring-less store says why it saved nothing', async () => {
    const store = new MemorySecretStore();
    await store.set(secretKeys.passphrase(server.encryptedClientKeyPath), 'outdated');
    const requests: boolean[] = [];
    const wrapped = promptsWithSecretStore(
      { passphrase: async ({ retry }) => (requests.push(retry), server.clientKeyPassphrase) },
      new MemorySecretStore('basic_text'),
      { host: server.host, port: server.port, username: server.user },
      { remember: true },
    );
    // Same prompts, but reading from the store that holds the outdated passphrase:
    const reading = promptsWithSecretStore(wrapped.prompts, store, { host: server.host, port: server.port, username: server.user }, { remember: false });
    const remote = remoteHostFor(server, { identityFiles: [server.encryptedClientKeyPath], prompts: reading.prompts });
    await remote.connect();
    remote.close();
    expect(requests).toEqual([true]);
    expect(await wrapped.commit()).toMatch(/plain text/);
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
