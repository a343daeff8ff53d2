/**
 * The catalog editors in the page: a replica typed with a relative PFN is flagged at the PFN
 * field as it is typed; once fixed it is applied (one undo step) and the YAML shows it; the
 * site presets fill the site catalog.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppFixture, launchApp } from '../support/app';
import { node, openFile } from '../support/canvas';
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

  it('edits a replica catalog kept beside the workflow, marks the document unsaved, and writes it on Save', async () => {
    const { page } = app;
    const beside = path.join(folder, 'beside');
    await mkdir(beside);
    await writeFile(path.join(beside, 'wf.yml'), COMMENTED_WORKFLOW);
    await writeFile(
      path.join(beside, 'replicas.yml'),
      'pegasus: "5.0"\nreplicas:\n  - lfn: f.a\n    pfns:\n      - site: local\n        pfn: /data/f.a\n',
    );
    // The preset of the test before is an unsaved edit: take it back, so opening asks nothing.
    await page.getByTestId('undo').click();
    await page.locator('body[data-dirty="false"]').waitFor();
    await openFile(page, path.join(beside, 'wf.yml'));
    await page.locator('body[data-dirty="false"]').waitFor();
    if ((await page.getByTestId('catalog-panel').count()) === 0) await page.getByTestId('toggle-catalogs').click();
    await page.getByTestId('catalog-tab-replica').click();
    await expect
      .poll(() => page.getByTestId('catalog-place').textContent())
      .toContain('replicas.yml beside the workflow');
    await page.getByTestId('catalog-new').click();
    await page.getByTestId('catalog-field-lfn').fill('f.extra');
    await page.getByTestId('catalog-field-pfns.0.pfn').fill('https://example.org/f.extra');
    await page.getByTestId('catalog-apply').click();
    await page.locator('body[data-dirty="true"]').waitFor();
    await page.getByTestId('canvas').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+S');
    await page.locator('body[data-dirty="false"]').waitFor();
    const written = await readFile(path.join(beside, 'replicas.yml'), 'utf8');
    expect(written).toContain('lfn: f.a');
    expect(written).toContain('lfn: f.extra');
    expect(written).toContain('https://example.org/f.extra');
  });
});
