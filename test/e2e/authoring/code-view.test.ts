/**
 * The code view in sync with the canvas: a text edit that reads changes the canvas as one
 * step; text that does not read leaves the canvas alone and marks the line; a canvas edit
 * reaches the text without losing the user's comments, key order and unknown keys.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppFixture, launchApp } from '../support/app';
import { node, selectNode, wire } from '../support/canvas';
import { COMMENTED_WORKFLOW, codeText, cursorAtEndOf, openCodeView } from './authoring-page';

let app: AppFixture;
let folder: string;
let file: string;

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'pegasus-canvas-code-'));
  file = path.join(folder, 'commented.yml');
  await writeFile(file, COMMENTED_WORKFLOW);
  app = await launchApp({ initialFile: file });
  await node(app.page, 'j:prep').waitFor();
  await openCodeView(app.page);
});

afterAll(async () => {
  await app?.close();
  await rm(folder, { recursive: true, force: true });
});

describe('code view', () => {
  it('shows the file as the user wrote it, comments and unknown keys included', async () => {
    const text = await codeText(app.page);
    expect(text).toContain('# Made by hand: keep this header.');
    expect(text).toContain('# keep: the raw reads come from the sequencer');
    expect(text).toContain('x-lab-notes: reviewed by the PI');
  });

  it('applies an argument typed in the YAML to the canvas, and undoes it in one step', async () => {
    const { page } = app;
    await cursorAtEndOf(page, 'arguments: [-i, f.a');
    await page.keyboard.press('Backspace');
    // One input event, as a paste: no half-typed state reaches the reader.
    await page.keyboard.insertText(', --fast]');
    await selectNode(page, 'j:prep');
    await expect
      .poll(() => page.getByTestId('prop-job-arguments').inputValue())
      .toBe(['-i', 'f.a', '-o', 'f.b', '--fast'].join('\n'));
    await page.getByTestId('undo').click();
    await expect
      .poll(() => page.getByTestId('prop-job-arguments').inputValue())
      .toBe(['-i', 'f.a', '-o', 'f.b'].join('\n'));
    // The undo reaches the text too, and the comments are still there.
    await expect.poll(() => codeText(app.page)).not.toContain('--fast');
    expect(await codeText(page)).toContain('# keep: the raw reads come from the sequencer');
  });

  it('marks text that does not read and leaves the canvas as it was', async () => {
    const { page } = app;
    await cursorAtEndOf(page, 'name: analyze');
    await page.keyboard.insertText('\n    arguments: [unclosed');
    await page.getByTestId('code-stale').waitFor();
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="code-editor"]')?.getAttribute('data-marker-count')) > 0,
    );
    await expect.poll(() => page.getByTestId('job-node').count()).toBe(2);
    expect(await node(page, 'j:analyze').textContent()).toContain('analyze');
    // Take the bad line out again: the text reads and the note goes.
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Backspace');
    await page.getByTestId('code-stale').waitFor({ state: 'detached' });
    expect(await codeText(page)).not.toContain('unclosed');
  });

  it('keeps the comment above a job when a file is wired to it on the canvas', async () => {
    const { page } = app;
    await wire(page, 'f:f.b', 'j:analyze');
    await expect.poll(() => codeText(page)).toMatch(/id: analyze[\s\S]*lfn: f\.b\s+type: input/);
    const text = await codeText(page);
    expect(text).toContain('# Made by hand: keep this header.');
    expect(text).toContain('# keep: the raw reads come from the sequencer');
    expect(text).toContain('x-lab-notes: reviewed by the PI');
    // Key order as written: the unknown key still sits before the jobs.
    expect(text.indexOf('x-lab-notes')).toBeLessThan(text.indexOf('jobs:'));
    expect(text.indexOf('# keep: the raw reads')).toBeLessThan(text.indexOf('id: prep'));
  });

  it('saves the file with the comments, the key order and the unknown key as written', async () => {
    const { page } = app;
    await page.getByTestId('canvas').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+S');
    await page.locator('body[data-dirty="false"]').waitFor();
    const saved = await readFile(file, 'utf8');
    expect(
      saved.startsWith(
        '# Made by hand: keep this header.\npegasus: "5.0"\nname: commented\nx-lab-notes: reviewed by the PI\njobs:\n  # keep: the raw reads come from the sequencer\n',
      ),
    ).toBe(true);
    expect(saved).toMatch(/id: analyze[\s\S]*lfn: f\.b\s+type: input/);
    expect(saved).toContain('arguments: [-i, f.a, -o, f.b]');
  });
});
