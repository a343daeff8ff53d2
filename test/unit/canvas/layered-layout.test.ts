import { describe, expect, it } from 'vitest';
import { layeredLayout } from '../../../src/renderer/canvas/layout/layered';

function graph(nodeCount: number, edges: Array<[number, number]>, width = 100, height = 40) {
  return {
    nodeCount,
    sources: Uint32Array.from(edges.map(([s]) => s)),
    targets: Uint32Array.from(edges.map(([, t]) => t)),
    widths: new Float64Array(nodeCount).fill(width),
    heights: new Float64Array(nodeCount).fill(height),
  };
}

function overlaps(positions: Float64Array, n: number, w: number, h: number): boolean {
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const dx = Math.abs(positions[2 * a]! - positions[2 * b]!);
      const dy = Math.abs(positions[2 * a + 1]! - positions[2 * b + 1]!);
      if (dx < w && dy < h) return true;
    }
  }
  return false;
}

describe('layeredLayout', () => {
  it('puts every node below its parents, by longest path', () => {
    // The diamond as jobs and files: a → fa → b, c; b → fb → d; c → fc → d; plus a → d directly.
    const edges: Array<[number, number]> = [
      [0, 1],
      [1, 2],
      [1, 3],
      [2, 4],
      [3, 5],
      [4, 6],
      [5, 6],
      [0, 6],
    ];
    const { positions, layerOf, layerCount } = layeredLayout(graph(7, edges));
    expect(Array.from(layerOf)).toEqual([0, 1, 2, 2, 3, 3, 4]);
    expect(layerCount).toBe(5);
    for (const [s, t] of edges) expect(positions[2 * t + 1]!).toBeGreaterThan(positions[2 * s + 1]!);
    expect(overlaps(positions, 7, 100, 40)).toBe(false);
  });

  it('orders a layer so that edges do not cross when they need not', () => {
    // Two chains whose second layer is given in the crossing order: 0→3, 1→2.
    const { positions } = layeredLayout(graph(4, [[0, 3], [1, 2]]));
    expect(positions[2 * 3]! < positions[2 * 2]!).toBe(positions[0]! < positions[2]!);
  });

  it('still lays out a graph with a cycle, placing every node', () => {
    const { positions, layerOf } = layeredLayout(graph(4, [[0, 1], [1, 2], [2, 1], [2, 3]]));
    expect(Array.from(positions).every(Number.isFinite)).toBe(true);
    expect(layerOf[3]!).toBeGreaterThan(layerOf[0]!);
    expect(overlaps(positions, 4, 100, 40)).toBe(false);
  });

  it('handles isolated nodes and an empty graph', () => {
    expect(layeredLayout(graph(0, [])).positions.length).toBe(0);
    const { positions } = layeredLayout(graph(3, []));
    expect(overlaps(positions, 3, 100, 40)).toBe(false);
  });

  it('lays out a wide montage-like graph of 10^5 nodes without recursion or overlap in a layer', () => {
    // 5 levels of 20,000 jobs, each reading 2–3 outputs of the level above (local overlap).
    const perLevel = 20_000;
    const edges: Array<[number, number]> = [];
    for (let level = 1; level < 5; level++) {
      for (let i = 0; i < perLevel; i++) {
        for (const d of [-1, 0, 1]) {
          const j = i + d;
          if (j >= 0 && j < perLevel && (d !== 1 || i % 2 === 0)) edges.push([(level - 1) * perLevel + j, level * perLevel + i]);
        }
      }
    }
    const n = 5 * perLevel;
    const { positions, layerOf } = layeredLayout(graph(n, edges));
    expect(layerOf[n - 1]).toBe(4);
    // Within one layer, x positions are at least a node width apart.
    const xs = Array.from({ length: perLevel }, (_, i) => positions[2 * (2 * perLevel + i)]!).sort((a, b) => a - b);
    for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeGreaterThanOrEqual(100);
  });

  it('tells how far it got after each phase, ending at all done', () => {
    const seen: number[] = [];
    layeredLayout(graph(4, [[0, 1], [1, 2], [0, 3]]), { sweeps: 4, onProgress: (done) => seen.push(done) });
    expect(seen.length).toBe(6);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThan(seen[i - 1]!);
    expect(seen[0]).toBeGreaterThan(0);
    expect(seen[seen.length - 1]).toBe(1);
  });
});
