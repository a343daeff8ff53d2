/**
 * A layered (Sugiyama-style) layout whose cost grows linearly with the graph, for workflows
 * far past what dagre or ELK handle (../shared/reference/perf.md: both overflow the stack or
 * take tens of seconds at 5,000–20,000 nodes):
 *
 * 1. layering by longest path from the sources (Kahn's order; nodes on a cycle are placed
 *    after their placed predecessors, so a broken workflow still draws);
 * 2. ordering inside layers by a few barycenter sweeps, down then up;
 * 3. straight coordinates: each node goes to the mean x of its neighbours in the layer
 *    above, pushed right just enough not to overlap, then the layer is re-centred.
 *
 * Cost: O((n + e) · sweeps + n log n) time, O(n + e) memory, no recursion. Pure: runs in the
 * web worker and in unit tests alike.
 */

export interface LayoutInput {
  nodeCount: number;
  /** Edge i goes from `sources[i]` to `targets[i]` (node indices). */
  sources: Uint32Array;
  targets: Uint32Array;
  /** Node widths and heights (px). */
  widths: Float64Array;
  heights: Float64Array;
}

export interface LayoutOptions {
  /** Horizontal gap between nodes of a layer. */
  nodeGap?: number;
  /** Vertical gap between layers. */
  layerGap?: number;
  /** Number of ordering sweeps (each is one pass down or up). */
  sweeps?: number;
  /** Told the share of the work done (0–1) after each phase, for a progress indication. */
  onProgress?: (done: number) => void;
}

export interface LayoutResult {
  /** Top-left corners: x of node i at `2i`, y at `2i + 1`. */
  positions: Float64Array;
  layerOf: Uint32Array;
  layerCount: number;
}

interface Csr {
  offsets: Uint32Array;
  list: Uint32Array;
}

function csr(nodeCount: number, from: Uint32Array, to: Uint32Array): Csr {
  const offsets = new Uint32Array(nodeCount + 1);
  for (let i = 0; i < from.length; i++) offsets[from[i]! + 1]!++;
  for (let v = 0; v < nodeCount; v++) offsets[v + 1]! += offsets[v]!;
  const fill = offsets.slice(0, nodeCount);
  const list = new Uint32Array(from.length);
  for (let i = 0; i < from.length; i++) list[fill[from[i]!]!++] = to[i]!;
  return { offsets, list };
}

/** Longest-path layers; see the module comment for cycles. Cost: O(n + e). */
function longestPathLayers(nodeCount: number, out: Csr, inn: Csr): Uint32Array {
  const layer = new Uint32Array(nodeCount);
  const indegree = new Uint32Array(nodeCount);
  for (let v = 0; v < nodeCount; v++) indegree[v] = inn.offsets[v + 1]! - inn.offsets[v]!;
  const placed = new Uint8Array(nodeCount);
  const queue = new Uint32Array(nodeCount);
  let head = 0;
  let tail = 0;
  for (let v = 0; v < nodeCount; v++) if (indegree[v] === 0) queue[tail++] = v;
  let next = 0; // Scan position for nodes stuck on cycles.
  while (tail < nodeCount) {
    while (head < tail) {
      const v = queue[head++]!;
      placed[v] = 1;
      for (let e = out.offsets[v]!; e < out.offsets[v + 1]!; e++) {
        const w = out.list[e]!;
        if (placed[w]) continue;
        if (layer[w]! < layer[v]! + 1) layer[w] = layer[v]! + 1;
        if (--indegree[w]! === 0) queue[tail++] = w;
      }
    }
    if (tail === nodeCount) break;
    // A cycle: release the first unplaced node as if its unplaced parents did not exist.
    while (next < nodeCount && (placed[next] || indegree[next] === 0)) next++;
    if (next === nodeCount) break;
    indegree[next] = 0;
    queue[tail++] = next;
  }
  return layer;
}

