/**
 * A uniform grid over node boxes, so that "which nodes are in this rectangle" costs the cells
 * the rectangle covers plus the nodes found, not a scan of every node: React Flow's own
 * visible-only filter loops over all its nodes on every viewport change, which is what makes
 * panning 100,000 nodes drop frames (../shared/reference/perf.md). Built once per node list,
 * in O(n); stored as CSR typed arrays (no object per cell).
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The cells a grid may have at most: enough for fine queries, bounded memory. */
const MAX_CELLS = 1 << 20;

export class SpatialGrid {
  readonly count: number;
  readonly bounds: Rect;
  private readonly cellSize: number;
  private readonly cols: number;
  private readonly rows: number;
  private readonly cellStart: Uint32Array;
  private items: Uint32Array | undefined;
  private readonly boxes: Float64Array;
  /** Query stamps, so an item spanning several cells is reported once per query. */
  private readonly seen: Uint32Array;
  private stamp = 0;

  /** `boxes[4i..4i+3]` = x, y, width, height of item i. */
  constructor(boxes: Float64Array) {
    const n = boxes.length / 4;
    this.count = n;
    this.boxes = boxes;
    this.seen = new Uint32Array(n);
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < n; i++) {
      const x = boxes[4 * i]!;
      const y = boxes[4 * i + 1]!;
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x + boxes[4 * i + 2]!);
      maxY = Math.max(maxY, y + boxes[4 * i + 3]!);
    }
    if (n === 0) minX = minY = maxX = maxY = 0;
    this.bounds = { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
    const area = Math.max(1, this.bounds.width) * Math.max(1, this.bounds.height);
    // About four items per cell, cells at least a node wide, at most MAX_CELLS of them.
    let size = Math.max(256, Math.sqrt((area * 4) / Math.max(1, n)));
    while (Math.ceil((this.bounds.width + 1) / size) * Math.ceil((this.bounds.height + 1) / size) > MAX_CELLS)
      size *= 1.5;
    this.cellSize = size;
    this.cols = Math.max(1, Math.ceil((this.bounds.width + 1) / size));
    this.rows = Math.max(1, Math.ceil((this.bounds.height + 1) / size));
    const cells = this.cols * this.rows;
    const counts = new Uint32Array(cells + 1);
    // Two passes (count, then fill) over the cells of every box; plain loops, no closures.
    for (let pass = 0; pass < 2; pass++) {
      const cursor = pass === 0 ? counts : counts.slice(0, cells);
      const items = pass === 0 ? undefined : new Uint32Array(counts[cells]!);
      for (let i = 0; i < n; i++) {
        const x = boxes[4 * i]! - this.bounds.x;
        const y = boxes[4 * i + 1]! - this.bounds.y;
        const c0 = Math.min(this.cols - 1, Math.floor(x / size));
        const r0 = Math.min(this.rows - 1, Math.floor(y / size));
        const c1 = Math.min(this.cols - 1, Math.floor((x + boxes[4 * i + 2]!) / size));
        const r1 = Math.min(this.rows - 1, Math.floor((y + boxes[4 * i + 3]!) / size));
        for (let r = r0; r <= r1; r++) {
          for (let c = c0; c <= c1; c++) {
            if (items) items[cursor[r * this.cols + c]!++] = i;
            else counts[r * this.cols + c + 1]!++;
          }
        }
      }
      if (items) this.items = items;
      else for (let c = 0; c < cells; c++) counts[c + 1]! += counts[c]!;
    }
    this.cellStart = counts;
    this.items ??= new Uint32Array(0);
  }

  private cellRange(x: number, y: number, width: number, height: number): [number, number, number, number] {
    const clamp = (v: number, max: number): number => Math.min(max, Math.max(0, Math.floor(v)));
    const s = this.cellSize;
    return [
      clamp((x - this.bounds.x) / s, this.cols - 1),
      clamp((y - this.bounds.y) / s, this.rows - 1),
      clamp((x + width - this.bounds.x) / s, this.cols - 1),
      clamp((y + height - this.bounds.y) / s, this.rows - 1),
    ];
  }

  private outside(rect: Rect): boolean {
    const b = this.bounds;
    return (
      this.count === 0 ||
      rect.x > b.x + b.width ||
      rect.y > b.y + b.height ||
      rect.x + rect.width < b.x ||
      rect.y + rect.height < b.y
    );
  }

  /**
   * An upper bound of the items overlapping `rect`, from cell counts only (an item spanning
   * cells counts once per cell). Cost: O(cells covered), never the items themselves.
   */
  estimate(rect: Rect): number {
    if (this.outside(rect)) return 0;
    const [c0, r0, c1, r1] = this.cellRange(rect.x, rect.y, rect.width, rect.height);
    let total = 0;
    for (let r = r0; r <= r1; r++)
      total += this.cellStart[r * this.cols + c1 + 1]! - this.cellStart[r * this.cols + c0]!;
    return total;
  }

  /** Calls `visit` once for every item whose box overlaps `rect`. Cost: O(cells covered + items in them). */
  query(rect: Rect, visit: (item: number) => void): void {
    if (this.outside(rect)) return;
    this.stamp++;
    if (this.stamp === 0xffffffff) {
      this.seen.fill(0);
      this.stamp = 1;
    }
    const [c0, r0, c1, r1] = this.cellRange(rect.x, rect.y, rect.width, rect.height);
    const right = rect.x + rect.width;
    const bottom = rect.y + rect.height;
    for (let r = r0; r <= r1; r++) {
      for (let k = this.cellStart[r * this.cols + c0]!; k < this.cellStart[r * this.cols + c1 + 1]!; k++) {
        const i = this.items![k]!;
        if (this.seen[i] === this.stamp) continue;
        this.seen[i] = this.stamp;
        const x = this.boxes[4 * i]!;
        const y = this.boxes[4 * i + 1]!;
        if (x <= right && y <= bottom && x + this.boxes[4 * i + 2]! >= rect.x && y + this.boxes[4 * i + 3]! >= rect.y)
          visit(i);
      }
    }
  }
}
