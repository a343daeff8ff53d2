// Faults against the real sshd: a server killed mid-command and mid-upload, reconnection
// when it comes back, a host key changed while reconnecting, and MaxSessions pressure.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionState, RemoteHost } from '../../../src/main/services/ssh';
import type { SshError } from '../../../src/main/services/ssh';
import { startSshd, type SshdServer } from '../support/sshd';
import { remoteHostFor } from '../support/remote';

/** Resolves with the error of the first change to `wanted`; fails with the states seen if it does not come within 60 s. */
function waitForState(remote: RemoteHost, wanted: ConnectionState): Promise<SshError | undefined> {
  return new Promise((resolve, reject) => {
    if (remote.state === wanted) return resolve(remote.error);
    const seen: string[] = [];
    const timer = setTimeout(() => {
      off();
      reject(new Error(`state ${wanted} not reached; saw ${seen.join(' → ')}`));
    }, 60_000);
    const off = remote.onStateChange((state, error) => {
      seen.push(`${state}${error ? `(${error.code}: ${error.message.slice(0, 80)})` : ''}`);
      if (state === wanted) {
        clearTimeout(timer);
        off();
        resolve(error);
      }
    });
  });
}

describe('faults (real sshd)', () => {
  let server: SshdServer;
  let remote: RemoteHost | undefined;
  let local: string;

  beforeAll(async () => {
    local = await mkdtemp(join(tmpdir(), 'pcanvas-faults-'));
  });
  afterEach(async () => {
    remote?.close();
    remote = undefined;
    await server?.dispose();
  });
  afterAll(async () => {
    await rm(local, { recursive: true, force: true });
  });

  it('a server killed mid-command gives CONNECTION_LOST, state lost, and reconnects when it is back on the same port', async () => {
    server = await startSshd();
    remote = remoteHostFor(server);
    const states: ConnectionState[] = [];
    remote.onStateChange((state) => states.push(state));
    let started!: () => void;
    const running = remote.exec(['sh', '-c', 'echo started; exec sleep 60'], { onData: () => started() });
    const outcome = running.then(
      () => new Error('the command finished although its server was killed'),
      (error: unknown) => error,
    );
    await new Promise<void>((resolve) => (started = resolve));
    const lost = waitForState(remote, 'lost');
    await server.kill();
    expect(await outcome).toMatchObject({ code: 'CONNECTION_LOST', message: expect.stringMatching(/outcome is unknown/) });
    expect((await lost)?.code).toBe('CONNECTION_LOST');

    // While the server is down, a new command waits for the reconnection instead of failing.
    const queued = remote.exec(['echo', 'after restart']);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await server.restart();
    expect((await queued).stdout).toBe('after restart\n');
    expect(remote.state).toBe('ready');
    expect(states.slice(0, 4)).toEqual(['connecting', 'authenticating', 'ready', 'lost']);
    expect(states).toContain('reconnecting');
    expect(states.at(-1)).toBe('ready');
  });

  it('an interactive (pty) command whose server dies ends with CONNECTION_LOST, and frees its slot', async () => {
    server = await startSshd();
    remote = remoteHostFor(server, { reconnect: { enabled: false } });
    const session = await remote.openShellCommand(['sh', '-c', 'echo ready; read answer']);
    const outcome = session.exited.then(
      () => new Error('exited normally although its server was killed'),
      (error: unknown) => error,
    );
    await new Promise<void>((resolve) => session.onData((chunk) => chunk.includes('ready') && resolve()));
    expect(remote.channels.inUse).toBe(1);
    await server.kill();
    expect(await outcome).toMatchObject({ code: 'CONNECTION_LOST' });
    expect(remote.channels.inUse).toBe(0);
  });

  it('a host key changed while reconnecting stops for good with HOST_KEY_CHANGED', async () => {
    server = await startSshd();
    // The harness rewrites its own known_hosts on restart; the client keeps the old key.
    const knownHosts = join(local, 'known_hosts_before');
    await writeFile(knownHosts, `${server.knownHostsLine}\n`);
    remote = remoteHostFor(server, { knownHostsFile: knownHosts });
    await remote.connect();
    const closed = waitForState(remote, 'closed');
    await server.kill();
    await server.restart({ newHostKey: true });
    const error = await closed;
    expect(error?.code).toBe('HOST_KEY_CHANGED');
    await expect(remote.exec(['true'])).rejects.toMatchObject({ code: 'CLOSED', message: expect.stringContaining('CHANGED') });
    // Only editing known_hosts gets past it: then the user's Reconnect works.
    await expect(remote.reconnect()).rejects.toMatchObject({ code: 'HOST_KEY_CHANGED' });
    await writeFile(knownHosts, `${server.knownHostsLine}\n`);
    await remote.reconnect();
    expect((await remote.exec(['echo', 'trusted again'])).stdout).toBe('trusted again\n');
  });

  it('an upload interrupted by a dead server fails clearly and leaves no file under the final name', async () => {
    server = await startSshd();
    remote = remoteHostFor(server, { reconnect: { enabled: false } });
    const file = join(local, 'big.bin');
    await writeFile(file, randomBytes(96 * 1024 * 1024));
    let killed = false;
    const upload = remote.sftp.upload(file, `${server.homeDir}/big.bin`, {
      onProgress: () => {
        if (!killed) {
          killed = true;
          // Freeze first (the transfer stalls at once), then kill.
          void server.pause().then(() => server.kill());
        }
      },
    });
    const error = (await upload.catch((e: unknown) => e)) as SshError;
    expect(killed).toBe(true);
    expect(['SFTP_FAILED', 'CONNECTION_LOST', 'CLOSED']).toContain(error.code);
    await server.restart();
    const again = remoteHostFor(server);
    try {
      expect(await again.sftp.stat(`${server.homeDir}/big.bin`)).toBeUndefined();
    } finally {
      again.close();
    }
  });

  it('11 concurrent commands with MaxSessions 10 all succeed through the channel limiter', async () => {
    server = await startSshd({ maxSessions: 10 });
    remote = remoteHostFor(server);
    const results = await Promise.all(Array.from({ length: 11 }, (_, i) => remote!.exec(['sh', '-c', `sleep 0.5; echo ${i}`])));
    expect(results.map((r) => r.stdout)).toEqual(Array.from({ length: 11 }, (_, i) => `${i}\n`));
  });

  it('without room below MaxSessions the server refuses channels: the limiter waits and retries', async () => {
    server = await startSshd({ maxSessions: 2 });
    // Limit set above what the server allows: the retry on "open failed" must absorb it.
    remote = remoteHostFor(server, { maxChannels: 4 });
    const results = await Promise.all(Array.from({ length: 4 }, (_, i) => remote!.exec(['sh', '-c', `sleep 0.3; echo ${i}`])));
    expect(results.map((r) => r.exitCode)).toEqual([0, 0, 0, 0]);
    expect(await server.log()).toMatch(/MaxSessions|no more sessions|open failed/i);
  });
});
