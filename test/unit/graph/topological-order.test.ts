import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { topologicalOrder } from '../../../src/shared/graph/topological-order';
import { leaves, roots } from '../../../src/shared/graph/roots-leaves';
import { arbitraryDag, graph } from './graph-helpers';

describe('topologicalOrder', () => {
  it('orders a diamond parents first', () => {
    const order = topologicalOrder(
      graph(4, [
        [0, 1],
        [0, 2],
        [1, 3],
        [2, 3],
      ]),
    );
    expect(Array.from(order!)).toEqual([0, 1, 2, 3]);
  });

  it('is empty for an empty graph', () => {
    expect(Array.from(topologicalOrder(graph(0, []))!)).toEqual([]);
  });

  it('keeps disconnected nodes, lower ids first', () => {
    expect(Array.from(topologicalOrder(graph(5, [[3, 1]]))!)).toEqual([0, 2, 3, 4, 1]);
  });

  it('returns undefined on a cycle and on a self loop', () => {
    expect(
      topologicalOrder(
        graph(3, [
          [0, 1],
          [1, 2],
          [2, 1],
        ]),
      ),
    ).toBeUndefined();
    expect(
      topologicalOrder(
        graph(2, [
          [0, 1],
          [1, 1],
        ]),
      ),
    ).toBeUndefined();
  });

  it('puts every parent before its child on random DAGs', () => {
    fc.assert(
      fc.property(arbitraryDag, ({ n, edges }) => {
        const order = topologicalOrder(graph(n, edges))!;
        const position = new Map(Array.from(order, (v, i) => [v, i]));
        expect(order.length).toBe(n);
        for (const [a, b] of edges) expect(position.get(a)!).toBeLessThan(position.get(b)!);
      }),
    );
  });
});

describe('roots and leaves', () => {
  it('finds them on a diamond plus an isolated node', () => {
    const dag = graph(5, [
      [0, 1],
      [0, 2],
      [1, 3],
      [2, 3],
    ]);
    expect(roots(dag)).toEqual([0, 4]);
    expect(leaves(dag)).toEqual([3, 4]);
  });

  it('counts a self loop as both a parent and a child', () => {
    const dag = graph(2, [[1, 1]]);
    expect(roots(dag)).toEqual([0]);
    expect(leaves(dag)).toEqual([0]);
  });
});
