/**
 * Search with Ctrl+F: hits by transformation and by file, the selection grown downstream,
 * and a file's lineage isolated (the rest dimmed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedPath } from '../../support/shared-path';
import { type AppFixture, launchApp } from '../support/app';
import { node } from '../support/canvas';

let app: AppFixture;

beforeAll(async () => {
  app = await launchApp({ initialFile: sharedPath('examples', 'diamond.yml') });
  await node(app.page, 'j:analyze').waitFor();
});

afterAll(async () => {
  await app?.close();
});

const selected = () =>
  app.page
    .locator('.react-flow__node.selected')
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-id')).sort());
const opacity = (key: string) => node(app.page, key).evaluate((el) => getComputedStyle(el).opacity);

describe('search', () => {
  it('finds jobs by transformation, selects them and everything downstream', async () => {
    const { page } = app;
    await page.getByTestId('canvas').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+F');
    await page.getByTestId('search-input').waitFor();
    await page.getByTitle('Fit (F)').click();
    await page.getByTestId('search-input').fill('tx:findrange');
    await expect.poll(() => page.getByTestId('search-count').textContent()).toBe('2 jobs, 0 files');
    await page.getByTestId('search-select').click();
    await expect.poll(selected).toEqual(['j:findrange_1', 'j:findrange_2']);
    await page.getByTestId('select-downstream').click();
    await expect.poll(selected).toEqual(['j:analyze', 'j:findrange_1', 'j:findrange_2']);
  });

  it("isolates a file's lineage", async () => {
    const { page } = app;
    await page.getByTestId('search-input').fill('file:f.c1');
    await page.getByTestId('isolate-f.c1').click();
    await page.getByTestId('lineage-of').waitFor();
    // preprocess → findrange_1 → f.c1 → analyze stay; findrange_2 is not in the lineage.
    await expect.poll(() => opacity('j:findrange_2')).toBe('0.25');
    expect(await opacity('j:findrange_1')).toBe('1');
    expect(await opacity('j:preprocess')).toBe('1');
    expect(await opacity('j:analyze')).toBe('1');
    await page.getByTestId('lineage-clear').click();
    await expect.poll(() => opacity('j:findrange_2')).toBe('1');
  });
});
