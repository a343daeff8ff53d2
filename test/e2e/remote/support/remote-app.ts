/**
 * The remote end-to-end fixture: browser mode started in-process with its own HOME for the
 * SSH side (an empty known_hosts, so the page must trust the host key), Debian's OpenSSH on
 * 127.0.0.1 playing ACCESS Pegasus with the stand-in tools, and Chromium. Helpers act as the
 * user does: fill the connection form, answer the prompts, wait for states.
 */
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { type WebServer, defaultRendererDir, startWebServer } from '../../../../src/main/web';
import type { SshdServer } from '../../../integration/support/sshd';
import { diamondCopy } from '../../../integration/submit/access-host';
import { CHROMIUM_ARGS } from '../../support/app';

export interface RemoteApp {
  page: Page;
  server: WebServer;
  workspace: string;
  /** Profiles and run records. */
  dataDir: string;
  /** The HOME of the app's SSH side (~/.ssh/known_hosts). */
  home: string;
  pageErrors: string[];
  close(): Promise<void>;
}

/**
 * The diamond as the Pegasus Python API lays it out (../shared/examples/diamond-catalogs:
 * workflow.yml with sites.yml, replicas.yml and transformations.yml beside it), named `name`
 * (the stand-ins pick their scenario from it: `fail` in the name makes the last job fail),
 * with its input f.a on the "laptop" and the replica catalog pointing at it.
 */
export async function diamondWorkflow(dir: string, name: string): Promise<string> {
  return (await diamondCopy(dir, name)).workflow;
}

/** Starts browser mode on `workflow` with a fresh HOME and data folder, and opens it in Chromium. */
export async function launchRemoteApp(browser: Browser, workflow: string, options: { dataDir?: string } = {}): Promise<RemoteApp> {
  const workspace = path.dirname(workflow);
  const home = await mkdtemp(path.join(os.tmpdir(), 'pegasus-canvas-e2e-home-'));
  await mkdir(path.join(home, '.ssh'), { recursive: true, mode: 0o700 });
  // A given data folder is the same app started again (its profiles and runs are remembered there).
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'pegasus-canvas-e2e-data-')));
  const server = await startWebServer({
    rendererDir: process.env.PEGASUS_CANVAS_RENDERER_DIR || defaultRendererDir(),
    roots: [workspace],
    appDataDir: dataDir,
    initialFile: workflow,
    remote: { homeDir: home, agent: null, pollIntervalMs: 250 },
    onInternalError: (channel, error) => process.stderr.write(`e2e server: ${channel}: ${String(error)}\n`),
  });
  const context = await browser.newContext({ viewport: { width: 1500, height: 950 }, permissions: [] });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(server.url);
  await page.locator('body[data-app-state="ready"]').waitFor();
  return {
    page,
    server,
    workspace,
    dataDir,
    home,
    pageErrors,
    async close() {
      await context.close().catch(() => undefined);
      await server.close().catch(() => undefined);
      await rm(home, { recursive: true, force: true });
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

/** Copies the harness's encrypted client key next to the workflow (the key a scientist would use). */
export async function clientKey(server: SshdServer, dir: string): Promise<string> {
  const key = path.join(dir, 'id_ed25519');
  await copyFile(server.encryptedClientKeyPath, key);
  return key;
}

/**
 * Fills a profile for the harness's sshd and connects: trusts the host key after checking the
 * fingerprint shown is the server's, then types the key's passphrase. Resolves when connected.
 */
export async function connect(page: Page, server: SshdServer, key: string): Promise<{ fingerprint: string; rememberRefusal: string }> {
  await page.getByTestId('remote-tab-connection').click();
  await page.getByTestId('profile-name').fill('test host');
  await page.getByTestId('profile-host').fill(server.host);
  await page.getByTestId('profile-port').fill(String(server.port));
  await page.getByTestId('profile-user').fill(server.user);
  await page.getByTestId('profile-identity').fill(key);
  await page.getByTestId('connect').click();

  const hostKey = page.locator('[data-testid="prompt"][data-prompt-kind="hostKey"]');
  await hostKey.waitFor();
  const fingerprint = (await hostKey.getByTestId('host-key-fingerprint').textContent()) ?? '';
  await hostKey.getByTestId('trust-host-key').click();

  const passphrase = page.locator('[data-testid="prompt"][data-prompt-kind="passphrase"]');
  await passphrase.waitFor();
  const rememberRefusal = (await passphrase.getByTestId('prompt-remember-refusal').textContent()) ?? '';
  await passphrase.getByTestId('prompt-input-0').fill(server.clientKeyPassphrase);
  await passphrase.getByTestId('prompt-ok').click();
  await page.locator('[data-testid="connection-state"][data-state="ready"]').waitFor({ timeout: 30_000 });
  return { fingerprint, rememberRefusal };
}

/** Submits the open workflow from the Runs tab; resolves when its run shows, or fails with the page's message. */
export async function submit(page: Page): Promise<void> {
  await page.getByTestId('remote-tab-runs').click();
  await page.getByTestId('submit-run').click();
  const outcome = page.locator('[data-testid="run-row"], [data-testid="submit-error"]');
  await outcome.first().waitFor({ timeout: 60_000 });
  const error = page.getByTestId('submit-error');
  if (await error.count()) throw new Error(`submit failed: ${await error.textContent()}`);
}
