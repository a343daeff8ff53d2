/**
 * `npm run bench:ui`: browser mode in Debian's Chromium (playwright-core), on generated
 * fan-out/fan-in and montage-like workflows of 1,000, 10,000 and 100,000 jobs. For each: time
 * to interactive (navigation to a drawn, laid-out canvas), p95 and max frame time while
 * panning (at fit-all and at 1:1) and while zooming from fit-all to 1:1, JS heap after load,
 * Arrange (layout in the worker, and the longest frame meanwhile), time from an edit to
 * updated diagnostics, save time (YAML and sidecar) with the longest frame meanwhile.
 * Live run: a real local run of the same workflow (its executables are tiny shell scripts
 * that write the job's outputs), started with Run locally; for a few seconds at 1:1 and at
 * fit-all it records frames and how often the canvas's run states change (distinct frames
 * where a job node's or a group's state bar changed, and the run panel's counts), then
 * cancels the run from the panel.
 * Frames are rAF timestamps in the page, input is real mouse and wheel input.
 * Options: `--sizes=1000,10000` `--shapes=montage` `--live-ms=6000` (each live view) `--only=live` `--live=no`.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchApp } from '../../test/e2e/support/app';
import type { ScaleShape } from '../../test/e2e/scale/scale-workflows';
import { writeRunnableScaleWorkflow } from '../../test/e2e/local-run/runnable-workflow';
import { JobStateMap } from '../../src/shared/run/job-state-map';
import { JOB_STATES, type JobState } from '../../src/shared/run/run-state';
import { montageLayoutInput } from './layout-bench';
import { layeredLayout } from '../../src/renderer/canvas/layout/layered';

interface FrameWindow {
  benchFrames?: { times: number[]; running: boolean };
}

function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}

async function startFrames(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as FrameWindow;
    const log = { times: [] as number[], running: true };
    w.benchFrames = log;
    const tick = (t: number): void => {
      log.times.push(t);
      if (log.running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

async function stopFrames(page: Page): Promise<{ p95: number; max: number; frames: number }> {
  const times = await page.evaluate(() => {
    const log = (window as unknown as FrameWindow).benchFrames!;
    log.running = false;
    return log.times;
  });
  const gaps: number[] = [];
  for (let i = 1; i < times.length; i++) gaps.push(times[i]! - times[i - 1]!);
  gaps.sort((a, b) => a - b);
  return { p95: gaps[Math.floor(gaps.length * 0.95)] ?? 0, max: gaps[gaps.length - 1] ?? 0, frames: gaps.length };
}

/** A point of the canvas pane with no node under it (where a drag pans). */
async function emptyPanePoint(page: Page): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(() => {
    const pane = document.querySelector('[data-testid="canvas"]')!.getBoundingClientRect();
    for (let fy = 0.5; fy < 0.95; fy += 0.05) {
      for (let fx = 0.5; fx < 0.95; fx += 0.03) {
        for (const [x, y] of [
          [pane.left + pane.width * fx, pane.top + pane.height * fy],
          [pane.left + pane.width * (1 - fx), pane.top + pane.height * (1 - fy)],
        ] as const) {
          const element = document.elementFromPoint(x, y);
          if (
            element?.closest('.react-flow__pane') &&
            !element.closest('.react-flow__node, .react-flow__edge, .react-flow__controls')
          )
            return { x, y };
        }
      }
    }
    return null;
  });
  if (!point) throw new Error('no empty point of the canvas to drag');
  return point;
}

async function pan(page: Page): Promise<{ p95: number; max: number }> {
  const start = await emptyPanePoint(page);
  await page.mouse.move(start.x, start.y);
  await startFrames(page);
  await page.mouse.down();
  for (let i = 1; i <= 120; i++) {
    const angle = (i / 120) * Math.PI * 4;
    await page.mouse.move(start.x + Math.sin(angle) * 250, start.y + (1 - Math.cos(angle)) * 150);
  }
  await page.mouse.up();
  return stopFrames(page);
}

async function viewportZoom(page: Page): Promise<number> {
  return page.evaluate(() => {
    const transform = (document.querySelector('.react-flow__viewport') as HTMLElement | null)?.style.transform ?? '';
    return Number(/scale\(([^)]+)\)/.exec(transform)?.[1] ?? 1);
  });
}

