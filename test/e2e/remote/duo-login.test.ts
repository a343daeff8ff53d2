/**
 * Logging in the way ACCESS hosts ask (issue 6), in the page: an in-process SSH server asks
 * for a Duo menu choice and then a passcode by keyboard-interactive; the page shows each
 * prompt with the server's instructions (again after a reload), hides the passcode as it is
 * typed, and connects.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKbdServer, type KbdServer } from '../../integration/support/kbd-server';
import { diamondWorkflow, launchBrowser, launchRemoteApp, type RemoteApp } from './support/remote-app';

let server: KbdServer;
let browser: Browser;
let dir: string;
let app: RemoteApp;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'pegasus-canvas-e2e-duo-'));
  server = await startKbdServer({
    dir,
    rounds: [
      {
        name: 'Duo two-factor login',
        instructions: 'Enter a passcode or select one of the following options:\n\n 1. Duo Push to XXX-XXX-1234\n 2. Phone call to XXX-XXX-1234',
        prompts: [{ prompt: 'Passcode or option (1-2): ', echo: true }],
        accept: (answers) => answers[0] === '1',
      },
      { prompts: [{ prompt: 'Duo passcode: ', echo: false }], accept: (answers) => answers[0] === '424242' },
    ],
  });
  browser = await launchBrowser();
  app = await launchRemoteApp(browser, await diamondWorkflow(path.join(dir, 'wf'), 'diamond'));
}, 60_000);

afterAll(async () => {
  await app?.close();
  await browser?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a Duo login answered in the page', () => {
  it('shows every prompt with its instructions and connects with the answers', async () => {
    const { page } = app;
    await page.getByTestId('remote-tab-connection').click();
    await page.getByTestId('profile-name').fill('duo');
    await page.getByTestId('profile-host').fill(server.host);
    await page.getByTestId('profile-port').fill(String(server.port));
    await page.getByTestId('profile-user').fill('scientist');
    await page.getByTestId('connect').click();

    const hostKey = page.locator('[data-testid="prompt"][data-prompt-kind="hostKey"]');
    await hostKey.waitFor();
    // A page reloaded while the question waits shows it again.
    await page.reload();
    await page.locator('body[data-app-state="ready"]').waitFor();
    await hostKey.waitFor();
    expect(await hostKey.getByTestId('host-key-fingerprint').textContent()).toBe(server.hostKeyFingerprint);
    await hostKey.getByTestId('trust-host-key').click();

    const menu = page.locator('[data-testid="prompt"][data-prompt-kind="keyboardInteractive"]', { hasText: 'Passcode or option (1-2)' });
    await menu.waitFor();
    expect(await menu.textContent()).toContain('1. Duo Push to XXX-XXX-1234');
    expect(await menu.getByTestId('prompt-input-0').getAttribute('type')).toBe('text');
    await menu.getByTestId('prompt-input-0').fill('1');
    await menu.getByTestId('prompt-ok').click();

    const passcode = page.locator('[data-testid="prompt"][data-prompt-kind="keyboardInteractive"]', { hasText: 'Duo passcode' });
    await passcode.waitFor();
    expect(await passcode.getByTestId('prompt-input-0').getAttribute('type')).toBe('password');
    // A one-time code is never offered for remembering.
    expect(await passcode.getByTestId('prompt-remember').count()).toBe(0);
    await passcode.getByTestId('prompt-input-0').fill('424242');
    await passcode.getByTestId('prompt-ok').click();

    await page.getByTestId('remote-tab-connection').click();
    await page.locator('[data-testid="connection-state"][data-state="ready"]').waitFor({ timeout: 30_000 });
    expect(server.attempts.filter((a) => a.method === 'keyboard-interactive').at(-1)?.answers).toEqual([['1'], ['424242']]);
    expect(app.pageErrors).toEqual([]);
  });
});
