import fc from 'fast-check';
import { EdgeListBuilder, type Dag } from '../../../src/shared/graph/dag';

/** A graph from `[parent, child]` pairs; flags are all 1. */
export function graph(nodeCount: number, edges: ReadonlyArray<readonly [number, number]>): Dag {
  const builder = new EdgeListBuilder(edges.length);
  for (const [p, c] of edges) builder.add(p, c, 1);
  return builder.build(nodeCount);
}

/** The edges of a graph as `"p>c"` strings, sorted. */
export function edgeStrings(dag: Dag): string[] {
  const result: string[] = [];
  for (let v = 0; v < dag.nodeCount; v++) {
    for (let e = dag.offsets[v]!; e < dag.offsets[v + 1]!; e++) result.push(`${v}>${dag.targets[e]}`);
  }
  return result.sort();
}

/** Random DAGs: edges only go from a lower to a higher id, then ids are shuffled. */
export const arbitraryDag = fc
  .integer({ min: 0, max: 30 })
  .chain((n) =>
    fc.record({
      n: fc.constant(n),
      edges: fc.array(
        fc.tuple(fc.integer({ min: 0, max: Math.max(0, n - 1) }), fc.integer({ min: 0, max: Math.max(0, n - 1) })),
        { maxLength: n * 3 },
      ),
      perm: fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
    }),
  )
  .map(({ n, edges, perm }) => ({
    n,
    edges: edges.filter(([a, b]) => a < b).map(([a, b]) => [perm[a]!, perm[b]!] as const),
  }));
