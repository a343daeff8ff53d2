/**
 * Page helpers for the canvas, in the user's terms: drop from the palette, wire two nodes
 * by dragging between handles, rename through the Properties panel, use the in-page file
 * dialogs. Each waits for the state it produces, never for a fixed time.
 */
import type { Locator, Page } from 'playwright-core';

/** A node by its key: `j:ID` for a job, `f:LFN` for a file. */
export function node(page: Page, key: string): Locator {
  return page.locator(`.react-flow__node[data-id="${key.replace(/"/g, '\\"')}"]`);
}

/**
 * Drags a palette item onto the canvas at (x, y) of the canvas element, and waits until
 * the new node is selected (it is, once added). Returns the new node's key.
 */
export async function dropFromPalette(page: Page, testId: string, x: number, y: number): Promise<string> {
  const before = await page.locator('.react-flow__node').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-id')));
  await page.getByTestId(testId).first().dragTo(page.getByTestId('canvas'), { targetPosition: { x, y } });
  const added = page.locator('.react-flow__node.selected');
  await added.first().waitFor();
  const key = await added.first().getAttribute('data-id');
  if (!key || before.includes(key)) throw new Error(`dropping ${testId} added no node`);
  return key;
}

/** The box of an element once it stopped moving (the view animates when it fits or centres). */
async function settledBox(page: Page, locator: Locator): Promise<{ x: number; y: number; width: number; height: number } | null> {
  let previous = await locator.boundingBox();
  for (;;) {
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const box = await locator.boundingBox();
    if (!box || !previous) return box;
    if (box.x === previous.x && box.y === previous.y && box.width === previous.width) return box;
    previous = box;
  }
}

/** Drags from the bottom (source) handle of `from` to the top (target) handle of `to`. */
export async function wire(page: Page, from: string, to: string): Promise<void> {
  const source = await settledBox(page, node(page, from).locator('.react-flow__handle.source'));
  const target = await settledBox(page, node(page, to).locator('.react-flow__handle.target'));
  if (!source || !target) throw new Error(`cannot see the handles of ${from} and ${to}`);
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move((source.x + target.x) / 2, (source.y + target.y) / 2, { steps: 5 });
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 5 });
  await page.mouse.up();
}

/** Selects a node by clicking it. */
export async function selectNode(page: Page, key: string): Promise<void> {
  await node(page, key).click();
  await page.locator(`.react-flow__node.selected[data-id="${key}"]`).waitFor();
}

/** Types into a Properties field and presses Enter (which applies it). */
export async function setField(page: Page, testId: string, value: string): Promise<void> {
  const field = page.getByTestId(testId);
  await field.fill(value);
  await field.press('Enter');
}

/**
 * Opens a file through the in-page Open dialog. Unless `expectFailure`, waits until the
 * toolbar names the file (the document on screen is that file, not the one before it).
 */
export async function openFile(page: Page, path: string, expectFailure = false): Promise<void> {
  await page.getByTestId('open').click();
  await page.getByTestId('file-dialog').waitFor();
  await page.getByTestId('file-path').fill(path);
  await page.getByTestId('file-dialog-submit').click();
  await page.getByTestId('file-dialog').waitFor({ state: 'detached' });
  if (expectFailure) return;
  const name = path.split(/[\\/]/).pop() ?? path;
  await page.waitForFunction((expected) => document.querySelector('[data-testid="doc-name"]')?.textContent === expected, name);
}

/** Saves through Save (the in-page Save As dialog when the document has no file yet). */
export async function saveAsFile(page: Page, path: string): Promise<void> {
  await page.keyboard.press('Control+S');
  await page.getByTestId('file-dialog').waitFor();
  await page.getByTestId('file-path').fill(path);
  await page.getByTestId('file-dialog-submit').click();
  await page.locator('body[data-dirty="false"]').waitFor();
}

/** `[parent, child]` of every dependency edge drawn, sorted. */
export async function drawnDependencies(page: Page): Promise<string[][]> {
  const pairs = await page
    .getByTestId('dep-edge')
    .evaluateAll((edges) => edges.map((e) => [e.getAttribute('data-parent') ?? '', e.getAttribute('data-child') ?? '', e.getAttribute('data-kind') ?? '']));
  return pairs.sort((a, b) => (a.join('\n') < b.join('\n') ? -1 : 1));
}
