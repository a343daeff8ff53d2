/**
 * Issue 6 end to end, in browser mode against a real OpenSSH server playing ACCESS Pegasus
 * (stand-in pegasus-* tools): connect from the page (trusting the host key by its SHA256
 * fingerprint, typing the key's passphrase), submit the diamond, watch its nodes turn green;
 * then a failing diamond: its failed node opens pegasus-analyzer's report (exit code, stderr).
 */
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessHostBinDir, startSshd, type SshdServer } from '../../integration/support/sshd';
import { clientKey, connect, diamondWorkflow, launchBrowser, launchRemoteApp, submit, type RemoteApp } from './support/remote-app';

const JOBS = ['preprocess', 'findrange_1', 'findrange_2', 'analyze'];

/** A copy of an app's data folder: what a second start of the app finds on disk. */
async function copyOf(dataDir: string): Promise<string> {
  const copy = path.join(dir, `data-${path.basename(dataDir)}`);
  await cp(dataDir, copy, { recursive: true });
  return copy;
}

let sshd: SshdServer;
let browser: Browser;
let dir: string;
const apps: RemoteApp[] = [];

beforeAll(async () => {
  [sshd, browser, dir] = await Promise.all([startSshd({ pathPrepend: [accessHostBinDir()] }), launchBrowser(), mkdtemp(path.join(os.tmpdir(), 'pegasus-canvas-e2e-remote-'))]);
}, 60_000);

