/**
 * Planning a 10,000-job workflow in the page: the plan is made in the worker while the page
 * keeps painting (frames are counted while the Plan view says it is planning, and progress is
 * shown), and the Plan view then holds every planned job. Prints the frames seen and the
 * longest gap between them; asserts no time.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkflowBundle } from '../../../src/main/services/workspace/load-bundle';
import { plan } from '../../../src/shared/plan';
import { type AppFixture, launchApp } from '../support/app';
import { writeBigWorkflow } from './big-workflow';

const JOBS = 10_000;

let app: AppFixture;
let dir: string;
let file: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'pegasus-canvas-plan-scale-'));
  file = await writeBigWorkflow(dir, JOBS);
  app = await launchApp({ initialFile: file });
});

afterAll(async () => {
  await app?.close();
  await rm(dir, { recursive: true, force: true });
});

interface FrameLog {
  planningFrames: number;
  maxGap: number;
  firstGap: number;
  maxGapAt: string;
  progressLabels: string[];
}

describe('the Plan view at 10,000 jobs', () => {
  it('plans off the page thread, showing progress, and shows every planned job', async () => {
    const { page } = app;
    const loaded = await loadWorkflowBundle(file);
    if (!loaded.ok) throw new Error('the generated workflow does not load');
    const expected = plan(loaded.bundle, { outputSites: ['local'] });
    if (!expected.ok) throw new Error('the generated workflow does not plan');

    await expect.poll(() => page.getByTestId('doc-name').textContent(), { timeout: 60_000 }).toBe('big.yml');
    // The workflow canvas has laid the document out and drawn it (job nodes, or their aggregate at this size).
    await page.locator('[data-testid="arrange"]:not([disabled])').waitFor({ timeout: 120_000 });
    await page.locator('[data-testid="canvas"] .react-flow__node').first().waitFor({ timeout: 60_000 });
    // Count the frames the page paints while the Plan view says it is planning.
    await page.evaluate(() => {
      const log: FrameLog = { planningFrames: 0, maxGap: 0, firstGap: 0, maxGapAt: '', progressLabels: [] };
      (window as unknown as { frameLog: FrameLog }).frameLog = log;
      let last = performance.now();
      const tick = (now: number): void => {
        if (document.querySelector('[data-testid="plan-canvas"][data-status="planning"]')) {
          log.planningFrames++;
          // The first planning frame follows the click's own work (leaving the workflow canvas).
          if (log.planningFrames > 1 && now - last > log.maxGap) {
            log.maxGap = now - last;
            log.maxGapAt = document.querySelector('[data-testid="plan-progress"]')?.textContent ?? '';
          }
          else log.firstGap = now - last;
          const label = document.querySelector('[data-testid="plan-progress"]')?.textContent ?? '';
          if (label && log.progressLabels.at(-1) !== label) log.progressLabels.push(label);
        }
        last = now;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await page.getByTestId('toggle-plan').click();
    await page
      .locator('[data-testid="plan-canvas"][data-status="done"]')
      .waitFor({ timeout: 120_000 })
      .catch(async (error: unknown) => {
        const status = await page.evaluate(() => `${document.querySelector('[data-testid="plan-canvas"]')?.getAttribute('data-status')} ${document.querySelector('[data-testid="plan-progress"]')?.textContent ?? ''} ${document.querySelector('[data-testid="plan-diagnostics"]')?.textContent ?? ''}`);
        throw new Error(`${String(error)}; plan view: ${status.slice(0, 500)}; frames: ${JSON.stringify(await page.evaluate(() => (window as unknown as { frameLog: FrameLog }).frameLog))}`);
      });
    expect(await page.getByTestId('plan-canvas').getAttribute('data-jobs')).toBe(String(expected.value.jobs.length));
    expect(await page.getByTestId('report-jobs').textContent()).toBe(String(expected.value.jobs.length));
    // Only the visible part of the executable workflow is drawn.
    const drawn = await page.getByTestId('plan-node').count();
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThan(expected.value.jobs.length);

    const log = await page.evaluate(() => (window as unknown as { frameLog: FrameLog }).frameLog);
    // A plan made on the page thread would block painting until it ended: no frame in between.
    expect(log.planningFrames).toBeGreaterThanOrEqual(2);
    expect(log.progressLabels.length).toBeGreaterThan(0);
    process.stdout.write(
      `plan view, ${JOBS} abstract jobs → ${expected.value.jobs.length} planned: ${log.planningFrames} frames painted while planning, first frame after the click ${Math.round(log.firstGap)} ms, then longest gap ${Math.round(log.maxGap)} ms (ending at ${log.maxGapAt}); progress shown: ${log.progressLabels.join(' | ')}\n`,
    );
    expect(app.pageErrors).toEqual([]);
  });
});