function detail(page: Page): Promise<string | null> {
  return page.getByTestId('canvas').getAttribute('data-detail');
}

/** Wheel-zooms in at the pane's centre from fit-all until the members' view is at 1:1. */
async function zoomToOneToOne(page: Page): Promise<{ p95: number; max: number }> {
  const box = (await page.getByTestId('canvas').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await startFrames(page);
  for (let i = 0; i < 200; i++) {
    const zoom = await viewportZoom(page);
    const mode = await detail(page);
    if (zoom >= 1 && mode !== 'aggregated') break;
    await page.mouse.wheel(0, -60);
  }
  return stopFrames(page);
}

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1e6;
}

/** Deletes a job in view (not a last-level one, so diagnostics change) and times the diagnostics' update. */
async function editToDiagnostics(page: Page): Promise<number> {
  // From a checked document: the first check of a 10^5-job workflow runs in the worker for a
  // few seconds after it opens, and an edit meanwhile waits for it.
  await page.waitForFunction(
    () => document.querySelector('[data-testid="diagnostics-panel"]')?.getAttribute('data-pending') === 'false',
    undefined,
    { timeout: 120_000, polling: 100 },
  );
  const key = await page.evaluate(() => {
    const pane = document.querySelector('[data-testid="canvas"]')!.getBoundingClientRect();
    for (const n of document.querySelectorAll<HTMLElement>('.react-flow__node-job')) {
      const r = n.getBoundingClientRect();
      const id = n.getAttribute('data-id') ?? '';
      if (/^j:(mViewer|merge|split)/.test(id)) continue;
      if (r.left > pane.left + 20 && r.right < pane.right - 20 && r.top > pane.top + 20 && r.bottom < pane.bottom - 20)
        return id;
    }
    return null;
  });
  if (!key) throw new Error('no job in view to edit');
  await page.locator(`.react-flow__node[data-id="${key}"]`).click();
  await page.locator(`.react-flow__node.selected[data-id="${key}"]`).waitFor();
  await page.evaluate(() => {
    const w = window as unknown as { benchEdit?: Promise<number> };
    const count = (): string =>
      document.querySelector('[data-testid="diagnostics-panel"] h2 .count')?.textContent ?? '';
    const before = count();
    w.benchEdit = new Promise<number>((resolve) => {
      let pressed = 0;
      window.addEventListener('keydown', () => (pressed = performance.now()), { capture: true, once: true });
      const observer = new MutationObserver(() => {
        if (pressed && count() !== before) {
          observer.disconnect();
          resolve(performance.now() - pressed);
        }
      });
      observer.observe(document.querySelector('[data-testid="diagnostics-panel"]')!, {
        subtree: true,
        childList: true,
        characterData: true,
      });
    });
  });
  await page.keyboard.press('Delete');
  return page.evaluate(() => (window as unknown as { benchEdit: Promise<number> }).benchEdit);
}

/** Arrange: from the click to the button enabled again (layout in the worker, positions applied), and the longest frame meanwhile. */
async function arrangeTime(page: Page): Promise<{ ms: number; max: number }> {
  await page.evaluate(() => {
    const w = window as unknown as { benchArrange?: Promise<number> };
    const button = document.querySelector('[data-testid="arrange"]')!;
    w.benchArrange = new Promise<number>((resolve) => {
      let clicked = 0;
      let disabled = false;
      button.addEventListener('click', () => (clicked = performance.now()), { capture: true, once: true });
      const observer = new MutationObserver(() => {
        if (button.hasAttribute('disabled')) disabled = true;
        else if (disabled) {
          observer.disconnect();
          resolve(performance.now() - clicked);
        }
      });
      observer.observe(button, { attributes: true, attributeFilter: ['disabled'] });
    });
  });
  await startFrames(page);
  await page.getByTestId('arrange').click();
  const ms = await page.evaluate(() => (window as unknown as { benchArrange: Promise<number> }).benchArrange);
  const frames = await stopFrames(page);
  return { ms, max: frames.max };
}

async function timed(
  page: Page,
  action: () => Promise<void>,
  done: () => Promise<void>,
): Promise<{ ms: number; max: number }> {
  await startFrames(page);
  const started = Date.now();
  await action();
  await done();
  const ms = Date.now() - started;
  const frames = await stopFrames(page);
  return { ms, max: frames.max };
}