afterAll(async () => {
  for (const app of apps) await app.close();
  await browser?.close();
  await sshd?.dispose();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('submitting to ACCESS Pegasus from the page', () => {
  it('connects, submits the diamond and paints every job green as the run progresses', async () => {
    const workflow = await diamondWorkflow(path.join(dir, 'ok'), 'diamond');
    const app = await launchRemoteApp(browser, workflow);
    apps.push(app);
    const { page } = app;
    const key = await clientKey(sshd, path.dirname(workflow));

    const { fingerprint, rememberRefusal } = await connect(page, sshd, key);
    expect(fingerprint).toBe(sshd.hostKeyFingerprint);
    // Browser mode has no system keyring: remembering is refused and the page says why.
    expect(rememberRefusal).toContain('plain text');
    // The key was trusted on the user's click: it is in known_hosts now.
    expect(await readFile(path.join(app.home, '.ssh', 'known_hosts'), 'utf8')).toContain(`[${sshd.host}]:${sshd.port}`);

    await submit(page);
    const row = page.getByTestId('run-row').first();
    // Every job of the canvas ends green, and the run says so with full progress.
    for (const id of JOBS) {
      await page.locator(`[data-testid="job-node"][data-job-id="${id}"][data-run-state="succeeded"]`).waitFor({ timeout: 60_000 });
    }
    await page.locator('[data-testid="run-row"][data-run-state="succeeded"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => row.getByTestId('run-progress').getAttribute('aria-valuenow')).toBe('100');
    expect(await row.getByTestId('run-counts').textContent()).toContain('7 jobs: 7 done');

    await row.getByTestId('run-statistics').click();
    await row.getByTestId('statistics').waitFor({ timeout: 30_000 });
    expect(await row.getByTestId('statistics').textContent()).toContain('Jobs');

    // The output the workflow staged to the submit host comes home, beside the workflow.
    await row.getByTestId('run-fetch').click();
    await row.getByTestId('run-fetched').waitFor({ timeout: 30_000 });
    const runId = await row.getAttribute('data-run-id');
    expect(await row.getByTestId('run-fetched').textContent()).toContain(path.join(path.dirname(workflow), `outputs-${runId}`));
    expect((await readdir(path.join(path.dirname(workflow), `outputs-${runId}`))).length).toBeGreaterThan(0);
    expect(app.pageErrors).toEqual([]);
  }, 180_000);

  it('remembers the run and the profile when the app starts again', async () => {
    const first = apps[0]!;
    const workflow = path.join(path.dirname(first.workspace), 'ok', 'workflow.yml');
    const again = await launchRemoteApp(browser, workflow, { dataDir: await copyOf(first.dataDir) });
    apps.push(again);
    const { page } = again;
    await page.getByTestId('remote-tab-runs').click();
    await page.locator('[data-testid="run-row"][data-run-state="succeeded"]').waitFor();
    await page.getByTestId('show-run').click();
    for (const id of JOBS) await page.locator(`[data-testid="job-node"][data-job-id="${id}"][data-run-state="succeeded"]`).waitFor();
    await page.getByTestId('remote-tab-connection').click();
    expect(await page.getByTestId('profile-host').inputValue()).toBe(sshd.host);
    expect(await page.getByTestId('profile-port').inputValue()).toBe(String(sshd.port));
  }, 60_000);

  it('opens the failed job’s analyzer output from its node', async () => {
    const workflow = await diamondWorkflow(path.join(dir, 'fail'), 'diamond-fail');
    const app = await launchRemoteApp(browser, workflow);
    apps.push(app);
    const { page } = app;
    await connect(page, sshd, await clientKey(sshd, path.dirname(workflow)));

    await submit(page);
    await page.locator('[data-testid="run-row"][data-run-state="failed"]').waitFor({ timeout: 90_000 });
    const failed = page.locator('[data-testid="job-node"][data-run-state="failed"]');
    await failed.first().waitFor();
    const jobId = await failed.first().getAttribute('data-job-id');
    expect(jobId).toBe('analyze');
    for (const id of ['preprocess', 'findrange_1', 'findrange_2']) {
      expect(await page.locator(`[data-testid="job-node"][data-job-id="${id}"]`).getAttribute('data-run-state')).toBe('succeeded');
    }

    await failed.first().click();
    const panel = page.locator(`[data-testid="job-failure"][data-job-id="analyze"]`);
    await panel.getByTestId('job-exit-code').waitFor({ timeout: 30_000 });
    expect(await panel.getByTestId('job-exit-code').textContent()).toBe('2');
    expect((await panel.getByTestId('job-stderr').textContent())?.length ?? 0).toBeGreaterThan(0);

    // Rerun (pegasus-run, rescue DAG): the failed job runs again and the run ends well.
    await page.getByTestId('run-rerun').click();
    await page.locator('[data-testid="run-row"][data-run-state="succeeded"]').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="job-node"][data-job-id="analyze"][data-run-state="succeeded"]').waitFor();
    expect(app.pageErrors).toEqual([]);
  }, 180_000);

  it('shows a held job with its hold reason, and Remove stops the run after asking', async () => {
    const workflow = await diamondWorkflow(path.join(dir, 'held'), 'diamond-held');
    const app = await launchRemoteApp(browser, workflow);
    apps.push(app);
    const { page } = app;
    const asked: string[] = [];
    page.on('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.accept();
    });
    await connect(page, sshd, await clientKey(sshd, path.dirname(workflow)));
    await submit(page);
    const held = page.locator('[data-testid="job-node"][data-run-state="held"]');
    await held.first().waitFor({ timeout: 60_000 });
    await held.first().click();
    const panel = page.getByTestId('job-failure');
    await expect.poll(() => panel.textContent(), { timeout: 30_000 }).toContain('Hold reason');

    await page.getByTestId('run-remove').click();
    await page.locator('[data-testid="run-row"][data-run-state="cancelled"]').waitFor({ timeout: 60_000 });
    expect(asked).toEqual([expect.stringContaining('pegasus-remove')]);
    expect(app.pageErrors).toEqual([]);
  }, 180_000);

  it('stops at a changed host key with the warning and no way past it', async () => {
    // The first app, still connected from the first test.
    const app = apps[0]!;
    const { page } = app;
    await page.getByTestId('remote-tab-connection').click();
    await page.getByTestId('disconnect').click();
    await page.locator('[data-testid="connection-state"][data-state="idle"]').waitFor();
    await sshd.restart({ newHostKey: true });
    await page.getByTestId('connect').click();
    const message = page.getByTestId('connection-message');
    await message.waitFor({ timeout: 30_000 });
    expect(await message.textContent()).toContain('has CHANGED');
    expect(await message.getAttribute('class')).toContain('host-key-changed');
    // Nothing offers to trust the new key, and the connection stays down.
    expect(await page.getByTestId('prompt').count()).toBe(0);
    expect(await page.getByTestId('connection-state').getAttribute('data-state')).toBe('closed');
  }, 60_000);
});
