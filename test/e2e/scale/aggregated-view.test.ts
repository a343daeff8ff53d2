/**
 * A 5,000-job montage-like workflow (jobs and files: over 10,000 canvas nodes): the canvas
 * opens on the aggregated view (one node per level × transformation with its count), a
 * double-click opens a group (its members are drawn), a selection made in either view is the
 * selection in the other, and search selects across the groups and opens the view on a hit.
 * Asserts behaviour, never time.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppFixture, launchApp } from '../support/app';
import { writeScaleWorkflow } from './scale-workflows';

const JOBS = 5_000;
const LEVELS = 5;

let app: AppFixture;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'pegasus-canvas-scale-'));
  const file = await writeScaleWorkflow(dir, 'montage', JOBS);
  app = await launchApp({ initialFile: file });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await rm(dir, { recursive: true, force: true });
});

function detail(page: Page): Promise<string | null> {
  return page.getByTestId('canvas').getAttribute('data-detail');
}

async function fitEverything(page: Page): Promise<void> {
  await page.keyboard.press('f');
  await expect.poll(() => detail(page), { timeout: 30_000 }).toBe('aggregated');
}

describe('a workflow above the aggregation threshold', () => {
  it('opens on groups of jobs by level and transformation, with their counts', async () => {
    const { page } = app;
    await expect
      .poll(() => page.getByTestId('doc-name').textContent(), { timeout: 60_000 })
      .toBe(`montage-${JOBS}.yml`);
    await page.locator('[data-testid="arrange"]:not([disabled])').waitFor({ timeout: 120_000 });
    await expect.poll(() => detail(page), { timeout: 60_000 }).toBe('aggregated');
    const groups = page.getByTestId('job-group');
    await expect.poll(() => groups.count(), { timeout: 30_000 }).toBe(LEVELS);
    const counts = await groups.evaluateAll((nodes) =>
      nodes.map((n) => [
        n.getAttribute('data-group-label'),
        n.getAttribute('data-group-level'),
        n.getAttribute('data-group-count'),
      ]),
    );
    expect(counts.sort()).toEqual([
      ['mAdd', '3', '1000'],
      ['mBackground', '2', '1000'],
      ['mDiffFit', '1', '1000'],
      ['mProject', '0', '1000'],
      ['mViewer', '4', '1000'],
    ]);
    // Group edges carry how many job edges they stand for.
    await expect.poll(() => page.locator('.group-edge').count()).toBe(LEVELS - 1);
    expect(await page.getByTestId('job-node').count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  });

  it('opens a group on double-click, drawing only the members in view, and keeps the selection across views', async () => {
    const { page } = app;
    const group = page.locator('[data-testid="job-group"][data-group-label="mBackground"]');
    // Select the whole group in the aggregated view.
    await group.locator('.job-group-name').click();
    await expect.poll(() => group.getAttribute('data-group-selected')).toBe('1000');

    await group.locator('.job-group-name').dblclick();
    await expect.poll(() => detail(page), { timeout: 30_000 }).toBe('windowed');
    const members = page.locator('[data-testid="job-node"][data-job-id^="mBackground_"]');
    await expect.poll(() => members.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    // Drawn only where visible: far fewer nodes than the workflow holds.
    expect(await page.locator('.react-flow__node').count()).toBeLessThan(2_000);
    // The members are drawn selected: the selection made on the group is theirs.
    const drawn = await members.count();
    expect(
      await page.locator('.react-flow__node.selected [data-testid="job-node"][data-job-id^="mBackground_"]').count(),
    ).toBe(drawn);

    // Select one member here; back in the aggregated view its group counts it.
    const id = await members.evaluateAll((nodes) => {
      const pane = document.querySelector('[data-testid="canvas"]')!.getBoundingClientRect();
      const inView = nodes.find((n) => {
        const r = n.getBoundingClientRect();
        return (
          r.left > pane.left + 40 && r.right < pane.right - 40 && r.top > pane.top + 40 && r.bottom < pane.bottom - 40
        );
      });
      return inView?.getAttribute('data-job-id') ?? null;
    });
    if (!id) throw new Error('no member of the opened group is in view');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.react-flow__node.selected').count()).toBe(0);
    await page.locator(`[data-testid="job-node"][data-job-id="${id}"]`).click();
    await page.locator(`.react-flow__node.selected[data-id="j:${id}"]`).waitFor();
    await fitEverything(page);
    await expect.poll(() => group.getAttribute('data-group-selected')).toBe('1');
    expect(
      await page.locator('[data-testid="job-group"][data-group-label="mAdd"]').getAttribute('data-group-selected'),
    ).toBe('0');
    expect(app.pageErrors).toEqual([]);
  });

  it('selects search hits in the groups, and a found job opens the view around it', async () => {
    const { page } = app;
    await page.keyboard.press('Control+F');
    await page.getByTestId('search-input').fill('tx:mDiffFit');
    await expect.poll(() => page.getByTestId('search-count').textContent()).toBe('1000 jobs, 0 files');
    await page.getByTestId('search-select').click();
    await page.getByTitle('Fit (F)').click();
    await expect.poll(() => detail(page), { timeout: 30_000 }).toBe('aggregated');
    const group = page.locator('[data-testid="job-group"][data-group-label="mDiffFit"]');
    await expect.poll(() => group.getAttribute('data-group-selected')).toBe('1000');

    // A hit of the list: the canvas leaves the groups and shows that job, selected.
    const hit = page.getByTestId('search-jobs').getByRole('button').nth(3);
    const id = await hit.textContent();
    await hit.click();
    await expect.poll(() => detail(page), { timeout: 30_000 }).toBe('windowed');
    await page.locator(`.react-flow__node.selected[data-id="j:${id}"]`).waitFor();
    const inView = await page.locator(`.react-flow__node[data-id="j:${id}"]`).evaluate((n) => {
      const pane = document.querySelector('[data-testid="canvas"]')!.getBoundingClientRect();
      const r = n.getBoundingClientRect();
      return r.left >= pane.left && r.right <= pane.right && r.top >= pane.top && r.bottom <= pane.bottom;
    });
    expect(inView).toBe(true);
    expect(app.pageErrors).toEqual([]);
  });

  it('edits a member where it is drawn: the node and its checks follow, the group counts follow, undo brings it back', async () => {
    const { page } = app;
    const diagnosticsCount = (): Promise<string | null> =>
      page.locator('[data-testid="diagnostics-panel"] h2 .count').first().textContent();
    await expect.poll(() => page.getByTestId('diagnostics-panel').getAttribute('data-pending'), { timeout: 60_000 }).toBe('false');
    const before = await diagnosticsCount();
    const key = await page.locator('.react-flow__node.selected').first().getAttribute('data-id');
    expect(key).toMatch(/^j:mDiffFit_/);
    await page.locator(`.react-flow__node[data-id="${key}"]`).focus();
    await page.keyboard.press('Delete');
    await expect.poll(() => page.locator(`.react-flow__node[data-id="${key}"]`).count()).toBe(0);
    // The job read by its readers is now produced by no one: the checks say so.
    await expect.poll(diagnosticsCount, { timeout: 30_000 }).not.toBe(before);
    await fitEverything(page);
    const group = page.locator('[data-testid="job-group"][data-group-label="mDiffFit"]');
    await expect.poll(() => group.getAttribute('data-group-count')).toBe('999');
    await page.keyboard.press('Control+Z');
    await expect.poll(() => group.getAttribute('data-group-count')).toBe('1000');
    await expect.poll(diagnosticsCount, { timeout: 30_000 }).toBe(before);
    expect(app.pageErrors).toEqual([]);
  });
});