interface LiveWindow {
  benchLive?: { canvas: number[]; counts: number[]; stop: () => void };
}

/** Starts recording, per frame, whether the canvas's run states or the run panel's counts changed. */
async function startLiveWatch(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as LiveWindow;
    const log = { canvas: [] as number[], counts: [] as number[], stop: () => undefined as void };
    const note = (list: number[]): void => {
      const t = performance.now();
      // One entry per frame: several mutations of one commit are one update.
      if (list.length === 0 || t - list[list.length - 1]! > 8) list.push(t);
    };
    const canvas = new MutationObserver((records) => {
      for (const r of records) {
        const target = r.target as Element;
        if (
          (r.type === 'attributes' && r.attributeName === 'data-run-state') ||
          target.closest?.('.job-group-states') ||
          (r.type === 'childList' &&
            [...r.addedNodes, ...r.removedNodes].some((n) => (n as Element).classList?.contains('job-group-state')))
        ) {
          note(log.canvas);
          return;
        }
      }
    });
    canvas.observe(document.querySelector('[data-testid="canvas"]')!, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-run-state', 'style', 'title'],
    });
    const counts = new MutationObserver(() => note(log.counts));
    counts.observe(document.querySelector('[data-testid="local-run-panel"]')!, {
      subtree: true,
      childList: true,
      characterData: true,
    });
    log.stop = () => {
      canvas.disconnect();
      counts.disconnect();
    };
    w.benchLive = log;
  });
}

interface LiveFigures {
  p95: number;
  max: number;
  /** Canvas state updates per second, and the longest time without one. */
  canvasRate: number;
  canvasGap: number;
  countsRate: number;
  countsGap: number;
}

async function stopLiveWatch(page: Page, ms: number): Promise<LiveFigures> {
  const frames = await stopFrames(page);
  const log = await page.evaluate(() => {
    const live = (window as unknown as LiveWindow).benchLive!;
    live.stop();
    return { canvas: live.canvas, counts: live.counts, now: performance.now() };
  });
  const gap = (list: number[]): number => {
    let longest = 0;
    let last = log.now - ms;
    for (const t of list) {
      longest = Math.max(longest, t - last);
      last = t;
    }
    return Math.max(longest, log.now - last);
  };
  return {
    p95: frames.p95,
    max: frames.max,
    canvasRate: (log.canvas.length * 1000) / ms,
    canvasGap: gap(log.canvas),
    countsRate: (log.counts.length * 1000) / ms,
    countsGap: gap(log.counts),
  };
}

async function watchLive(page: Page, ms: number): Promise<LiveFigures> {
  await startFrames(page);
  await startLiveWatch(page);
  await page.waitForTimeout(ms);
  return stopLiveWatch(page, ms);
}

/** The run panel's succeeded count. */
async function succeeded(page: Page): Promise<number> {
  return Number((await page.getByTestId('run-counts').getAttribute('data-succeeded')) ?? 0);
}

/**
 * Starts a local run from the panel, watches it at the current view (1:1) and at fit-all, then
 * cancels it. `start`: click to the run's first counts on show; `cancel`: click to a final state.
 */
