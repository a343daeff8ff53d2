/**
 * Editing on the canvas: duplicate, delete, move (one step per drag and per arrow key),
 * copy and paste as Pegasus YAML, diagnostics that select and centre their target, the
 * shortcuts dialog, and restoring autosaved work after a restart.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedPath } from '../support/shared-path';
import { type AppFixture, launchApp } from './support/app';
import { dropFromPalette, node, openFile, selectNode, wire } from './support/canvas';

let app: AppFixture;

beforeAll(async () => {
  app = await launchApp();
});

afterAll(async () => {
  await app?.close();
});

function jobCount(page: Page): Promise<number> {
  return page.getByTestId('job-node').count();
}

async function transformOf(page: Page, key: string): Promise<string> {
  return /transform:\s*([^;]+)/.exec((await node(page, key).getAttribute('style')) ?? '')?.[1] ?? '';
}

describe('editing the diamond', () => {
  beforeAll(async () => {
    await openFile(app.page, sharedPath('examples', 'diamond.yml'));
    await node(app.page, 'j:analyze').waitFor();
  });

  it('duplicates a job with a fresh id and a fresh output name, and undoes it in one step', async () => {
    const { page } = app;
    await selectNode(page, 'j:findrange_1');
    await page.keyboard.press('Control+D');
    await expect.poll(() => jobCount(page)).toBe(5);
    await node(page, 'j:findrange_3').waitFor();
    await node(page, 'f:f.c1_2').waitFor();
    // The copy reads what the original reads, so it depends on the same producer.
    await page.keyboard.press('J');
    await page.locator('[data-testid="dep-edge"][data-parent="preprocess"][data-child="findrange_3"]').waitFor();
    await page.keyboard.press('J');
    await page.keyboard.press('Control+Z');
    await expect.poll(() => jobCount(page)).toBe(4);
    await node(page, 'f:f.c1_2').waitFor({ state: 'detached' });
  });

  it('makes a job of a catalog transformation, and a sub-workflow that looks different', async () => {
    const { page } = app;
    await page.getByTestId('palette-transformation').filter({ hasText: 'diamond::analyze:4.0' }).dragTo(page.getByTestId('canvas'), { targetPosition: { x: 120, y: 120 } });
    const job = page.locator('[data-testid="job-node"][data-job-id="analyze_2"]');
    await job.waitFor();
    expect(await job.textContent()).toContain('diamond::analyze:4.0');
    await dropFromPalette(page, 'palette-subworkflow', 120, 300);
    const sub = page.locator('[data-testid="job-node"][data-job-id="subworkflow"]');
    await sub.waitFor();
    expect(await sub.getAttribute('data-subworkflow')).toBe('true');
    expect(await sub.getAttribute('class')).toContain('subworkflow-node');
    await node(page, 'f:subworkflow.yml').waitFor();
    await page.keyboard.press('Control+Z');
    await page.keyboard.press('Control+Z');
    await expect.poll(() => jobCount(page)).toBe(4);
  });

  it('wires job → job as an explicit dependency, drawn apart from the inferred ones', async () => {
    const { page } = app;
    await wire(page, 'j:preprocess', 'j:analyze');
    await page.getByTestId('toggle-view').click();
    const explicit = page.locator('[data-testid="dep-edge"][data-parent="preprocess"][data-child="analyze"]');
    // A straight vertical edge has no width, so wait for it in the page rather than "visible".
    await explicit.waitFor({ state: 'attached' });
    expect(await explicit.getAttribute('data-kind')).toBe('explicit');
    expect(await page.locator('[data-testid="dep-edge"][data-kind="inferred"]').count()).toBe(4);
    await page.keyboard.press('Control+Z');
    await explicit.waitFor({ state: 'detached' });
    await page.getByTestId('toggle-view').click();
    await node(page, 'f:f.a').waitFor();
  });

  it('selects with a box (Shift+drag) and shows how many are selected', async () => {
    const { page } = app;
    await page.keyboard.press('F');
    const canvas = (await page.getByTestId('canvas').boundingBox())!;
    await page.keyboard.down('Shift');
    await page.mouse.move(canvas.x + 4, canvas.y + 4);
    await page.mouse.down();
    await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2, { steps: 4 });
    await page.mouse.move(canvas.x + canvas.width - 4, canvas.y + canvas.height - 4, { steps: 4 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await expect.poll(() => page.locator('.react-flow__node.selected').count()).toBe(10);
    await page.getByText('10 items selected').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.react-flow__node.selected').count()).toBe(0);
  });

  it('deletes a file from every job that uses it, and undo brings it back', async () => {
    const { page } = app;
    await selectNode(page, 'f:f.d');
    await page.keyboard.press('Delete');
    await node(page, 'f:f.d').waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid="use-edge"][data-lfn="f.d"]').count()).toBe(0);
    await page.keyboard.press('Control+Z');
    await node(page, 'f:f.d').waitFor();
    await page.locator('[data-testid="use-edge"][data-job-id="analyze"][data-lfn="f.d"]').waitFor();
  });

  it('records a whole drag as one step, and an arrow key as one more', async () => {
    const { page } = app;
    const key = 'j:preprocess';
    const start = await transformOf(page, key);
    const box = (await node(page, key).boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 8);
    await page.mouse.down();
    for (let i = 1; i <= 8; i++) await page.mouse.move(box.x + box.width / 2 + i * 15, box.y + box.height / 2 - 8 + i * 5);
    await page.mouse.up();
    await expect.poll(() => transformOf(page, key)).not.toBe(start);
    const dragged = await transformOf(page, key);
    await node(page, key).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => transformOf(page, key)).not.toBe(dragged);
    await page.keyboard.press('Control+Z');
    await expect.poll(() => transformOf(page, key)).toBe(dragged);
    await page.keyboard.press('Control+Z');
    await expect.poll(() => transformOf(page, key)).toBe(start);
  });

  it('arranges the graph in one undoable step, keeping parents above children', async () => {
    const { page } = app;
    const keys = ['j:preprocess', 'j:findrange_1', 'j:analyze', 'f:f.a', 'f:f.d'];
    // Put the final output at the top left, against the flow.
    await page.keyboard.press('F');
    const canvas = (await page.getByTestId('canvas').boundingBox())!;
    const box = (await node(page, 'f:f.d').boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(canvas.x + 60, canvas.y + 40, { steps: 8 });
    await page.mouse.up();
    const before = await Promise.all(keys.map((k) => transformOf(page, k)));
    await page.getByTestId('arrange').click();
    await expect.poll(async () => (await Promise.all(keys.map((k) => transformOf(page, k)))).join()).not.toBe(before.join());
    const y = async (k: string) => Number(/translate\([^,]+,\s*([-\d.]+)px\)/.exec(await transformOf(page, k))?.[1]);
    expect(await y('f:f.a')).toBeLessThan(await y('j:preprocess'));
    expect(await y('j:preprocess')).toBeLessThan(await y('j:findrange_1'));
    expect(await y('j:analyze')).toBeLessThan(await y('f:f.d'));
    await page.keyboard.press('Control+Z');
    await expect.poll(async () => (await Promise.all(keys.map((k) => transformOf(page, k)))).join()).toBe(before.join());
    await page.keyboard.press('Control+Z');
    await page.keyboard.press('F');
  });

  it('copies jobs as Pegasus YAML and pastes them back as new jobs', async () => {
    const { page } = app;
    await selectNode(page, 'j:analyze');
    // The copy and paste events as the browser fires them for Ctrl+C / Ctrl+V.
    const copied = await page.evaluate(() => {
      const data = new DataTransfer();
      document.dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }));
      return data.getData('text/plain');
    });
    expect(copied).toMatch(/^pegasus: /m);
    expect(copied).toMatch(/id: analyze/);
    expect(copied).toMatch(/lfn: f\.c1/);
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, copied);
    await expect.poll(() => jobCount(page)).toBe(5);
    await node(page, 'j:analyze_2').waitFor();
    // It wrote f.d too; the copy writes a file of its own instead of a second producer.
    await page.locator('[data-testid="use-edge"][data-job-id="analyze_2"][data-lfn="f.d_2"]').waitFor();
    await page.keyboard.press('Control+Z');
    await expect.poll(() => jobCount(page)).toBe(4);
  });

  it('lists the shortcuts in the help dialog', async () => {
    const { page } = app;
    await page.getByTestId('canvas').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('?');
    const dialog = page.getByTestId('help-dialog');
    await dialog.waitFor();
    for (const label of ['Undo', 'Redo', 'Duplicate selected jobs', 'Arrange (automatic layout)', 'Toggle jobs-only view (inferred dependencies)']) {
      expect(await dialog.getByText(label, { exact: true }).count()).toBe(1);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });
});

describe('diagnostics', () => {
  it('selects and centres the target of a diagnostic when clicked', async () => {
    const { page } = app;
    await openFile(page, sharedPath('examples', 'inference-edgecases.yml'));
    const diagnostic = page.locator('[data-testid="diagnostic"][data-code="PC203"]');
    await diagnostic.waitFor();
    await diagnostic.click();
    await page.locator('.react-flow__node.selected[data-id="f:shared.dat"]').waitFor();
    expect(await page.getByTestId('prop-file-lfn').inputValue()).toBe('shared.dat');
    const box = (await node(page, 'f:shared.dat').boundingBox())!;
    const canvas = (await page.getByTestId('canvas').boundingBox())!;
    await expect
      .poll(async () => {
        const b = (await node(page, 'f:shared.dat').boundingBox())!;
        return Math.abs(b.x + b.width / 2 - (canvas.x + canvas.width / 2)) < 30 && Math.abs(b.y + b.height / 2 - (canvas.y + canvas.height / 2)) < 30;
      })
      .toBe(true);
    expect(box.width).toBeGreaterThan(0);
  });

  it('re-checks after each edit: dropping the second producer clears the error, undo brings it back', async () => {
    const { page } = app;
    await page.locator('[data-testid="diagnostic"][data-code="PC203"]').waitFor();
    await selectNode(page, 'j:p1');
    const row = page.getByTestId('prop-uses').locator('tbody tr', { hasText: 'shared.dat' });
    await row.getByRole('button', { name: 'Stop using shared.dat' }).click();
    await page.locator('[data-testid="diagnostic"][data-code="PC203"]').waitFor({ state: 'detached' });
    await page.keyboard.press('Control+Z');
    await page.locator('[data-testid="diagnostic"][data-code="PC203"]').waitFor();
  });
});

describe('recovery', () => {
  it('autosaves unsaved work and offers to restore it at the next start', async () => {
    const { page, dataDir } = app;
    await openFile(page, sharedPath('examples', 'diamond.yml'));
    await expect.poll(() => jobCount(page)).toBe(4);
    await page.getByTestId('palette-job').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => jobCount(page)).toBe(5);
    // Autosave runs every few seconds while there are unsaved edits.
    const files = async (dir: string): Promise<string[]> => {
      const found: string[] = [];
      for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) if (entry.isFile()) found.push(path.join(entry.parentPath, entry.name));
      return found;
    };
    await expect.poll(async () => (await files(dataDir)).some((f) => /recover/i.test(f)), { timeout: 15_000, interval: 500 }).toBe(true);
    await page.goto(app.server.url);
    const prompt = page.getByTestId('confirm-dialog');
    await prompt.waitFor();
    expect(await prompt.textContent()).toContain('diamond.yml');
    await page.getByTestId('confirm-0').click();
    await page.locator('body[data-app-state="ready"]').waitFor();
    await expect.poll(() => jobCount(page)).toBe(5);
    await node(page, 'j:task').waitFor();
    expect(await page.getByTestId('doc-name').textContent()).toBe('• diamond.yml');
    expect(app.pageErrors).toEqual([]);
  });
});
