import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JetstreamService } from '../../../src/main/services/jetstream/jetstream-service';
import type { RemoteHost } from '../../../src/main/services/ssh/remote-host';
import { VM_CONF } from '../../../src/shared/remote/jetstream-bootscript';
import { remoteHostFor } from '../support/remote';
import { sharedPath } from '../../support/shared-path';
import { accessHostBinDir, startSshd, type SshdServer } from '../support/sshd';

const TOKEN = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2ln';
let server: SshdServer;
let host: RemoteHost;

async function putFile(path: string, text: string): Promise<void> {
  const result = await host.exec(['sh', '-c', 'mkdir -p "$(dirname "$1")" && cat > "$1"', 'sh', path], { stdin: text });
  expect(result.exitCode).toBe(0);
}

beforeAll(async () => {
  server = await startSshd({ pathPrepend: [accessHostBinDir()] });
  host = remoteHostFor(server);
  await host.connect();
});

afterAll(async () => {
  host?.close();
  await server?.dispose();
});

describe('Jetstream2 over SSH', () => {
  it('says what is missing when the account has no pilot token', async () => {
    await expect(new JetstreamService(host).credentials()).rejects.toThrow(/no ~\/\.condor\/pilot\.token/);
  });

  it('reads the username and pilot token and writes them into the Exosphere boot script', async () => {
    await putFile('.condor/pilot.token', `${TOKEN}\n`);
    const jetstream = new JetstreamService(host);
    const credentials = await jetstream.credentials();
    expect(credentials).toEqual({ username: server.user, token: TOKEN });
    const script = await readFile(sharedPath('annex', 'exosphere-boot-script-multipart.txt'), 'utf8');
    const result = jetstream.bootScript(script, credentials);
    expect(result.ok && result.text).toContain(`bootcmd:\n  - ${VM_CONF} ${server.user} ${TOKEN}\n`);
  });

  it('says when the instance has joined the pool', async () => {
    const jetstream = new JetstreamService(host);
    const polls: number[] = [];
    const watch = jetstream.watchJoin(server.user, { intervalMs: 100, onPoll: (slots) => polls.push(slots.length) });
    await expect.poll(() => polls.length, { timeout: 20_000 }).toBeGreaterThan(0);
    await putFile('.stand-in/instances', `js-alice-1.jetstream-cloud.org ${server.user} 8\n`);
    const joined = await watch.joined;
    watch.stop();
    expect(joined.map((slot) => [slot.machine, slot.cpus])).toEqual([['js-alice-1.jetstream-cloud.org', 8]]);
  });
});
