/**
 * Run locally on a workflow large enough for the aggregated view (a 3,000-job fan-out whose
 * executables are shell scripts that write the jobs' outputs): the groups' state bars follow
 * the run, the panel's counts advance, and what the page hears are changes only, in messages
 * of at most 10,000 jobs, each job change a real transition; Cancel turns the waiting jobs
 * cancelled in the groups' bars.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppFixture, launchApp } from '../support/app';
import { writeRunnableScaleWorkflow } from './runnable-workflow';

const JOBS = 3000;

interface Update {
  runDir: string;
  jobs: Array<{ jobId: string; state: string }>;
}

let app: AppFixture;
let dir: string;
const updates: Update[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'pegasus-canvas-large-run-'));
  const file = await writeRunnableScaleWorkflow(dir, 'fanout', JOBS);
  app = await launchApp({ initialFile: file });
  // Listen to the page's socket from its start: the app is loaded again with the listener on.
  app.page.on('websocket', (socket) => {
    socket.on('framereceived', ({ payload }) => {
      const message = JSON.parse(String(payload)) as { event?: { type: string; update?: Update } };
      if (message.event?.type === 'localRun.update' && message.event.update) updates.push(message.event.update);
    });
  });
  await app.reload();
});

afterAll(async () => {
  await app?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Run state → how many group bars show it. */
async function barStates(): Promise<Record<string, number>> {
  const states = await app.page
    .locator('.job-group-state')
    .evaluateAll((bars) => bars.map((bar) => bar.getAttribute('data-run-state') ?? ''));
  const counts: Record<string, number> = {};
  for (const state of states) counts[state] = (counts[state] ?? 0) + 1;
  return counts;
}

const succeeded = async () => Number((await app.page.getByTestId('run-counts').getAttribute('data-succeeded')) ?? 0);

describe('Run locally, 3,000 jobs in the aggregated view', () => {
  it('paints the groups from batches of changes, and cancels', async () => {
    const { page } = app;
    await page
      .locator('[data-testid="canvas"][data-detail="aggregated"] .react-flow__node-jobgroup')
      .first()
      .waitFor({ timeout: 60_000 });
    await page.getByTestId('run-slots').fill('2');
    await page.getByTestId('run-locally').click();

    await expect.poll(succeeded, { timeout: 60_000 }).toBeGreaterThanOrEqual(50);
    await expect.poll(async () => (await barStates())['succeeded'] ?? 0).toBeGreaterThan(0);
    expect((await barStates())['ready'] ?? 0).toBeGreaterThan(0);

    await page.getByTestId('run-cancel').click();
    await expect.poll(() => page.getByTestId('run-state').textContent(), { timeout: 60_000 }).toBe('cancelled');
    await expect.poll(async () => (await barStates())['cancelled'] ?? 0).toBeGreaterThan(0);
    expect((await barStates())['ready'] ?? 0).toBe(0);

    // What the page heard: changes only, each a transition of its job, in bounded messages.
    expect(updates.length).toBeGreaterThan(2);
    const last = new Map<string, string>();
    let changes = 0;
    for (const update of updates) {
      expect(update.jobs.length).toBeLessThanOrEqual(10_000);
      expect(new Set(update.jobs.map((j) => j.jobId)).size).toBe(update.jobs.length);
      for (const job of update.jobs) {
        expect(last.get(job.jobId)).not.toBe(job.state);
        last.set(job.jobId, job.state);
        changes++;
      }
    }
    // Every worker was reached (ready), some ran and succeeded, the rest were cancelled: far
    // fewer changes than a whole run per message would have sent.
    expect(changes).toBeLessThan(JOBS * 4);
    expect([...last.values()].filter((state) => state === 'cancelled').length).toBeGreaterThan(0);
    expect(app.pageErrors).toEqual([]);
  });
});
