/**
 * Coalescing of job changes into few messages: what a run's listeners get is at most one batch
 * per interval, whatever the rate of changes, and never more than a bounded number of changes
 * per message, so a wave of 100,000 jobs turning ready reaches the page as several messages it
 * can take one at a time between frames.
 */

/** The clock and timers a batcher uses (real ones in the app, fake ones in tests). */
export interface BatchClock {
  now(): number;
  schedule(run: () => void, ms: number): unknown;
  cancel(handle: unknown): void;
}

export interface ChangeBatcherOptions {
  /** Least time between two batches, in ms (250: at most four a second). */
  intervalMs: number;
  /** Most changes in one message; a larger batch is sent as several messages in a row. */
  maxChanges?: number;
}

/**
 * Collects changes keyed by job (the last change of a job wins) and hands them to `send` in
 * batches. A change after a quiet interval is sent on the next turn (a burst of changes made in
 * one turn is one batch); while changes keep coming, batches leave `intervalMs` apart. So while
 * states change, listeners hear at least once per interval, and at most once.
 * Cost: O(1) per change, O(batch) per batch.
 */
export class ChangeBatcher<C> {
  private pending = new Map<string, C>();
  private handle: unknown;
  private scheduled = false;
  private last = -Infinity;

  constructor(
    private readonly send: (changes: C[]) => void,
    private readonly options: ChangeBatcherOptions,
    private readonly clock: BatchClock,
  ) {}

  /** Changes waiting for the next batch. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** Notes a change of job `key`; it leaves with the next batch. */
  add(key: string, change: C): void {
    this.pending.set(key, change);
    if (this.scheduled) return;
    this.scheduled = true;
    const wait = Math.max(0, this.last + this.options.intervalMs - this.clock.now());
    this.handle = this.clock.schedule(() => {
      this.scheduled = false;
      this.flush();
    }, wait);
  }

  /**
   * Sends what is pending now (a run changing state sends at once); with nothing pending,
   * sends one empty batch, so listeners hear the news that came without job changes.
   */
  flush(): void {
    if (this.scheduled) {
      this.clock.cancel(this.handle);
      this.scheduled = false;
    }
    const changes = [...this.pending.values()];
    this.pending = new Map();
    this.last = this.clock.now();
    const max = Math.max(1, this.options.maxChanges ?? Infinity);
    if (changes.length <= max) {
      this.send(changes);
      return;
    }
    for (let start = 0; start < changes.length; start += max) this.send(changes.slice(start, start + max));
  }
}
