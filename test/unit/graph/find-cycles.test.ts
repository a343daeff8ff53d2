import { describe, expect, it } from 'vitest';
import { findCycle, findCycles } from '../../../src/shared/graph/find-cycles';
import { stronglyConnectedComponents } from '../../../src/shared/graph/strongly-connected';
import { arbitraryDag, graph } from './graph-helpers';
import fc from 'fast-check';

/** True when `cycle` is a closed walk of edges in the graph. */
function isCycle(edges: ReadonlyArray<readonly [number, number]>, cycle: number[]): boolean {
  const set = new Set(edges.map(([a, b]) => `${a}>${b}`));
  return cycle.every((v, i) => set.has(`${v}>${cycle[(i + 1) % cycle.length]}`));
}

describe('findCycles', () => {
  it('finds nothing in a DAG, an empty graph or isolated nodes', () => {
    expect(
      findCycles(
        graph(4, [
          [0, 1],
          [0, 2],
          [1, 3],
          [2, 3],
        ]),
      ),
    ).toEqual([]);
    expect(findCycles(graph(0, []))).toEqual([]);
    expect(findCycle(graph(3, []))).toBeUndefined();
  });

  it('reports a self loop as a one-node cycle', () => {
    expect(
      findCycles(
        graph(3, [
          [0, 1],
          [1, 1],
        ]),
      ),
    ).toEqual([[1]]);
  });

  it('returns the path of a two-node cycle', () => {
    expect(
      findCycle(
        graph(3, [
          [0, 1],
          [1, 2],
          [2, 1],
        ]),
      ),
    ).toEqual([1, 2]);
  });

  it('reports one cycle per tangle, and each is a real cycle', () => {
    const edges: Array<[number, number]> = [
      [0, 1],
      [1, 2],
      [2, 0], // first loop
      [3, 4],
      [4, 5],
      [5, 6],
      [6, 3],
      [4, 6], // second loop with a chord
      [2, 3], // joins them one way only
    ];
    const cycles = findCycles(graph(7, edges));
    expect(cycles).toHaveLength(2);
    for (const cycle of cycles) expect(isCycle(edges, cycle)).toBe(true);
    // The shortest cycle through node 3 uses the chord 4 → 6.
    expect(cycles).toContainEqual([3, 4, 6]);
  });

  it('respects the limit', () => {
    expect(
      findCycles(
        graph(4, [
          [0, 0],
          [1, 1],
          [2, 2],
        ]),
        2,
      ),
    ).toHaveLength(2);
  });

  it('handles a 200,000-node ring without recursion', () => {
    const n = 200_000;
    const edges: Array<[number, number]> = [];
    for (let v = 0; v < n; v++) edges.push([v, (v + 1) % n]);
    const cycle = findCycle(graph(n, edges))!;
    expect(cycle.length).toBe(n);
    expect(cycle[0]).toBe(0);
  });

  it('finds no cycle in random DAGs, and one after closing a path', () => {
    fc.assert(
      fc.property(arbitraryDag, ({ n, edges }) => {
        expect(findCycles(graph(n, edges))).toEqual([]);
        if (edges.length > 0) {
          const [a, b] = edges[0]!;
          const closed = [...edges, [b, a] as const];
          const cycles = findCycles(graph(n, closed));
          expect(cycles.length).toBeGreaterThan(0);
          for (const cycle of cycles) expect(isCycle(closed, cycle)).toBe(true);
        }
      }),
    );
  });
});

describe('stronglyConnectedComponents', () => {
  it('groups the nodes of each loop', () => {
    const { component, count } = stronglyConnectedComponents(
      graph(5, [
        [0, 1],
        [1, 0],
        [1, 2],
        [3, 4],
      ]),
    );
    expect(count).toBe(4);
    expect(component[0]).toBe(component[1]);
    expect(new Set([component[2], component[3], component[4], component[0]]).size).toBe(4);
  });
});
