import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DynamicGrid, type Rect } from '../../../src/renderer/canvas/scale/dynamic-grid';

function overlaps(boxes: Float64Array, i: number, r: Rect): boolean {
  const x = boxes[4 * i]!;
  const y = boxes[4 * i + 1]!;
  return x <= r.x + r.width && y <= r.y + r.height && x + boxes[4 * i + 2]! >= r.x && y + boxes[4 * i + 3]! >= r.y;
}

const box = fc.tuple(
  fc.integer({ min: -5000, max: 50_000 }),
  fc.integer({ min: -2000, max: 8000 }),
  fc.integer({ min: 1, max: 400 }),
  fc.integer({ min: 1, max: 100 }),
);
const rect = fc.record({
  x: fc.integer({ min: -8000, max: 60_000 }),
  y: fc.integer({ min: -3000, max: 9000 }),
  width: fc.integer({ min: 0, max: 30_000 }),
  height: fc.integer({ min: 0, max: 9000 }),
});

describe('DynamicGrid', () => {
  it('finds exactly the boxes a rectangle overlaps, each once, and never estimates fewer', () => {
    fc.assert(
      fc.property(fc.array(box, { maxLength: 400 }), fc.array(rect, { minLength: 1, maxLength: 5 }), (items, rects) => {
        const boxes = Float64Array.from(items.flat());
        const grid = new DynamicGrid(boxes);
        for (const r of rects) {
          const found: number[] = [];
          grid.query(r, (i) => found.push(i));
          const expected = items.map((_, i) => i).filter((i) => overlaps(boxes, i, r));
          expect(found.sort((a, b) => a - b)).toEqual(expected);
          expect(grid.estimate(r)).toBeGreaterThanOrEqual(expected.length);
        }
      }),
    );
  });

  it('bounds every box and answers nothing outside them', () => {
    const grid = new DynamicGrid(Float64Array.from([0, 0, 100, 50, 1000, 400, 100, 50]));
    expect(grid.bounds).toEqual({ x: 0, y: 0, width: 1100, height: 450 });
    const found: number[] = [];
    grid.query({ x: 2000, y: 0, width: 10, height: 10 }, (i) => found.push(i));
    expect(found).toEqual([]);
    expect(grid.estimate({ x: -500, y: -500, width: 10, height: 10 })).toBe(0);
  });

  it('holds an empty list', () => {
    const grid = new DynamicGrid(new Float64Array(0));
    const found: number[] = [];
    grid.query({ x: 0, y: 0, width: 100, height: 100 }, (i) => found.push(i));
    expect(found).toEqual([]);
  });
});
