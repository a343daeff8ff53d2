/**
 * Export the canvas as PNG and SVG: the PNG is a real image of the graph (PNG signature,
 * dimensions of the graph, many colours, the job and file fills present), the SVG names
 * every job; and the Python API script goes through the export channel to a file.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
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

async function exported(testId: string): Promise<Buffer> {
  const { page } = app;
  await page.getByTestId('export-menu').click();
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const where = await file.path();
  return readFile(where);
}

describe('export pictures', () => {
  it('exports a PNG that is a picture of the graph', async () => {
    const png = await exported('export-png');
    expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    // Four jobs in three rows, with their files between: taller than wide, and not tiny.
    expect(width).toBeGreaterThan(300);
    expect(height).toBeGreaterThan(300);
    // Decode it with Chromium's decoder and look at the pixels.
    const pixels = await app.page.evaluate(async (base64) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
      const colours = new Map<number, number>();
      for (let i = 0; i < data.length; i += 4) {
        const key = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
        colours.set(key, (colours.get(key) ?? 0) + 1);
      }
      const total = data.length / 4;
      const white = colours.get(0xffffff) ?? 0;
      return {
        distinct: colours.size,
        whiteShare: white / total,
        jobFill: colours.get(0xe8f0fe) ?? 0,
        fileFill: colours.get(0xfff4e0) ?? 0,
      };
    }, png.toString('base64'));
    expect(pixels.distinct).toBeGreaterThan(20);
    expect(pixels.whiteShare).toBeLessThan(0.95);
    expect(pixels.whiteShare).toBeGreaterThan(0.2);
    expect(pixels.jobFill).toBeGreaterThan(1000);
    expect(pixels.fileFill).toBeGreaterThan(1000);
  });

  it('exports an SVG that draws every job and file', async () => {
    const svg = (await exported('export-svg')).toString('utf8');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    for (const id of ['preprocess', 'findrange_1', 'findrange_2', 'analyze', 'f.a', 'f.d'])
      expect(svg).toContain(`>${id}</text>`);
    expect((svg.match(/<path d="M/g) ?? []).length).toBeGreaterThanOrEqual(8);
  });

  it('writes the Python API script through the export channel', async () => {
    const { page } = app;
    const target = path.join(app.workspace, 'diamond.py');
    await page.getByTestId('export-menu').click();
    await page.getByTestId('export-python').click();
    await page.getByTestId('export-path').fill(target);
    await page.getByTestId('export-write').click();
    await page.getByTestId('export-dialog').waitFor({ state: 'detached' });
    const script = await readFile(target, 'utf8');
    expect(script).toContain('from Pegasus.api import');
    expect(script).toContain('"findrange_1"');
  });
});
