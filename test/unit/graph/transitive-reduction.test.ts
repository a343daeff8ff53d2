import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transitiveReduction } from '../../../src/shared/graph/transitive-reduction';
import { EdgeFlag } from '../../../src/shared/graph/dag';
import { arbitraryDag, edgeStrings, graph } from './graph-helpers';

/** Reachability by brute force, for checking. */
function closure(n: number, edges: ReadonlyArray<readonly [number, number]>): boolean[][] {
  const reach = Array.from({ length: n }, () => new Array<boolean>(n).fill(false));
  for (const [a, b] of edges) reach[a]![b] = true;
  for (let k = 0; k < n; k++)
    for (let i = 0; i < n; i++) if (reach[i]![k]) for (let j = 0; j < n; j++) if (reach[k]![j]) reach[i]![j] = true;
  return reach;
}

describe('transitiveReduction', () => {
  it('drops the shortcut of a chain', () => {
    const result = transitiveReduction(
      graph(3, [
        [0, 1],
        [1, 2],
        [0, 2],
      ]),
    )!;
    expect(edgeStrings(result.dag)).toEqual(['0>1', '1>2']);
    expect(result.complete).toBe(true);
  });

  it('keeps a diamond as it is', () => {
    const edges: Array<[number, number]> = [
      [0, 1],
      [0, 2],
      [1, 3],
      [2, 3],
    ];
    expect(edgeStrings(transitiveReduction(graph(4, edges))!.dag)).toEqual(['0>1', '0>2', '1>3', '2>3']);
  });

  it('keeps the flags of kept edges', () => {
    const result = transitiveReduction(graph(2, [[0, 1]]))!;
    expect(result.dag.flags[0]).toBe(EdgeFlag.Inferred);
  });

  it('is undefined for a cyclic graph and empty for an empty one', () => {
    expect(
      transitiveReduction(
        graph(2, [
          [0, 1],
          [1, 0],
        ]),
      ),
    ).toBeUndefined();
    expect(edgeStrings(transitiveReduction(graph(0, []))!.dag)).toEqual([]);
  });

  it('keeps the remaining edges when the budget runs out', () => {
    const result = transitiveReduction(
      graph(4, [
        [0, 1],
        [1, 2],
        [0, 2],
        [2, 3],
        [0, 3],
      ]),
      0,
    )!;
    expect(result.complete).toBe(false);
    expect(edgeStrings(result.dag).length).toBeGreaterThanOrEqual(3);
  });

  it('has the same reachability and no redundant edge on random DAGs', () => {
    fc.assert(
      fc.property(arbitraryDag, ({ n, edges }) => {
        const reduced = transitiveReduction(graph(n, edges))!;
        const kept = edgeStrings(reduced.dag).map((s) => s.split('>').map(Number) as [number, number]);
        expect(closure(n, kept)).toEqual(closure(n, edges));
        // No kept edge a → b is implied by the others.
        for (const [a, b] of kept) {
          const others = kept.filter(([x, y]) => x !== a || y !== b);
          expect(closure(n, others)[a]![b]).toBe(false);
        }
      }),
    );
  });
});
