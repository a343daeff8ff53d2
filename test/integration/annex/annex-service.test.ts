import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnnexService } from '../../../src/main/services/annex/annex-service';
import { AnnexSetupService } from '../../../src/main/services/annex/annex-setup-service';
import { RemoteFiles } from '../../../src/main/services/ssh/remote-files';
import type { RemoteHost } from '../../../src/main/services/ssh/remote-host';
import type { AnnexRequest } from '../../../src/shared/remote/annex-validate';
import { remoteHostFor } from '../support/remote';
import { accessHostBinDir, startSshd, type SshdServer } from '../support/sshd';

let server: SshdServer;
let host: RemoteHost;
let annex: AnnexService;
let user: string;

/** Writes a file in the stand-in host's home (test set-up only). */
async function putFile(path: string, text: string): Promise<void> {
  const result = await host.exec(['sh', '-c', 'mkdir -p "$(dirname "$1")" && cat > "$1"', 'sh', path], { stdin: text });
  expect(result.exitCode).toBe(0);
}

function request(partial: Partial<AnnexRequest> = {}): AnnexRequest {
  return { verb: 'create', annexName: user, system: 'expanse', queue: 'compute', project: 'abc123', nodes: 1, lifetime: 3600, ...partial };
}

beforeAll(async () => {
  server = await startSshd({ pathPrepend: [accessHostBinDir()], env: { ANNEX_INITIAL_CONNECTION_TIMEOUT: '20' } });
  host = remoteHostFor(server);
  await host.connect();
  annex = new AnnexService(host);
  user = await annex.whoami();
});

afterAll(async () => {
  host?.close();
  await server?.dispose();
});

describe('annex over SSH against the stand-in htcondor', () => {
  it('lists the systems the host knows, with the bundled limits', async () => {
    const list = await annex.systems();
    expect(list.source).toBe('host');
    const expanse = list.systems.find((system) => system.name === 'expanse');
    expect(expanse?.queues.find((queue) => queue.name === 'compute')?.maxNodesPerJob).toBe(32);
  });

  it("refuses an invalid combination with the tool's message before running anything", async () => {
    const outcome = await annex.create(request({ cpus: 16 }), { onPrompt: async () => undefined });
    expect(outcome).toMatchObject({
      ok: false,
      stage: 'validate',
      field: 'cpus',
      message: "The 'compute' queue is a whole-node queue.  You can't specify CPUs (--cpus) or memory (--mem_mb).",
    });
  });

  it('insists on the ACCESS username as the annex name', async () => {
    const outcome = await annex.create(request({ annexName: 'someone-else' }), { onPrompt: async () => undefined });
    expect(outcome).toMatchObject({ ok: false, stage: 'name', field: 'annexName' });
  });

  it('checks that jobs are queued for the annex before creating it', async () => {
    const outcome = await annex.create(request(), { onPrompt: async () => undefined });
    expect(outcome).toMatchObject({ ok: false, stage: 'jobs' });
    expect(outcome.ok ? '' : outcome.message).toContain(`No jobs for '${user}' are in the queue`);
  });

  it('reports a wrong passcode with the tool’s error and creates nothing', async () => {
    await putFile('.stand-in/jobs', `101 0 1 ${user}\n101 1 1 ${user}\n`);
    const prompts: string[] = [];
    const outcome = await annex.create(request(), {
      onPrompt: async (prompt) => {
        prompts.push(prompt.text);
        return prompt.text.startsWith('Enter passphrase') ? 'annex-passphrase' : '999999';
      },
    });
    expect(prompts).toHaveLength(2);
    expect(outcome).toMatchObject({ ok: false, stage: 'tool', message: "Failed to make initial connection to the system named 'Expanse', aborting (255)." });
    expect((await annex.status(user)).status.annexes[0]).toMatchObject({ notFound: true });
  });

  it('creates the annex on a terminal, passing each question of the site to the user', async () => {
    const prompts: Array<{ text: string; secret: boolean }> = [];
    const lines: string[] = [];
    const outcome = await annex.create(request(), {
      onLine: (line) => lines.push(line),
      onPrompt: async (prompt) => {
        prompts.push(prompt);
        if (prompt.text.startsWith('Enter passphrase')) return 'annex-passphrase';
        if (prompt.text.startsWith('Passcode or option')) return '1';
        return undefined;
      },
    });
    expect(outcome.ok).toBe(true);
    expect(prompts).toEqual([
      { text: expect.stringMatching(/^Enter passphrase for key '.*\/\.ssh\/annex':$/), secret: true },
      { text: 'Passcode or option (1-2):', secret: true },
    ]);
    expect(lines).toContain('Thank you.');
    // Progress rewritten with \r shows as one line at its final state.
    expect(lines.filter((line) => /Step \d of 8/.test(line))).toEqual([expect.stringMatching(/^ {4}Step 8 of 8: Submitting SLURM job\.+$/)]);
    expect(lines).toContain('... requested.');
    // The passphrase was typed hidden, so it never appears in what the tool printed.
    expect(lines.join('\n')).not.toContain('annex-passphrase');
    expect(outcome.ok && outcome.command).toBe(`'htcondor' 'annex' 'create' '--project' 'abc123' '--lifetime' '3600' '--nodes' '1' '${user}' 'compute@expanse'`);
  });

  it('reads the status into a card, then the slots once the annex is established, and shuts it down', async () => {
    const pending = await annex.status(user);
    expect(pending.status.annexes[0]).toMatchObject({ name: user, established: false, nodesRequested: 1, requests: { pending: 1 } });
    expect(pending.slots).toEqual([]);

    const established = await annex.status(user);
    expect(established.status.annexes[0]).toMatchObject({ established: true, cpusTotal: 128, jobsTargeting: 2 });
    expect(established.slots).toHaveLength(1);
    expect(established.slots[0]).toMatchObject({ partitionable: true, cpus: 128 });

    const lines = await annex.shutdown(user);
    expect(lines[0]).toBe(`Shutting down annex '${user}'...`);
    expect((await annex.status(user)).slots).toEqual([]);
  });

  it('shows the tool’s refusal of a second create with the same name', async () => {
    const outcome = await annex.create(request(), { onPrompt: async () => 'x' });
    expect(outcome).toMatchObject({ ok: false, stage: 'tool' });
    expect(outcome.ok ? '' : outcome.message).toBe(`You've already created an annex named '${user}'.  To request more resources, use 'htcondor annex add'.`);
  });
});

