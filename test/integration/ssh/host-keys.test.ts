// Host-key verification against the real sshd: unknown → asked with the SHA256 fingerprint
// ssh-keygen prints; trusted → appended; hashed entries; a changed key → hard stop.
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnknownHostKey } from '../../../src/main/services/ssh';
import { startSshd, type SshdServer } from '../support/sshd';
import { remoteHostFor } from '../support/remote';

const execFileP = promisify(execFile);

describe('host keys (real sshd)', () => {
  let server: SshdServer;

  beforeAll(async () => {
    server = await startSshd();
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('asks about an unknown key with its type and SHA256 fingerprint, and refuses it without a yes', async () => {
    const knownHosts = join(server.dir, 'kh-refuse');
    const asked: UnknownHostKey[] = [];
    const remote = remoteHostFor(server, {
      knownHostsFile: knownHosts,
      prompts: { confirmHostKey: async (key) => (asked.push(key), false) },
    });
    await expect(remote.connect()).rejects.toMatchObject({ code: 'HOST_KEY_REJECTED' });
    expect(asked).toEqual([{ host: '127.0.0.1', port: server.port, keyType: 'ssh-ed25519', fingerprint: server.hostKeyFingerprint }]);
    await expect(readFile(knownHosts, 'utf8')).rejects.toThrow(/ENOENT/);
    remote.close();
  });

  it('with no way to ask, an unknown key is refused', async () => {
    const remote = remoteHostFor(server, { knownHostsFile: join(server.dir, 'kh-none') });
    await expect(remote.connect()).rejects.toMatchObject({ code: 'HOST_KEY_REJECTED' });
    remote.close();
  });

  it('appends a trusted key to known_hosts in [host]:port form; the next connection does not ask', async () => {
    const knownHosts = join(server.dir, 'kh-trust');
    await writeFile(knownHosts, '# mine\nexample.org ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl');
    const first = remoteHostFor(server, { knownHostsFile: knownHosts, prompts: { confirmHostKey: async () => true } });
    await first.connect();
    first.close();
    const text = await readFile(knownHosts, 'utf8');
    expect(text.split('\n')).toEqual([
      '# mine',
      'example.org ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl',
      server.knownHostsLine,
      '',
    ]);
    // OpenSSH itself accepts the file we wrote.
    await execFileP('ssh', ['-p', String(server.port), '-i', server.clientKeyPath, '-o', `UserKnownHostsFile=${knownHosts}`, '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes', '-o', 'IdentitiesOnly=yes', `${server.user}@127.0.0.1`, 'true']);
    let asked = 0;
    const second = remoteHostFor(server, { knownHostsFile: knownHosts, prompts: { confirmHostKey: async () => (asked++, false) } });
    await second.connect();
    expect(asked).toBe(0);
    second.close();
  });

  it('matches a hashed entry written by ssh-keygen -H', async () => {
    const knownHosts = join(server.dir, 'kh-hashed');
    await writeFile(knownHosts, `${server.knownHostsLine}\n`);
    await execFileP('ssh-keygen', ['-H', '-f', knownHosts]);
    expect(await readFile(knownHosts, 'utf8')).toMatch(/^\|1\|/);
    const remote = remoteHostFor(server, { knownHostsFile: knownHosts });
    await remote.connect();
    remote.close();
  });

  it('stops on a changed key, naming the file and line, even if the user would say yes', async () => {
    const knownHosts = join(server.dir, 'kh-changed');
    await writeFile(knownHosts, `# line 1\n${server.knownHostsLine}\n`);
    await server.restart({ newHostKey: true });
    let asked = 0;
    const remote = remoteHostFor(server, { knownHostsFile: knownHosts, prompts: { confirmHostKey: async () => (asked++, true) } });
    const error = await remote.connect().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'HOST_KEY_CHANGED' });
    expect((error as Error).message).toContain(`${knownHosts} line 2`);
    expect((error as Error).message).toContain(server.hostKeyFingerprint);
    expect(asked).toBe(0);
    expect(await readFile(knownHosts, 'utf8')).not.toContain(server.knownHostsLine);
    remote.close();
  });

  it('refuses a key marked @revoked', async () => {
    const knownHosts = join(server.dir, 'kh-revoked');
    await writeFile(knownHosts, `@revoked ${server.knownHostsLine}\n${server.knownHostsLine}\n`);
    const remote = remoteHostFor(server, { knownHostsFile: knownHosts });
    await expect(remote.connect()).rejects.toMatchObject({ code: 'HOST_KEY_REVOKED' });
    remote.close();
  });
});
