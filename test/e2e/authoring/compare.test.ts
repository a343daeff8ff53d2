/**
 * Compare two workflows: the open document against another file lists the jobs, files and
 * dependencies added, removed and changed, and outlines the added jobs on the canvas; after an
 * edit, the comparison with the saved file shows that edit.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppFixture, launchApp } from '../support/app';
import { node, selectNode } from '../support/canvas';
import { COMMENTED_WORKFLOW } from './authoring-page';

let app: AppFixture;
let folder: string;
let other: string;

/** The commented workflow with `analyze` gone, `report` added and `prep` given other arguments. */
const OTHER_WORKFLOW = COMMENTED_WORKFLOW.replace(/ {2}- type: job\n {4}name: analyze[\s\S]*$/, '').replace(
  'arguments: [-i, f.a, -o, f.b]',
  'arguments: [-i, f.a, -o, f.b, --slow]',
).concat(`  - type: job
    name: report
    id: report
    arguments: [f.b]
    uses:
      - lfn: f.b
        type: input
      - lfn: report.pdf
        type: output
        stageOut: true
        registerReplica: false
`);

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'pegasus-canvas-compare-'));
  const file = path.join(folder, 'commented.yml');
  other = path.join(folder, 'other.yml');
  await writeFile(file, COMMENTED_WORKFLOW);
  await writeFile(other, OTHER_WORKFLOW);
  app = await launchApp({ initialFile: file });
  await node(app.page, 'j:prep').waitFor();
});

afterAll(async () => {
  await app?.close();
  await rm(folder, { recursive: true, force: true });
});

async function items(testId: string): Promise<string[]> {
  const list = app.page.getByTestId(testId);
  if ((await list.count()) === 0) return [];
  return (await list.locator('li').allTextContents()).map((t) => t.replace(/^[+−~] /, '').trim());
}

describe('compare', () => {
  it('lists what the document adds, removes and changes against another workflow file', async () => {
    const { page } = app;
    await page.getByTestId('toggle-compare').click();
    await page.getByTitle('Fit (F)').click();
    await page.getByTestId('compare-path').fill(other);
    await page.getByTestId('compare-other').click();
    await page.getByTestId('compare-result').waitFor();
    expect(await items('compare-jobs-added')).toEqual(['analyze']);
    expect(await items('compare-jobs-removed')).toEqual(['report']);
    expect(await items('compare-jobs-changed')).toEqual(['prep (arguments)']);
    expect(await items('compare-files-added')).toEqual(['f.c']);
    expect(await items('compare-files-removed')).toEqual(['report.pdf']);
    expect(await items('compare-deps-removed')).toEqual(['prep → report']);
    // The added job is outlined on the canvas, the unchanged file is not.
    const outline = (key: string) => node(page, key).evaluate((el) => getComputedStyle(el).outlineStyle);
    await expect.poll(() => outline('j:analyze')).toBe('solid');
    expect(await outline('f:f.a')).toBe('none');
  });

  it('shows an edit against the saved file, and nothing once it is undone', async () => {
    const { page } = app;
    await selectNode(page, 'j:analyze');
    await page.keyboard.press('Delete');
    await node(page, 'j:analyze').waitFor({ state: 'detached' });
    await page.getByTestId('compare-saved').click();
    await expect.poll(() => items('compare-jobs-removed')).toEqual(['analyze']);
    await page.getByTestId('undo').click();
    await page.getByTestId('compare-same').waitFor();
  });
});
