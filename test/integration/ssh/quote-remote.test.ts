// Property: any argument list (hostile names included) sent through RemoteHost.exec reaches
// the program on the far side of a real sshd + login shell as the same literal arguments.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RemoteHost } from '../../../src/main/services/ssh';
import { startSshd, type SshdServer } from '../support/sshd';
import { remoteHostFor } from '../support/remote';

const hostile = fc.oneof(
  fc.constantFrom("it's", '"q"', '$(touch PWNED)', '`touch PWNED`', '$HOME', '${IFS}', 'a\nb', '\n', '*', '?', '[!a]', '~', ' lead', 'trail ', '-n', '--', '-e', ';rm -rf x', '|', '&', '>x', '\\', '!!', '#', 'ü 日本 🚀', "x'; touch PWNED; echo '"),
  fc.string({ unit: 'binary', maxLength: 20 }).filter((s) => !s.includes('\u0000')),
  fc.string({ unit: fc.constantFrom("'", '"', '$', '(', ')', '`', '\\', '\n', ' ', '*', '-', ';', '&', '|', '<', '>', '~', 'a', 'é'), maxLength: 12 }),
);

describe('quoting through the real remote shell', () => {
  let server: SshdServer;
  let remote: RemoteHost;

  beforeAll(async () => {
    server = await startSshd();
    remote = remoteHostFor(server);
  });
  afterAll(async () => {
    remote?.close();
    await server?.dispose();
  });

  it('every argument arrives as one literal argument, and nothing is executed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(hostile, { minLength: 1, maxLength: 8 }), async (args) => {
        const result = await remote.exec(['printf', '%s\\0', ...args]);
        expect(result.exitCode).toBe(0);
        expect(result.stdout.split('\0').slice(0, -1)).toEqual(args);
      }),
      { numRuns: 150 },
    );
    // No injected command ran: no PWNED file anywhere in the account's home.
    expect(await remote.sftp.stat(`${server.homeDir}/PWNED`)).toBeUndefined();
    const found = await remote.exec(['find', server.homeDir, '-name', 'PWNED*']);
    expect(found.stdout).toBe('');
  });

  it('a hostile working directory is entered literally', async () => {
    const dir = `${server.homeDir}/-it's $(x) \`y\` *\nnext`;
    await remote.sftp.mkdirp(dir);
    const result = await remote.exec(['pwd'], { cwd: dir });
    expect(result.stdout).toBe(`${dir}\n`);
  });
});
