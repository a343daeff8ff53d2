import { describe, expect, it } from 'vitest';
import { levels, levelSizes } from '../../../src/shared/graph/levels';
import { width } from '../../../src/shared/graph/width';
import { graph } from './graph-helpers';

describe('levels', () => {
  it('uses the longest distance from a root, as horizontal clustering does', () => {
    // 0 → 1 → 2 → 3 and a shortcut 0 → 3: node 3 is on level 3, not 1.
    const result = levels(
      graph(4, [
        [0, 1],
        [1, 2],
        [2, 3],
        [0, 3],
      ]),
    )!;
    expect(Array.from(result.level)).toEqual([0, 1, 2, 3]);
    expect(result.count).toBe(4);
  });

  it('puts every root of a disconnected graph on level 0', () => {
    const result = levels(
      graph(4, [
        [0, 1],
        [2, 3],
      ]),
    )!;
    expect(Array.from(result.level)).toEqual([0, 1, 0, 1]);
    expect(Array.from(levelSizes(result))).toEqual([2, 2]);
  });

  it('has no levels for an empty graph and none for a cyclic one', () => {
    expect(levels(graph(0, []))).toEqual({ level: new Uint32Array(0), count: 0 });
    expect(
      levels(
        graph(2, [
          [0, 1],
          [1, 0],
        ]),
      ),
    ).toBeUndefined();
  });
});

describe('width', () => {
  it('is the largest level of a fan-out/fan-in', () => {
    // split → 5 workers → merge
    const edges: Array<[number, number]> = [];
    for (let w = 1; w <= 5; w++) edges.push([0, w], [w, 6]);
    expect(width(levels(graph(7, edges))!)).toBe(5);
  });

  it('is 0 for an empty graph', () => {
    expect(width(levels(graph(0, []))!)).toBe(0);
  });
});