async function liveRun(
  page: Page,
  ms: number,
  reached: number,
  jobAhead: (done: number) => string,
): Promise<{
  start: number;
  wave: { ms: number; p95: number; max: number };
  near: LiveFigures;
  fit: LiveFigures;
  done: number;
  cancel: number;
}> {
  const profiler = process.env.BENCH_PROFILE ? await page.context().newCDPSession(page) : null;
  if (profiler) {
    await profiler.send('Profiler.enable');
    await profiler.send('Profiler.start');
  }
  await startFrames(page);
  const clicked = Date.now();
  await page.getByTestId('run-locally').click();
  await page.getByTestId('run-counts').waitFor({ timeout: 300_000 });
  await page.waitForFunction(
    () => document.querySelector('[data-testid="run-state"]')?.textContent === 'running',
    undefined,
    { timeout: 300_000 },
  );
  const start = Date.now() - clicked;
  // The first wave: `reached` jobs out of unready (ready or beyond) on show.
  await page.waitForFunction(
    (want) => {
      const text = document.querySelector('[data-testid="run-counts"]')?.textContent ?? '';
      let reached = Number(/^(\d+)\//.exec(text)?.[1] ?? 0);
      for (const m of text.matchAll(/(\d+) (running|queued|held|ready|failed|cancelled)/g)) reached += Number(m[1]);
      return reached >= want;
    },
    reached,
    { timeout: 300_000, polling: 100 },
  );
  const waveFrames = await stopFrames(page);
  const wave = { ms: Date.now() - clicked, p95: waveFrames.p95, max: waveFrames.max };
  if (profiler) {
    const { profile } = await profiler.send('Profiler.stop');
    await writeFile(process.env.BENCH_PROFILE!, JSON.stringify(profile));
    await profiler.detach();
  }
  // At 1:1 the view shows jobs that run while it is watched (search, then a click on the job).
  await page.getByTestId('canvas').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+F');
  await page.getByTestId('search-input').fill(jobAhead(await succeeded(page)));
  await page.locator('[data-testid="search-jobs"] button').first().click();
  await page.getByTestId('toggle-search').click();
  // A small move makes the canvas draw the members of the whole (now wider) pane.
  const from = await emptyPanePoint(page);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x - 300, from.y, { steps: 5 });
  await page.mouse.up();
  await page.waitForTimeout(300);
  if (process.env.BENCH_SHOT) await page.screenshot({ path: process.env.BENCH_SHOT });
  const near = await watchLive(page, ms);
  if (process.env.BENCH_SHOT) await page.screenshot({ path: `${process.env.BENCH_SHOT}.after.png` });
  await page.keyboard.press('f');
  await page.waitForTimeout(300);
  const fitProfiler = process.env.BENCH_PROFILE ? await page.context().newCDPSession(page) : null;
  if (fitProfiler) {
    await fitProfiler.send('Profiler.enable');
    await fitProfiler.send('Profiler.start');
  }
  const fit = await watchLive(page, ms);
  if (fitProfiler) {
    const { profile } = await fitProfiler.send('Profiler.stop');
    await writeFile(`${process.env.BENCH_PROFILE!}.fit-all`, JSON.stringify(profile));
    await fitProfiler.detach();
  }
  const done = await succeeded(page);
  const cancelled = Date.now();
  // A small run may be over already: nothing to cancel then ("ended before" in the table).
  const running = await page.getByTestId('run-cancel').isVisible();
  if (running) await page.getByTestId('run-cancel').click();
  await page.waitForFunction(
    () =>
      ['cancelled', 'failed', 'succeeded'].includes(
        document.querySelector('[data-testid="run-state"]')?.textContent ?? '',
      ),
    undefined,
    { timeout: 300_000 },
  );
  const cancel = running ? Date.now() - cancelled : Number.NaN;
  await page.getByTestId('run-close').click();
  return { start, wave, near, fit, done, cancel };
}

/** How long the live run is watched at each view. */
const LIVE_MS = Number(option('live-ms', '6000'));
/** `--only=live`: load, zoom to 1:1 and measure the live run only. */
const LIVE_ONLY = option('only', '') === 'live';
/** `--live=no`: no live run (the other figures as they were measured before it existed). */
const SKIP_LIVE = option('live', 'yes') === 'no';
const f0 = (n: number): string => n.toFixed(0);