/** Lays out the graph; see the module comment. */
export function layeredLayout(input: LayoutInput, options: LayoutOptions = {}): LayoutResult {
  const { nodeCount, sources, targets, widths, heights } = input;
  const nodeGap = options.nodeGap ?? 40;
  const layerGap = options.layerGap ?? 50;
  const sweeps = options.sweeps ?? 4;
  const out = csr(nodeCount, sources, targets);
  const inn = csr(nodeCount, targets, sources);
  const layerOf = longestPathLayers(nodeCount, out, inn);
  options.onProgress?.(0.2);

  let layerCount = 0;
  for (let v = 0; v < nodeCount; v++) if (layerOf[v]! + 1 > layerCount) layerCount = layerOf[v]! + 1;
  // Layers as slices of one array, nodes first in discovery order (index order).
  const layerStart = new Uint32Array(layerCount + 1);
  for (let v = 0; v < nodeCount; v++) layerStart[layerOf[v]! + 1]!++;
  for (let l = 0; l < layerCount; l++) layerStart[l + 1]! += layerStart[l]!;
  const order = new Uint32Array(nodeCount);
  const fill = layerStart.slice(0, layerCount);
  for (let v = 0; v < nodeCount; v++) order[fill[layerOf[v]!]!++] = v;
  initialOrder(order, layerStart, layerCount, inn, nodeCount);

  const rank = new Float64Array(nodeCount); // Index of the node inside its layer.
  const setRanks = (l: number): void => {
    for (let i = layerStart[l]!; i < layerStart[l + 1]!; i++) rank[order[i]!] = i - layerStart[l]!;
  };
  for (let l = 0; l < layerCount; l++) setRanks(l);
  const key = new Float64Array(nodeCount);
  for (let s = 0; s < sweeps; s++) {
    const down = s % 2 === 0;
    for (let step = 1; step < layerCount; step++) {
      const l = down ? step : layerCount - 1 - step;
      const neighbours = down ? inn : out;
      sortLayer(order, layerStart[l]!, layerStart[l + 1]!, (v) => {
        let sum = 0;
        let count = 0;
        for (let e = neighbours.offsets[v]!; e < neighbours.offsets[v + 1]!; e++) {
          sum += rank[neighbours.list[e]!]!;
          count++;
        }
        return count === 0 ? rank[v]! : sum / count;
      }, key, rank);
      setRanks(l);
    }
    options.onProgress?.(0.2 + (0.7 * (s + 1)) / sweeps);
  }

  // Coordinates, layer by layer from the top.
  const positions = new Float64Array(nodeCount * 2);
  const centre = new Float64Array(nodeCount);
  let y = 0;
  for (let l = 0; l < layerCount; l++) {
    const start = layerStart[l]!;
    const end = layerStart[l + 1]!;
    let height = 0;
    let wanted = 0;
    let prevRight = -Infinity;
    for (let i = start; i < end; i++) {
      const v = order[i]!;
      let sum = 0;
      let count = 0;
      for (let e = inn.offsets[v]!; e < inn.offsets[v + 1]!; e++) {
        sum += centre[inn.list[e]!]!;
        count++;
      }
      const half = widths[v]! / 2;
      const desired = count === 0 ? (prevRight === -Infinity ? half : prevRight + nodeGap + half) : sum / count;
      wanted += desired;
      const c = Math.max(desired, prevRight + nodeGap + half);
      centre[v] = c;
      prevRight = c + half;
      if (heights[v]! > height) height = heights[v]!;
    }
    // Re-centre the layer on the mean of where its nodes wanted to be, so it does not drift right.
    if (end > start) {
      let actual = 0;
      for (let i = start; i < end; i++) actual += centre[order[i]!]!;
      const shift = (wanted - actual) / (end - start);
      for (let i = start; i < end; i++) {
        const v = order[i]!;
        centre[v]! += shift;
        positions[2 * v] = centre[v]! - widths[v]! / 2;
        positions[2 * v + 1] = y + (height - heights[v]!) / 2;
      }
    }
    y += height + layerGap;
  }
  options.onProgress?.(1);
  return { positions, layerOf, layerCount };
}

/** Orders each layer by the first position of a parent in the layer above (a cheap start). */
function initialOrder(order: Uint32Array, layerStart: Uint32Array, layerCount: number, inn: Csr, nodeCount: number): void {
  const pos = new Float64Array(nodeCount);
  const key = new Float64Array(nodeCount);
  for (let l = 0; l < layerCount; l++) {
    const start = layerStart[l]!;
    const end = layerStart[l + 1]!;
    if (l > 0) {
      sortLayer(order, start, end, (v) => {
        let best = Infinity;
        for (let e = inn.offsets[v]!; e < inn.offsets[v + 1]!; e++) best = Math.min(best, pos[inn.list[e]!]!);
        return best === Infinity ? nodeCount + v : best;
      }, key, pos);
    }
    for (let i = start; i < end; i++) pos[order[i]!] = i - start;
  }
}

/** Stable sort of `order[start..end)` by `score`, ties kept by current rank. */
function sortLayer(order: Uint32Array, start: number, end: number, score: (v: number) => number, key: Float64Array, rank: Float64Array): void {
  if (end - start < 2) return;
  for (let i = start; i < end; i++) key[order[i]!] = score(order[i]!);
  const slice = Array.from(order.subarray(start, end));
  slice.sort((a, b) => key[a]! - key[b]! || rank[a]! - rank[b]!);
  order.set(slice, start);
}
