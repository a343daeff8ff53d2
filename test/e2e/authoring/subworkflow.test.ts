/**
 * Structure: double-clicking a pegasusWorkflow job opens its workflow with a breadcrumb back;
 * a condorWorkflow job shows its DAG file; a transformation's local script opens in the
 * editor and is saved beside the workflow.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppFixture, launchApp } from '../support/app';
import { node, selectNode } from '../support/canvas';

let app: AppFixture;
let folder: string;

const PARENT = `pegasus: "5.0"
name: parent
transformationCatalog:
  transformations:
    - name: prep
      sites:
        - name: local
          pfn: scripts/prep.sh
          type: stageable
jobs:
  - type: job
    name: prep
    id: prep
    arguments: []
    uses:
      - lfn: f.a
        type: output
        stageOut: false
        registerReplica: false
  - type: pegasusWorkflow
    file: child.yml
    id: child
    arguments: [--sites, condorpool]
    uses:
      - lfn: f.a
        type: input
      - lfn: child.yml
        type: input
  - type: condorWorkflow
    file: legacy.dag
    id: legacy
    arguments: []
    uses:
      - lfn: legacy.dag
        type: input
`;

const CHILD = `pegasus: "5.0"
name: child
jobs:
  - type: job
    name: inner
    id: inner
    arguments: [f.a]
    uses:
      - lfn: f.a
        type: input
`;

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'pegasus-canvas-sub-'));
  await writeFile(path.join(folder, 'parent.yml'), PARENT);
  await writeFile(path.join(folder, 'child.yml'), CHILD);
  await writeFile(path.join(folder, 'legacy.dag'), 'JOB A a.sub\nRETRY A 2\n');
  await mkdir(path.join(folder, 'scripts'));
  await writeFile(path.join(folder, 'scripts', 'prep.sh'), '#!/bin/bash\necho preparing\n');
  app = await launchApp({ initialFile: path.join(folder, 'parent.yml') });
  await node(app.page, 'j:child').waitFor();
});

afterAll(async () => {
  await app?.close();
  await rm(folder, { recursive: true, force: true });
});

const dialogText = () =>
  app.page.locator('[data-testid="text-file-editor"] .view-lines').evaluate((el) =>
    [...el.querySelectorAll('.view-line')]
      .map((line) => ({
        top: parseFloat((line as HTMLElement).style.top || '0'),
        text: (line.textContent ?? '').replace(/\u00a0/g, ' '),
      }))
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text)
      .join('\n'),
  );

describe('sub-workflows', () => {
  it('opens a pegasusWorkflow job on double-click, with a breadcrumb back', async () => {
    const { page } = app;
    await node(page, 'j:child').dblclick();
    await node(page, 'j:inner').waitFor();
    await page.getByTestId('breadcrumb').waitFor();
    expect(await page.getByTestId('breadcrumb').textContent()).toBe('parent.yml (child) › child.yml');
    await page.getByTestId('crumb-0').click();
    await node(page, 'j:prep').waitFor();
    await page.getByTestId('breadcrumb').waitFor({ state: 'detached' });
  });

  it("shows a condorWorkflow job's DAG file", async () => {
    const { page } = app;
    await selectNode(page, 'j:legacy');
    await page.getByTestId('open-subworkflow').click();
    await page.locator('[data-testid="text-file-editor"] .view-lines').waitFor();
    await expect.poll(dialogText).toBe('JOB A a.sub\nRETRY A 2\n');
    await page.getByTestId('text-file-dialog').getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('text-file-dialog').waitFor({ state: 'detached' });
  });

  it("edits a transformation's local script and saves it beside the workflow", async () => {
    const { page } = app;
    await selectNode(page, 'j:prep');
    await page.getByTestId('open-script').click();
    await page.locator('[data-testid="text-file-editor"] .view-lines').waitFor();
    await expect.poll(dialogText).toContain('echo preparing');
    await page.locator('[data-testid="text-file-editor"] .view-line', { hasText: /echo.preparing/ }).click();
    await page.keyboard.press('End');
    await page.keyboard.insertText('\necho done');
    await page.getByTestId('text-file-save').click();
    await expect
      .poll(() => readFile(path.join(folder, 'scripts', 'prep.sh'), 'utf8'))
      .toBe('#!/bin/bash\necho preparing\necho done\n');
    await page.getByTestId('text-file-dialog').getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('text-file-dialog').waitFor({ state: 'detached' });
  });

  it("edits a sub-workflow's planner arguments as fields, in one undo step", async () => {
    const { page } = app;
    await selectNode(page, 'j:child');
    await page.getByTestId('open-planner-args').click();
    expect(await page.getByTestId('planner--sites').inputValue()).toBe('condorpool');
    await page.getByTestId('planner--output-sites').fill('local');
    await page.getByTestId('planner-apply').click();
    await page.getByTestId('planner-args-dialog').waitFor({ state: 'detached' });
    await expect
      .poll(() => page.getByTestId('prop-job-arguments').inputValue())
      .toBe('--sites\ncondorpool\n--output-sites\nlocal');
    await page.getByTestId('undo').click();
    await expect.poll(() => page.getByTestId('prop-job-arguments').inputValue()).toBe('--sites\ncondorpool');
  });
});
