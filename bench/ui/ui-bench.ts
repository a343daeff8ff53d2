/**
 * `npm run bench:ui`: browser mode in Debian's Chromium (playwright-core), on generated
 * fan-out/fan-in and montage-like workflows of 1,000, 10,000 and 100,000 jobs. For each: time
 * to interactive (navigation to a drawn, laid-out canvas), p95 and max frame time while
 * panning (at fit-all and at 1:1) and while zooming from fit-all to 1:1, JS heap after load,
 * Arrange (layout in the worker, and the longest frame meanwhile), time from an edit to
 * updated diagnostics, save time (YAML and sidecar) with the longest frame meanwhile.
 * Frames are rAF timestamps in the page, input is real mouse and wheel input.
 * Options: `--sizes=1000,10000` `--shapes=montage`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchApp } from '../../test/e2e/support/app';
import { type ScaleShape, writeScaleWorkflow } from '../../test/e2e/scale/scale-workflows';
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

async function run(dir: string, shape: ScaleShape, jobs: number): Promise<string> {
  const file = await writeScaleWorkflow(dir, shape, jobs);
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
    const heap = await heapMb(page);
    await page.keyboard.press('f');
    await page.waitForTimeout(300);
    const panFit = await pan(page);
    await page.keyboard.press('f');
    await page.waitForTimeout(300);
    const zoom = await zoomToOneToOne(page);
    const panNear = await pan(page);
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
    return `| ${shape} | ${jobs.toLocaleString('en-US')} | ${f(tti)} | ${f(panFit.p95)} / ${f(panFit.max)} | ${f(zoom.p95)} / ${f(zoom.max)} | ${f(panNear.p95)} / ${f(panNear.max)} | ${f(heap)} | ${f(arrange.ms)} (${f(arrange.max)}) | ${f(edit)} | ${f(save.ms)} (${f(save.max)}) |`;
  } finally {
    await app.close();
  }
}

async function main(): Promise<void> {
  const sizes = option('sizes', '1000,10000,100000').split(',').map(Number);
  const shapes = option('shapes', 'fanout,montage').split(',') as ScaleShape[];
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pegasus-canvas-bench-ui-'));
  const out = (line: string): boolean => process.stdout.write(`${line}\n`);
  out('Layered layout alone (Node, montage-like jobs-and-files graph):');
  out('| nodes | edges | layout ms |');
  out('| ---: | ---: | ---: |');
  for (const nodes of [1_000, 10_000, 100_000]) {
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
  try {
    for (const jobs of sizes) {
      for (const shape of shapes) {
        try {
          out(await run(dir, shape, jobs));
        } catch (error) {
          out(
            `| ${shape} | ${jobs.toLocaleString('en-US')} | failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)} |`,
          );
        }
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

void main();
