/**
 * The end-to-end fixture: browser mode (`startWebServer`) on a fresh temporary workspace,
 * driven by Debian's Chromium through playwright-core. It builds nothing: `npm test` runs
 * `npm run build` first, so `out/renderer` is there.
 *
 * One browser per test file (start it in `beforeAll`); pages are reused between tests.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { type WebServer, defaultRendererDir, startWebServer } from '../../../src/main/web';
import { sharedPath } from '../../support/shared-path';

/** Chromium's flags for tests (../shared/reference/security.md); Playwright gives each launch a new profile dir. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface AppFixture {
  browser: Browser;
  page: Page;
  server: WebServer;
  /** A fresh folder the page may read and write. */
  workspace: string;
  /** Recent files and the recovery folder of this run. */
  dataDir: string;
  /** Messages the page logged as errors (uncaught exceptions and console.error). */
  pageErrors: string[];
  /** Loads the app again (a new start, same server) and waits until a document shows. */
  reload(): Promise<void>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** A workflow to open at start. */
  initialFile?: string;
  /** Viewport size; default 1400×900. */
  viewport?: { width: number; height: number };
}

/** Starts the server and Chromium, opens the app and waits for `data-app-state="ready"`. */
export async function launchApp(options: LaunchOptions = {}): Promise<AppFixture> {
  // A build of its own lets one check run while another build is being written.
  const rendererDir = process.env.PEGASUS_CANVAS_RENDERER_DIR || defaultRendererDir();
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`${rendererDir}/index.html is missing: run \`npm run build\` before the end-to-end tests`);
  }
  const workspace = await mkdtemp(path.join(os.tmpdir(), 'pegasus-canvas-e2e-'));
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'pegasus-canvas-e2e-data-'));
  const server = await startWebServer({
    rendererDir,
    roots: [workspace, sharedPath(), ...(options.initialFile ? [path.dirname(options.initialFile)] : [])],
    appDataDir: dataDir,
    initialFile: options.initialFile ?? null,
    onInternalError: (channel, error) => process.stderr.write(`e2e server: ${channel}: ${String(error)}\n`),
  });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  // Reduced motion: the app then changes the view without animation, so what a test reads is final.
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1400, height: 900 }, permissions: [], reducedMotion: 'reduce' });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  const fixture: AppFixture = {
    browser,
    page,
    server,
    workspace,
    dataDir,
    pageErrors,
    async reload() {
      await page.goto(server.url);
      await page.locator('body[data-app-state="ready"]').waitFor();
    },
    async close() {
      await browser.close().catch(() => undefined);
      await server.close().catch(() => undefined);
      await rm(workspace, { recursive: true, force: true });
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await fixture.reload();
  } catch (error) {
    await fixture.close();
    throw error;
  }
  return fixture;
}
