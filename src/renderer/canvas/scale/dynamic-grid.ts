/**
 * A uniform grid over node boxes, so that "which nodes are in this rectangle" costs the cells
 * the rectangle covers plus the nodes found, not a scan of every node: React Flow's own
 * visible-only filter loops over all its nodes on every viewport change, which is what makes
 * panning 100,000 nodes drop frames (../shared/reference/perf.md). It changes one box at a
 * time: a node added, removed or moved costs the few cells its box covers, so an edit in a
 * 100,000-node canvas never rebuilds it.
 *
 * The cells are sized from the boxes it is built with and cover their bounds; a box placed
 * later outside them goes to the nearest edge cells (queries clamp the same way, so it is
 * still found) and widens {@link DynamicGrid.bounds}. Items are small integers (slots) the
 * caller allocates; a slot holds at most one box.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** At most this many cells: fine enough for queries, bounded memory. */
const MAX_CELLS = 1 << 20;

export class DynamicGrid {
  private readonly cellSize: number;
  private readonly cols: number;
  private readonly rows: number;
  private readonly origin: { x: number; y: number };
  /** Slots per cell; `undefined` for an empty cell (most cells of a sparse layout). */
  private readonly cells: Array<number[] | undefined>;
  /** Box of slot s at 4s..4s+3 (x, y, width, height); NaN x for an empty slot. */
  private boxes: Float64Array;
  private seen: Uint32Array;
  private stamp = 0;
  private live = 0;
  private minX = Infinity;
  private minY = Infinity;
  private maxX = -Infinity;
  private maxY = -Infinity;

