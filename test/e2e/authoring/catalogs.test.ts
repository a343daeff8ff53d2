/**
 * The catalog editors in the page: a replica typed with a relative PFN is flagged at the PFN
 * field as it is typed; once fixed it is applied (one undo step) and the YAML shows it; the
 * site presets fill the site catalog.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppFixture, launchApp } from '../support/app';
import { node } from '../support/canvas';
import { COMMENTED_WORKFLOW, codeText } from './authoring-page';

let app: AppFixture;
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'pegasus-canvas-catalogs-'));
  const file = path.join(folder, 'commented.yml');
  await writeFile(file, COMMENTED_WORKFLOW);
  app = await launchApp({ initialFile: file });
  await node(app.page, 'j:prep').waitFor();
});

afterAll(async () => {
  await app?.close();
  await rm(folder, { recursive: true, force: true });
});

describe('catalog editors', () => {
  it('checks a replica as it is typed and applies it to the workflow', async () => {
    const { page } = app;
    await page.getByTestId('toggle-catalogs').click();
    await page.getByTestId('catalog-tab-replica').click();
    await page.getByTestId('catalog-new').click();
    await page.getByTestId('catalog-field-lfn').fill('f.a');
    await page.getByTestId('catalog-field-pfns.0.pfn').fill('data/f.a');
    const panel = page.getByTestId('catalog-panel');
    await panel.getByText('Use an absolute path or a URL').waitFor();
    await page.getByTestId('catalog-field-pfns.0.pfn').fill('/data/f.a');
    await panel.getByText('Use an absolute path or a URL').waitFor({ state: 'detached' });
    await page.getByTestId('catalog-field-checksum.sha256').fill('abc');
    await panel.getByText('64 hexadecimal digits').waitFor();
    expect(await page.getByTestId('catalog-apply').isDisabled()).toBe(true);
    await page.getByTestId('catalog-field-checksum.sha256').fill('');
    await page.getByTestId('catalog-apply').click();
    await expect.poll(() => page.getByTestId('catalog-entries').textContent()).toBe('f.a');
    // It is in the workflow: the YAML shows it.
    await page.getByTestId('toggle-code').click();
    await page.locator('[data-testid="code-editor"] .view-lines').waitFor();
    await expect.poll(() => codeText(page)).toMatch(/replicaCatalog:[\s\S]*lfn: f\.a[\s\S]*pfn: \/data\/f\.a/);
    await page.getByTestId('undo').click();
    await expect.poll(() => codeText(page)).not.toContain('replicaCatalog');
  });

  it('fills the site catalog from the ACCESS Pegasus preset', async () => {
    const { page } = app;
    await page.getByTestId('toggle-catalogs').click();
    await page.getByTestId('catalog-tab-site').click();
    await page.getByTestId('preset-access-pegasus').click();
    await expect
      .poll(() => page.getByTestId('catalog-entries').locator('li').allTextContents())
      .toEqual(['local', 'compute']);
  });
});
