import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRendererDir, startWebServer, type WebServer } from '../../../src/main/web';
import { sharedPath } from '../../support/shared-path';

// The built renderer in Debian's Chromium (security.md: the test flags), in browser mode.
let dataDir: string;
let server: WebServer;
let browser: Browser;
let page: Page;

/** Puts one link on top of the page. The script runs in the page (a string: this file has no DOM types). */
async function addLink(href: string, target?: string): Promise<void> {
  await page.evaluate(`(() => {
    document.getElementById('probe-link')?.remove();
    const a = document.createElement('a');
    a.id = 'probe-link';
    a.href = ${JSON.stringify(href)};
    if (${JSON.stringify(target ?? '')}) a.target = ${JSON.stringify(target ?? '')};
    a.textContent = 'probe';
    a.style.cssText = 'position:fixed;left:4px;top:4px;z-index:99999;background:#fff;padding:4px';
    document.body.append(a);
  })()`);
}

beforeAll(async () => {
  const rendererDir = defaultRendererDir();
  if (!existsSync(path.join(rendererDir, 'index.html'))) throw new Error(`${rendererDir}/index.html is missing: run \`npm run build\` first`);
  dataDir = await mkdtemp(path.join(tmpdir(), 'pc-links-'));
  server = await startWebServer({ rendererDir, roots: [sharedPath('examples')], appDataDir: dataDir, initialFile: sharedPath('examples', 'diamond.yml') });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage();
  await page.goto(server.url);
  await page.waitForSelector('body[data-app-state="ready"]');
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('a link cannot replace the app (browser mode)', () => {
  it('loads from the secret URL, which leaves the address bar', () => {
    expect(page.url()).toBe(`${server.origin}/`);
  });

  it('keeps the app when an external https link is clicked', async () => {
    await addLink('https://example.org/elsewhere');
    await page.click('#probe-link');
    await page.waitForTimeout(300);
    expect(page.url()).toBe(`${server.origin}/`);
    expect(await page.getAttribute('body', 'data-app-state')).toBe('ready');
  });

  it('keeps the app for target=_blank, http:, file: and javascript: links', async () => {
    for (const [href, target] of [
      ['https://example.org/', '_blank'],
      ['http://127.0.0.1:9/', undefined],
      ['file:///etc/passwd', undefined],
      ['javascript:location.href="https://example.org/"', undefined],
    ] as const) {
      await addLink(href, target);
      await page.click('#probe-link');
      await page.waitForTimeout(200);
      expect(page.url(), href).toBe(`${server.origin}/`);
    }
    expect(await page.getAttribute('body', 'data-app-state')).toBe('ready');
  });

  it('still follows links inside the app', async () => {
    await addLink('#help');
    await page.click('#probe-link');
    expect(page.url()).toBe(`${server.origin}/#help`);
    await page.evaluate("history.replaceState(null, '', '/')");
  });
});