describe('annex set-up on the host', () => {
  it('creates ~/.ssh/annex once and shows its public key', async () => {
    const setup = new AnnexSetupService({ exec: (argv, options) => host.exec(argv, options), writeFile: (path, data, options) => new RemoteFiles(host).writeFile(path, data, options) });
    const first = await setup.ensureKey();
    expect(first).toMatch(/^ssh-ed25519 \S+ annex$/);
    expect(await setup.ensureKey()).toBe(first);
  });

  it('adds Host entries without duplicating or breaking the config, after a backup', async () => {
    const original = 'Host github.com\n    User git\n\nHost *.expanse.sdsc.edu\n    User ux123456\n';
    await putFile('.ssh/config', original);
    const setup = new AnnexSetupService(
      { exec: (argv, options) => host.exec(argv, options), writeFile: (path, data, options) => new RemoteFiles(host).writeFile(path, data, options) },
      () => new Date('2026-11-25T01:02:03Z'),
    );
    const outcome = await setup.addHostEntries([
      { host: 'bridges2.psc.edu', user: 'alice' },
      { host: 'login.expanse.sdsc.edu', user: 'ux999999' },
    ]);
    expect(outcome).toMatchObject({ ok: true, added: ['bridges2.psc.edu'], alreadyThere: ['login.expanse.sdsc.edu'], backup: '~/.ssh/config.2026-11-25T01-02-03-000Z.bak' });
    const config = (await host.exec(['cat', '.ssh/config'])).stdout;
    expect(config.startsWith(original)).toBe(true);
    expect(config).toContain('Host bridges2.psc.edu\n    User alice\n    IdentityFile ~/.ssh/annex\n');
    expect((await host.exec(['cat', '.ssh/config.2026-11-25T01-02-03-000Z.bak'])).stdout).toBe(original);
    expect((await host.exec(['stat', '-c', '%a', '.ssh/config'])).stdout.trim()).toBe('600');

    const again = await setup.addHostEntries([{ host: 'bridges2.psc.edu', user: 'alice' }]);
    expect(again).toMatchObject({ ok: true, added: [], alreadyThere: ['bridges2.psc.edu'] });
    expect((await host.exec(['cat', '.ssh/config'])).stdout).toBe(config);
  });
});