  /**
   * `boxes[4s..4s+3]` = x, y, width, height of slot s; a NaN x leaves the slot empty.
   * Cost: O(slots + cells).
   */
  constructor(boxes: Float64Array) {
    const n = boxes.length / 4;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    let count = 0;
    for (let s = 0; s < n; s++) {
      const x = boxes[4 * s]!;
      if (Number.isNaN(x)) continue;
      count++;
      const y = boxes[4 * s + 1]!;
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x + boxes[4 * s + 2]!);
      maxY = Math.max(maxY, y + boxes[4 * s + 3]!);
    }
    if (count === 0) minX = minY = maxX = maxY = 0;
    const width = maxX - minX;
    const height = maxY - minY;
    // About four boxes per cell, cells at least a node wide, at most MAX_CELLS of them.
    let size = Math.max(256, Math.sqrt((Math.max(1, width) * Math.max(1, height) * 4) / Math.max(1, count)));
    while (Math.ceil((width + 1) / size) * Math.ceil((height + 1) / size) > MAX_CELLS) size *= 1.5;
    this.cellSize = size;
    this.cols = Math.max(1, Math.ceil((width + 1) / size));
    this.rows = Math.max(1, Math.ceil((height + 1) / size));
    this.origin = { x: minX, y: minY };
    this.cells = new Array<number[] | undefined>(this.cols * this.rows);
    this.boxes = new Float64Array(Math.max(16, boxes.length)).fill(Number.NaN);
    this.seen = new Uint32Array(this.boxes.length / 4);
    for (let s = 0; s < n; s++) {
      const x = boxes[4 * s]!;
      if (!Number.isNaN(x)) this.set(s, x, boxes[4 * s + 1]!, boxes[4 * s + 2]!, boxes[4 * s + 3]!);
    }
  }

  /** Boxes in the grid. */
  get count(): number {
    return this.live;
  }

  /** A rectangle holding every box ever placed (it grows, never shrinks). */
  get bounds(): Rect {
    if (this.live === 0 && this.minX === Infinity) return { x: 0, y: 0, width: 0, height: 0 };
    return { x: this.minX, y: this.minY, width: this.maxX - this.minX, height: this.maxY - this.minY };
  }

  /** The box of `slot`, or `undefined` when it is empty. */
  box(slot: number): Rect | undefined {
    const x = this.boxes[4 * slot];
    if (x === undefined || Number.isNaN(x)) return undefined;
    return { x, y: this.boxes[4 * slot + 1]!, width: this.boxes[4 * slot + 2]!, height: this.boxes[4 * slot + 3]! };
  }

  /** Places (or moves) the box of `slot`. Cost: O(cells the old and new box cover). */
  set(slot: number, x: number, y: number, width: number, height: number): void {
    if (!Number.isNaN(this.boxes[4 * slot] ?? Number.NaN)) this.remove(slot);
    this.ensure(slot);
    this.boxes[4 * slot] = x;
    this.boxes[4 * slot + 1] = y;
    this.boxes[4 * slot + 2] = width;
    this.boxes[4 * slot + 3] = height;
    this.live++;
    this.minX = Math.min(this.minX, x);
    this.minY = Math.min(this.minY, y);
    this.maxX = Math.max(this.maxX, x + width);
    this.maxY = Math.max(this.maxY, y + height);
    const [c0, r0, c1, r1] = this.cellRange(x, y, width, height);
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const cell = (this.cells[r * this.cols + c] ??= []);
        cell.push(slot);
      }
    }
  }

  /** Takes the box of `slot` out (nothing when it is empty). Cost: O(cells it covers). */
  remove(slot: number): void {
    const x = this.boxes[4 * slot];
    if (x === undefined || Number.isNaN(x)) return;
    const [c0, r0, c1, r1] = this.cellRange(x, this.boxes[4 * slot + 1]!, this.boxes[4 * slot + 2]!, this.boxes[4 * slot + 3]!);
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const cell = this.cells[r * this.cols + c];
        if (!cell) continue;
        const at = cell.indexOf(slot);
        if (at < 0) continue;
        // Order within a cell does not matter: swap with the last and drop it.
        cell[at] = cell[cell.length - 1]!;
        cell.pop();
      }
    }
    this.boxes[4 * slot] = Number.NaN;
    this.live--;
  }

  /**
   * An upper bound of the boxes overlapping `rect`, from cell sizes only (a box spanning cells
   * counts once per cell). Cost: O(cells covered).
   */
  estimate(rect: Rect): number {
    if (this.outside(rect)) return 0;
    const [c0, r0, c1, r1] = this.cellRange(rect.x, rect.y, rect.width, rect.height);
    let total = 0;
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) total += this.cells[r * this.cols + c]?.length ?? 0;
    }
    return total;
  }

  /** Calls `visit` once for every slot whose box overlaps `rect`. Cost: O(cells covered + boxes in them). */
  query(rect: Rect, visit: (slot: number) => void): void {
    if (this.outside(rect)) return;
    this.stamp++;
    if (this.stamp === 0xffffffff) {
      this.seen.fill(0);
      this.stamp = 1;
    }
    const [c0, r0, c1, r1] = this.cellRange(rect.x, rect.y, rect.width, rect.height);
    const right = rect.x + rect.width;
    const bottom = rect.y + rect.height;
    const b = this.boxes;
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const cell = this.cells[r * this.cols + c];
        if (!cell) continue;
        for (const s of cell) {
          if (this.seen[s] === this.stamp) continue;
          this.seen[s] = this.stamp;
          const x = b[4 * s]!;
          const y = b[4 * s + 1]!;
          if (x <= right && y <= bottom && x + b[4 * s + 2]! >= rect.x && y + b[4 * s + 3]! >= rect.y) visit(s);
        }
      }
    }
  }

  private ensure(slot: number): void {
    if (4 * slot + 3 < this.boxes.length) return;
    const grown = new Float64Array(Math.max(this.boxes.length * 2, 4 * slot + 16)).fill(Number.NaN);
    grown.set(this.boxes);
    this.boxes = grown;
    const seen = new Uint32Array(grown.length / 4);
    seen.set(this.seen);
    this.seen = seen;
  }

  private cellRange(x: number, y: number, width: number, height: number): [number, number, number, number] {
    const s = this.cellSize;
    const col = (v: number): number => Math.min(this.cols - 1, Math.max(0, Math.floor((v - this.origin.x) / s)));
    const row = (v: number): number => Math.min(this.rows - 1, Math.max(0, Math.floor((v - this.origin.y) / s)));
    return [col(x), row(y), col(x + width), row(y + height)];
  }

  private outside(rect: Rect): boolean {
    return (
      this.live === 0 ||
      rect.x > this.maxX ||
      rect.y > this.maxY ||
      rect.x + rect.width < this.minX ||
      rect.y + rect.height < this.minY
    );
  }
}
