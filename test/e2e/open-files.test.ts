/**
 * Opening files: every example workflow shows one job node per job; a file that cannot be
 * read shows why, with line and column, and leaves the open document as it was.
 */
import { readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorkflow } from '../../src/shared/formats/pegasus-yaml';
import { sharedPath } from '../support/shared-path';
import { type AppFixture, launchApp } from './support/app';
import { openFile } from './support/canvas';

let app: AppFixture;

beforeAll(async () => {
  app = await launchApp();
});

afterAll(async () => {
  await app?.close();
});

const examples = readdirSync(sharedPath('examples'))
  .filter((name) => /\.(ya?ml|json)$/.test(name))
  .sort();

async function jobIds(file: string): Promise<string[]> {
  const read = readWorkflow(await readFile(file, 'utf8'), { file });
  if (!read.ok) throw new Error(`${file}: ${read.diagnostics.map((d) => d.message).join('; ')}`);
  return [...new Set(read.value.jobs.map((j) => j.id))].sort();
}

async function shownJobIds(app: AppFixture): Promise<string[]> {
  const ids = await app.page.getByTestId('job-node').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-job-id') ?? ''));
  return ids.sort();
}

describe('opening the example workflows', () => {
  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
  });

  it.each(examples)('%s shows one job node per job', async (name) => {
    const file = sharedPath('examples', name);
    const expected = await jobIds(file);
    await openFile(app.page, file);
    await expect.poll(() => app.page.getByTestId('doc-name').textContent()).toBe(name);
    await expect.poll(() => shownJobIds(app), { timeout: 15_000 }).toEqual(expected);
  });
});

describe('opening a file that cannot be read', () => {
  it('shows the error with line and column and leaves the open document untouched', async () => {
    const { page, workspace } = app;
    await openFile(page, sharedPath('examples', 'diamond.yml'));
    await expect.poll(() => shownJobIds(app)).toEqual(['analyze', 'findrange_1', 'findrange_2', 'preprocess']);
    // An unsaved edit, to show it survives too: move nothing, add a file.
    await page.getByTestId('palette-file').first().focus();
    await page.keyboard.press('Enter');
    await page.locator('body[data-dirty="true"]').waitFor();
    const fileNodes = await page.getByTestId('file-node').count();

    const broken = path.join(workspace, 'broken.yml');
    await writeFile(broken, 'pegasus: 5.0.4\nname: broken\njobs:\n  - id: a\n    type: job\n    name: [unclosed\n    uses: []\n');
    await openFile(page, broken, true);
    const dialog = page.getByTestId('error-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/broken\.yml/);
    expect(await dialog.textContent()).toMatch(/\b\d+:\d+\b/);

    await page.getByTestId('error-close').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByTestId('doc-name').textContent()).toBe('• diamond.yml');
    expect(await shownJobIds(app)).toEqual(['analyze', 'findrange_1', 'findrange_2', 'preprocess']);
    expect(await page.getByTestId('file-node').count()).toBe(fileNodes);
    expect(await page.locator('body').getAttribute('data-dirty')).toBe('true');
  });
});