async function run(root: string, shape: ScaleShape, jobs: number): Promise<{ row: string; live: string }> {
  const dir = path.join(root, `${shape}-${jobs}`);
  await mkdir(dir, { recursive: true });
  const file = await writeRunnableScaleWorkflow(dir, shape, jobs);
  const app = await launchApp({ initialFile: file });
  try {
    const { page } = app;
    // tsx keeps function names with a `__name` helper the page does not have.
    await page.evaluate('window.__name = (f) => f');
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="arrange"]:not([disabled])') &&
        document.querySelector('.react-flow__node') &&
        document.querySelector('[data-testid="doc-name"]')?.textContent?.endsWith('.yml'),
      undefined,
      { timeout: 300_000, polling: 'raf' },
    );
    const tti = await page.evaluate(() => performance.now());
    const none = { p95: 0, max: 0 };
    const heap = LIVE_ONLY ? 0 : await heapMb(page);
    await page.keyboard.press('f');
    await page.waitForTimeout(300);
    const panFit = LIVE_ONLY ? none : await pan(page);
    await page.keyboard.press('f');
    await page.waitForTimeout(300);
    const zoom = await zoomToOneToOne(page);
    const panNear = LIVE_ONLY ? none : await pan(page);
    let live = '';
    if (!SKIP_LIVE)
      try {
        // Fan-out: every worker turns ready once the split is done; montage-like: the first level.
        const wave = shape === 'fanout' ? jobs - 1 : Math.floor(jobs / 5);
        const l = await liveRun(page, LIVE_MS, wave, (done) => {
          // Jobs start in id order; about 200 jobs a second here: a job the watch will see run.
          const ahead = done + Math.round(LIVE_MS / 20);
          if (shape === 'fanout') return `work_${String(Math.min(ahead, jobs - 3)).padStart(7, '0')}`;
          const width = Math.floor(jobs / 5);
          const level = Math.min(4, Math.floor(ahead / width));
          return `${['mProject', 'mDiffFit', 'mBackground', 'mAdd', 'mViewer'][level]}_${level}_${ahead % width}`;
        });
        const g = (x: LiveFigures): string =>
          `${x.p95.toFixed(0)} / ${x.max.toFixed(0)} | ${x.canvasRate.toFixed(1)} (${x.canvasGap.toFixed(0)}) | ${x.countsRate.toFixed(1)} (${x.countsGap.toFixed(0)})`;
        live = `| ${shape} | ${jobs.toLocaleString('en-US')} | ${l.start} | ${l.wave.ms} (${f0(l.wave.p95)} / ${f0(l.wave.max)}) | ${g(l.near)} | ${g(l.fit)} | ${l.done.toLocaleString('en-US')} | ${Number.isNaN(l.cancel) ? 'ended before' : l.cancel} |`;
      } catch (error) {
        live = `| ${shape} | ${jobs.toLocaleString('en-US')} | failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)} |`;
      }
    if (LIVE_ONLY)
      return { row: `| ${shape} | ${jobs.toLocaleString('en-US')} | ${f0(tti)} | (live run only) |`, live };
    await page.keyboard.press('f');
    await page.waitForTimeout(300);
    await zoomToOneToOne(page);
    const edit = await editToDiagnostics(page);
    const arrange = await arrangeTime(page);
    const save = await timed(
      page,
      () => page.getByTestId('save').click(),
      () =>
        page
          .waitForFunction(
            () => !document.querySelector('[data-testid="doc-name"]')?.textContent?.startsWith('•'),
            undefined,
            { timeout: 300_000, polling: 'raf' },
          )
          .then(() => undefined),
    );
    const f = (n: number): string => n.toFixed(0);
    const row = `| ${shape} | ${jobs.toLocaleString('en-US')} | ${f(tti)} | ${f(panFit.p95)} / ${f(panFit.max)} | ${f(zoom.p95)} / ${f(zoom.max)} | ${f(panNear.p95)} / ${f(panNear.max)} | ${f(heap)} | ${f(arrange.ms)} (${f(arrange.max)}) | ${f(edit)} | ${f(save.ms)} (${f(save.max)}) |`;
    return { row, live };
  } finally {
    await app.close();
  }
}

/** Median ms of `work` over `reps` runs. */
function medianMs(reps: number, work: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(reps / 2)]!;
}

