import { describe, expect, it } from 'vitest';
import { criticalPath } from '../../../src/shared/graph/critical-path';
import { graph } from './graph-helpers';

describe('criticalPath', () => {
  const diamond = graph(4, [
    [0, 1],
    [0, 2],
    [1, 3],
    [2, 3],
  ]);

  it('takes the heaviest branch of a diamond', () => {
    const runtime = [10, 5, 50, 1];
    expect(criticalPath(diamond, (v) => runtime[v]!)).toEqual({ path: [0, 2, 3], length: 61 });
  });

  it('prefers the longer chain when weights tie or are missing', () => {
    const dag = graph(5, [
      [0, 1],
      [1, 2],
      [3, 4],
    ]);
    expect(criticalPath(dag, () => 0)).toEqual({ path: [0, 1, 2], length: 0 });
  });

  it('lets one heavy job beat a long light chain', () => {
    const dag = graph(4, [
      [0, 1],
      [1, 2],
    ]);
    const runtime = [1, 1, 1, 100];
    expect(criticalPath(dag, (v) => runtime[v]!)).toEqual({ path: [3], length: 100 });
  });

  it('treats negative and non-finite weights as 0', () => {
    const dag = graph(2, [[0, 1]]);
    expect(criticalPath(dag, (v) => (v === 0 ? Number.NaN : -5))).toEqual({ path: [0, 1], length: 0 });
  });

  it('is empty for an empty graph and undefined for a cycle', () => {
    expect(criticalPath(graph(0, []), () => 1)).toEqual({ path: [], length: 0 });
    expect(
      criticalPath(
        graph(2, [
          [0, 1],
          [1, 0],
        ]),
        () => 1,
      ),
    ).toBeUndefined();
  });
});
