/**
 * A sweep of 10 from one job: ten jobs with their own output files appear on the canvas, and
 * one undo takes them all back (the template returns).
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

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'pegasus-canvas-sweep-'));
  const file = path.join(folder, 'commented.yml');
  await writeFile(file, COMMENTED_WORKFLOW);
  app = await launchApp({ initialFile: file });
  await node(app.page, 'j:prep').waitFor();
});

afterAll(async () => {
  await app?.close();
  await rm(folder, { recursive: true, force: true });
});

const sweptIds = Array.from({ length: 10 }, (_, i) => `prep_${i + 1}`);

describe('sweep', () => {
  it('makes 10 jobs from one and undoes them in one step', async () => {
    const { page } = app;
    await selectNode(page, 'j:prep');
    await page.getByTestId('open-sweep').click();
    await page.getByTestId('sweep-dialog').waitFor();
    await page.getByTestId('sweep-var-values-0').fill('1..10');
    // The shared output would have ten producers: the dialog says so until it has a pattern.
    await expect.poll(() => page.getByTestId('sweep-preview').textContent()).toContain('would both produce "f.b"');
    expect(await page.getByTestId('sweep-make').isDisabled()).toBe(true);
    await page.getByTestId('sweep-file-f.b').fill('{sample}_f.b');
    await expect.poll(() => page.getByTestId('sweep-preview').textContent()).toBe('10 jobs');
    await page.getByTestId('sweep-make').click();
    await page.getByTestId('sweep-dialog').waitFor({ state: 'detached' });
    await page.getByTitle('Fit (F)').click();
    for (const id of sweptIds) await node(page, `j:${id}`).waitFor();
    await node(page, 'f:3_f.b').waitFor();
    await expect.poll(() => page.getByTestId('job-node').count()).toBe(11);
    await node(page, 'j:prep').waitFor({ state: 'detached' });

    await page.getByTestId('undo').click();
    await node(page, 'j:prep').waitFor();
    await expect.poll(() => page.getByTestId('job-node').count()).toBe(2);
    for (const id of sweptIds) expect(await node(page, `j:${id}`).count()).toBe(0);
    await page.getByTestId('redo').click();
    await expect.poll(() => page.getByTestId('job-node').count()).toBe(11);
  });
});