/** What the page's run-states store spends per update of a 100,000-job run, against copying the whole map (the earlier way). */
function runStatesTable(out: (line: string) => void): void {
  const jobs = 100_000;
  const ids = Array.from({ length: jobs }, (_, i) => `work_${String(i).padStart(7, '0')}`);
  const shown = JobStateMap.from(ids.map((id) => [id, 'ready'] as const));
  const plain = new Map(shown);
  const batch = ids.slice(0, 75).map((jobId) => ({ jobId, state: 'succeeded' as const }));
  const wave = ids.slice(0, 10_000).map((jobId) => ({ jobId, state: 'running' as const }));
  const record: Record<string, JobState> = Object.fromEntries(plain);
  for (let i = 0; i < 30; i++) record[ids[i * 3000]!] = 'succeeded';
  const copy = (changes: ReadonlyArray<{ jobId: string; state: JobState }>) => () => {
    const next = new Map(plain);
    for (const c of changes) next.set(c.jobId, c.state);
  };
  const f = (n: number): string => n.toFixed(2);
  out(
    'Run states of a 100,000-job run in the page (Node, median of 15, ms): JobStateMap against a copy of the map per update',
  );
  out('| update | JobStateMap | copy of the map |');
  out('| --- | ---: | ---: |');
  const polled = batch.slice(0, 30);
  out(
    `| local batch of 75 changes (4 a second) | ${f(medianMs(15, () => shown.with(batch)))} | ${f(medianMs(15, copy(batch)))} |`,
  );
  out(
    `| one message of the ready wave (10,000 changes) | ${f(medianMs(15, () => shown.with(wave)))} | ${f(medianMs(15, copy(wave)))} |`,
  );
  out(
    `| remote poll sent as its 30 changes | ${f(medianMs(15, () => shown.with(polled)))} | ${f(medianMs(15, copy(polled)))} |`,
  );
  out(
    `| remote summary sent whole (first, then every minute), 30 changes found by diff | ${f(medianMs(15, () => shown.with(shown.changesTo(record) ?? [])))} | ${f(medianMs(15, () => void new Map(Object.entries(record))))} |`,
  );
  // What the aggregated view does per update now (every job's state looked up and counted)
  // against what changesSince lets it do (only the jobs the batch changed).
  const next = shown.with(batch);
  const codes = new Uint8Array(jobs);
  const recount = medianMs(15, () => {
    for (let v = 0; v < jobs; v++) codes[v] = JOB_STATES.indexOf(next.get(ids[v]!)!);
  });
  out('');
  out('Group state counts of the aggregated view after a batch of 75 (Node, ms):');
  out('| recount every job (what it does) | the batch from changesSince |');
  out('| ---: | ---: |');
  out(`| ${f(recount)} | ${f(medianMs(15, () => void next.changesSince(shown)))} |`);
  out('');
}

async function main(): Promise<void> {
  const sizes = option('sizes', '1000,10000,100000').split(',').map(Number);
  const shapes = option('shapes', 'fanout,montage').split(',') as ScaleShape[];
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pegasus-canvas-bench-ui-'));
  const out = (line: string): boolean => process.stdout.write(`${line}\n`);
  runStatesTable(out);
  out('Layered layout alone (Node, montage-like jobs-and-files graph):');
  out('| nodes | edges | layout ms |');
  out('| ---: | ---: | ---: |');
  for (const nodes of LIVE_ONLY ? [] : [1_000, 10_000, 100_000]) {
    const input = montageLayoutInput(nodes);
    const started = performance.now();
    layeredLayout(input);
    out(
      `| ${input.nodeCount.toLocaleString('en-US')} | ${input.sources.length.toLocaleString('en-US')} | ${(performance.now() - started).toFixed(0)} |`,
    );
  }
  out('');
  out('Browser mode (Chromium, 1400×900), times in ms; frames as p95 / max; (x) = longest frame meanwhile:');
  out(
    '| shape | jobs | time to interactive | pan at fit-all | zoom fit-all → 1:1 | pan at 1:1 | heap MB | arrange (worker) | edit → diagnostics | save YAML + sidecar |',
  );
  out('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const live: string[] = [];
  try {
    for (const jobs of sizes) {
      for (const shape of shapes) {
        try {
          const measured = await run(dir, shape, jobs);
          out(measured.row);
          live.push(measured.live);
        } catch (error) {
          out(
            `| ${shape} | ${jobs.toLocaleString('en-US')} | failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)} |`,
          );
        }
      }
    }
  } finally {
    out('');
    out(
      `Live local run (scripts that write their outputs; every core), watched ${LIVE_MS} ms at 1:1 then at fit-all; frames as p95 / max ms; updates per second as seen in the page (longest ms without one):`,
    );
    out(
      '| shape | jobs | Run locally → running (ms) | → first wave on the canvas: ms (frames) | frames at 1:1 | canvas updates/s at 1:1 | counts updates/s at 1:1 | frames at fit-all | canvas updates/s at fit-all | counts updates/s at fit-all | jobs done | cancel → cancelled (ms) |',
    );
    out('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const line of live) out(line);
    await rm(dir, { recursive: true, force: true });
  }
}

void main();
