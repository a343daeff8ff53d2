/**
 * Issue 7 end to end, in browser mode against the real OpenSSH server with the stand-in
 * `htcondor` and `condor_*` tools: the annex form shows the tool's own message for an invalid
 * combination at its field, an annex is created answering the HPC site's questions (key
 * passphrase, Duo menu) in the page, and a Jetstream2 boot script gets the vm-conf line.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VM_CONF } from '../../../src/shared/remote/jetstream-bootscript';
import { remoteHostFor } from '../../integration/support/remote';
import { accessHostBinDir, startSshd, type SshdServer } from '../../integration/support/sshd';
import { sharedPath } from '../../support/shared-path';
import { clientKey, connect, diamondWorkflow, launchBrowser, launchRemoteApp, type RemoteApp } from './support/remote-app';

const TOKEN = 'eyJhbGciOiJFUzI1NiJ9.pilot-token-of-the-test.c2lnbmF0dXJl';

let sshd: SshdServer;
let browser: Browser;
let dir: string;
let app: RemoteApp;

beforeAll(async () => {
  [sshd, browser, dir] = await Promise.all([startSshd({ pathPrepend: [accessHostBinDir()] }), launchBrowser(), mkdtemp(path.join(os.tmpdir(), 'pegasus-canvas-e2e-annex-'))]);
  // The account's state on the host: one job queued for the user's annex, and a pilot token.
  const host = remoteHostFor(sshd);
  await host.exec(['sh', '-c', 'mkdir -p .stand-in .condor && cat > .stand-in/jobs && printf "%s\\n" "$1" > .condor/pilot.token', 'sh', TOKEN], { stdin: `7 0 1 ${sshd.user}\n` });
  host.close();
  const workflow = await diamondWorkflow(path.join(dir, 'wf'), 'diamond');
  app = await launchRemoteApp(browser, workflow);
  // The create button asks for confirmation before it runs anything on the host.
  app.page.on('dialog', (dialog) => void dialog.accept());
  await connect(app.page, sshd, await clientKey(sshd, dir));
  await app.page.getByTestId('remote-tab-resources').click();
}, 90_000);

afterAll(async () => {
  await app?.close();
  await browser?.close();
  await sshd?.dispose();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the Resources panel', () => {
  it('names the annex after the user and shows the tool’s message for an invalid request at its field', async () => {
    const { page } = app;
    await expect.poll(() => page.getByTestId('annex-name').inputValue(), { timeout: 20_000 }).toBe(sshd.user);
    await expect.poll(() => page.getByTestId('annex-systems-source').textContent()).toContain('from htcondor annex systems on the host');

    await page.getByTestId('annex-system').selectOption('anvil');
    await page.getByTestId('annex-queue').selectOption('wholenode');
    await page.getByTestId('annex-nodes').fill('17');
    const error = page.getByTestId('annex-error-nodes');
    await error.waitFor();
    expect(await error.textContent()).toBe("The 'wholenode' queue is limited to 16 nodes per job.  Use --nodes to set.");
    expect(await page.getByTestId('annex-create').isDisabled()).toBe(true);

    // A shared queue needs CPUs or memory: the tool's message again, at the CPUs field.
    await page.getByTestId('annex-queue').selectOption('shared');
    await page.getByTestId('annex-nodes').fill('1');
    await page.getByTestId('annex-error-cpus').waitFor();
    expect(await page.getByTestId('annex-error-cpus').textContent()).toContain('You must specify either CPUs (--cpus) or memory (--mem_mb).');
  });

  it('suggests a request from the workflow and says how', async () => {
    const { page } = app;
    await page.getByTestId('annex-system').selectOption('anvil');
    await page.getByTestId('annex-suggest').click();
    const reasoning = page.getByTestId('annex-reasoning');
    await reasoning.waitFor();
    expect((await reasoning.locator('li').count()) > 0).toBe(true);
    // The suggestion is a request the tool accepts: the command line shows, no field is in error.
    await page.getByTestId('annex-command').waitFor();
    expect(await page.locator('[data-testid^="annex-error-"]').count()).toBe(0);
  });

  it('creates an annex, answering the site’s passphrase and Duo questions in the page', async () => {
    const { page } = app;
    await page.getByTestId('annex-system').selectOption('anvil');
    await page.getByTestId('annex-queue').selectOption('wholenode');
    await page.getByTestId('annex-nodes').fill('2');
    await page.getByTestId('annex-lifetime').fill('2');
    const command = page.getByTestId('annex-command');
    await command.waitFor();
    // The exact line the app will run, each argument quoted for the remote shell.
    expect(await command.textContent()).toBe(`'htcondor' 'annex' 'create' '--lifetime' '7200' '--nodes' '2' '${sshd.user}' 'wholenode@anvil'`);

    await page.getByTestId('annex-check-queued').click();
    await expect.poll(() => page.getByTestId('annex-queued').textContent()).toContain('1 job(s) wait');

    await page.getByTestId('annex-create').click();
    const passphrase = page.locator('[data-testid="prompt"][data-prompt-kind="terminal"]');
    await passphrase.waitFor({ timeout: 30_000 });
    expect(await passphrase.getByTestId('prompt-text').textContent()).toContain('Enter passphrase for key');
    expect(await passphrase.getByTestId('prompt-input-0').getAttribute('type')).toBe('password');
    await passphrase.getByTestId('prompt-input-0').fill('annex-passphrase');
    await passphrase.getByTestId('prompt-ok').click();

    const duo = page.locator('[data-testid="prompt"][data-prompt-kind="terminal"]', { hasText: 'Passcode or option (1-2)' });
    await duo.waitFor({ timeout: 30_000 });
    await duo.getByTestId('prompt-input-0').fill('1');
    await duo.getByTestId('prompt-ok').click();

    const outcome = page.getByTestId('annex-outcome');
    await outcome.waitFor({ timeout: 60_000 });
    expect(await outcome.getAttribute('data-ok')).toBe('true');
    const lines = (await page.getByTestId('annex-lines').textContent()) ?? '';
    expect(lines).toContain(`Requesting annex named '${sshd.user}'`);
    expect(lines).not.toContain('annex-passphrase');

    // The status card follows the new annex; shutting it down asks first (accepted here).
    const card = page.getByTestId('annex-card');
    await expect.poll(() => card.textContent(), { timeout: 20_000 }).toContain(`Annex ${sshd.user}`);
    await expect.poll(() => card.textContent()).toContain('of 2');
    await card.getByTestId('annex-shutdown').click();
    // The request is still pending, so the tool has nothing established to stop, and says so.
    await expect.poll(() => card.getByTestId('annex-shutdown-lines').textContent(), { timeout: 20_000 }).toBe(`No resources found in annex '${sshd.user}'.`);
  });

  it('creates the annex key on the host and shows its public key', async () => {
    const { page } = app;
    await page.getByTestId('annex-setup').locator('summary').click();
    await page.getByTestId('annex-ensure-key').click();
    await expect.poll(() => page.getByTestId('annex-public-key').inputValue(), { timeout: 20_000 }).toMatch(/^ssh-ed25519 \S+/);
  });

  it('reads the pilot token masked and writes vm-conf into the Exosphere boot script', async () => {
    const { page } = app;
    await page.getByTestId('jetstream-read').click();
    await expect.poll(() => page.getByTestId('jetstream-user').textContent(), { timeout: 20_000 }).toBe(sshd.user);
    const masked = (await page.getByTestId('jetstream-token').textContent()) ?? '';
    expect(masked).not.toContain(TOKEN);
    expect(masked).toContain(TOKEN.slice(-4));

    const script = await readFile(sharedPath('annex', 'exosphere-boot-script.yml'), 'utf8');
    await page.getByTestId('jetstream-script').fill(script);
    await page.getByTestId('jetstream-generate').click();
    // The result is shown in the code editor, the plain text beside it.
    await page.locator('[data-testid="jetstream-editor"] .monaco-editor').waitFor();
    const result = page.getByTestId('jetstream-result');
    await result.waitFor({ state: 'attached' });
    const text = await result.inputValue();
    expect(text).toContain(`${VM_CONF} ${sshd.user} ${TOKEN}`);
    expect(text.match(/^bootcmd:/gm)?.length).toBe(1);

    // Watching for the instance: it is ready once a new machine of the user's joins the pool.
    await page.getByTestId('jetstream-watch').click();
    expect(await page.getByTestId('jetstream-panel').textContent()).toContain('shuts itself down after 30 minutes without jobs');
    // The first poll has seen the pool without the instance; now it boots and joins.
    // (The annex created above already has nodes under the user's name: they are not the instance.)
    await expect.poll(() => page.getByTestId('jetstream-baseline').textContent(), { timeout: 20_000 }).toMatch(/\d+ machine\(s\) of yours there now/);
    const host = remoteHostFor(sshd);
    await host.exec(['sh', '-c', 'cat > .stand-in/instances'], { stdin: `js-${sshd.user}-1.jetstream-cloud.org ${sshd.user} 8\n` });
    host.close();
    await expect.poll(() => page.getByTestId('jetstream-joined').textContent(), { timeout: 30_000 }).toContain(`js-${sshd.user}-1.jetstream-cloud.org joined the pool`);
    expect(app.pageErrors).toEqual([]);
  }, 60_000);
});
