import type { Dag } from '../graph/dag';

/** What one job asks of the machine. */
export interface JobDemand {
  cores: number;
  /** MB; 0 when the job does not say. */
  memoryMb: number;
}

/** What the machine (or the user's `--jobs N`) allows at once. */
export interface Capacity {
  cores: number;
  /** MB; `Infinity` when unknown. */
  memoryMb: number;
}

/**
 * Cores and memory in use on one machine, shared by a run and its sub-workflow runs so that
 * together they never use more than the capacity. A job that alone exceeds the capacity may
 * still start when nothing else runs (the executor refuses jobs larger than the machine).
 */
export class ResourcePool {
  private cores = 0;
  private memoryMb = 0;
  private holders = 0;

  constructor(readonly capacity: Capacity) {}

  /** Takes the resources if they fit now; true when taken. */
  tryAcquire(want: JobDemand): boolean {
    if (this.holders > 0 && (this.cores + want.cores > this.capacity.cores || this.memoryMb + want.memoryMb > this.capacity.memoryMb)) return false;
    this.cores += want.cores;
    this.memoryMb += want.memoryMb;
    if (want.cores > 0 || want.memoryMb > 0) this.holders++;
    return true;
  }

  /** Gives the resources back and tells every waiting run that room was made. */
  release(want: JobDemand): void {
    this.cores -= want.cores;
    this.memoryMb -= want.memoryMb;
    if (want.cores > 0 || want.memoryMb > 0) this.holders--;
    for (const listener of [...this.listeners]) listener();
  }

  /** Calls `listener` after each release; returns the function that stops it. */
  onRelease(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private readonly listeners = new Set<() => void>();

  /** Cores in use now. */
  get coresInUse(): number {
    return this.cores;
  }
}

/**
 * Dependency-order scheduling of a DAG on one machine, the way DAGMan releases nodes: a job
 * becomes ready when all its parents are done, and ready jobs start first come, first served
 * while their cores and memory fit in what is free. The head of the queue waits rather than
 * being overtaken, so a big job is never starved by a stream of small ones.
 *
 * Pure bookkeeping (no processes, no clock): the executor calls `take` / `finish` / `fail`.
 * Cost: O(n + e) over a whole run.
 */
export class DagScheduler {
  private readonly waiting: Uint32Array;
  private readonly doneFlags: Uint8Array;
  private readonly ready: number[] = [];
  private head = 0;
  private running = 0;

  /**
   * @param dag the job graph (node i = job i)
   * @param demand per-job resource requests (clamped to capacity by the caller's checks)
   * @param pool the machine's resources, shared with sub-workflow runs
   * @param done jobs already finished (resume): they count as done parents and never start
   */
  constructor(
    private readonly dag: Dag,
    private readonly demand: (job: number) => JobDemand,
    private readonly pool: ResourcePool,
    done: (job: number) => boolean = () => false,
  ) {
    const n = dag.nodeCount;
    this.waiting = new Uint32Array(n);
    this.doneFlags = new Uint8Array(n);
    for (let v = 0; v < n; v++) if (done(v)) this.doneFlags[v] = 1;
    for (let v = 0; v < n; v++) {
      if (this.doneFlags[v] === 1) continue;
      for (let e = dag.offsets[v]!; e < dag.offsets[v + 1]!; e++) this.waiting[dag.targets[e]!]!++;
    }
    for (let v = 0; v < n; v++) {
      if (this.doneFlags[v] === 0 && this.waiting[v] === 0) this.ready.push(v);
    }
  }

  /** Jobs ready at the start, before any `take` (for the initial state events). */
  initiallyReady(): readonly number[] {
    return this.ready.slice(this.head);
  }

  /** Number of jobs ready and not started. */
  get readyCount(): number {
    return this.ready.length - this.head;
  }

  /** Number of jobs started and not finished. */
  get runningCount(): number {
    return this.running;
  }

  /** The next job to start if it fits in what is free, else `undefined`. */
  take(): number | undefined {
    if (this.head >= this.ready.length) return undefined;
    const job = this.ready[this.head]!;
    if (!this.pool.tryAcquire(this.demand(job))) return undefined;
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.ready.length) {
      this.ready.splice(0, this.head);
      this.head = 0;
    }
    this.running++;
    return job;
  }

  /** Puts a started job back at the head of the queue (a retry) and frees its resources. */
  retry(job: number): void {
    this.release(job);
    if (this.head > 0) this.ready[--this.head] = job;
    else this.ready.unshift(job);
  }

  /** Marks a started job done; returns the children that became ready. */
  finish(job: number): number[] {
    this.release(job);
    this.doneFlags[job] = 1;
    const released: number[] = [];
    for (let e = this.dag.offsets[job]!; e < this.dag.offsets[job + 1]!; e++) {
      const child = this.dag.targets[e]!;
      if (--this.waiting[child]! === 0 && this.doneFlags[child] === 0) {
        this.ready.push(child);
        released.push(child);
      }
    }
    return released;
  }

  /** Marks a started job failed for good: its descendants never become ready. */
  fail(job: number): void {
    this.release(job);
  }

  /** Empties the ready queue (cancel); returns the jobs that were waiting in it. */
  drain(): number[] {
    const left = this.ready.slice(this.head);
    this.ready.length = 0;
    this.head = 0;
    return left;
  }

  private release(job: number): void {
    this.pool.release(this.demand(job));
    this.running--;
  }
}
