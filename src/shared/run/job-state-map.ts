/**
 * The job states of a run as an immutable map that a batch of changes extends cheaply, so the
 * canvas can be handed a new map for every batch of a 100,000-job run without copying it.
 */
import type { JobState } from './run-state';

/** One job's new state. */
export interface JobStateChange {
  jobId: string;
  state: JobState;
}

const EMPTY: ReadonlyMap<string, JobState> = new Map();

const asState = <T>(value: T): JobState => value as unknown as JobState;

/**
 * Job id → state, never changed once made: {@link JobStateMap.with} returns a new map and
 * leaves this one as it was, so code that kept an older map (a React render, a memo) still
 * reads the states it was given.
 *
 * Made of a base map and an overlay of the changes since the base, both frozen. A batch copies
 * the overlay only (O(overlay + changes)); a batch that would make the overlay outgrow an
 * eighth of the base is folded with it into a new base (O(jobs)), so over a run each change
 * costs O(1) amortised copies plus O(batch) for the batch it came in. A look-up is two hash
 * look-ups.
 */
export class JobStateMap implements ReadonlyMap<string, JobState> {
  /** Overlay ids that are not in the base (jobs the base did not have). */
  private readonly added: number;

  private constructor(
    private readonly base: ReadonlyMap<string, JobState>,
    private readonly overlay: ReadonlyMap<string, JobState>,
    added: number,
  ) {
    this.added = added;
  }

  /** No job. */
  static readonly EMPTY = new JobStateMap(EMPTY, EMPTY, 0);

  /** The map of these states. Cost: O(entries). */
  static from(entries: Iterable<readonly [string, JobState]>): JobStateMap {
    const base = new Map<string, JobState>();
    for (const [id, state] of entries) base.set(id, state);
    return new JobStateMap(base, EMPTY, 0);
  }

  /**
   * The map of a record's states (no array of entries in between); `stateOf` reads the state
   * of a record whose values are more than a state (a local run's `{ state, attempts }`).
   * Cost: O(jobs).
   */
  static fromRecord<T = JobState>(
    states: Readonly<Record<string, T>>,
    stateOf: (value: T) => JobState = asState,
  ): JobStateMap {
    const base = new Map<string, JobState>();
    for (const id in states) base.set(id, stateOf(states[id]!));
    return new JobStateMap(base, EMPTY, 0);
  }

  get size(): number {
    return this.base.size + this.added;
  }

  get(jobId: string): JobState | undefined {
    const state = this.overlay.get(jobId);
    return state !== undefined ? state : this.base.get(jobId);
  }

  has(jobId: string): boolean {
    return this.overlay.has(jobId) || this.base.has(jobId);
  }

  /**
   * This map with `changes` applied (last one wins); `this` itself when no state differs, so
   * an update that changes nothing re-renders nothing. Cost: O(changes + overlay), or O(jobs)
   * when the overlay is folded into the base.
   */
  with(changes: Iterable<JobStateChange>): JobStateMap {
    const list = Array.isArray(changes) ? (changes as readonly JobStateChange[]) : [...changes];
    const limit = Math.max(64, this.base.size / 8);
    // A wave (100,000 jobs turning ready) goes straight into a new base: an overlay that big
    // would be built only to be folded.
    if (this.overlay.size + list.length > limit) return this.folded(list);
    let overlay: Map<string, JobState> | undefined;
    let added = this.added;
    for (const { jobId, state } of list) {
      const current = overlay?.get(jobId) ?? this.get(jobId);
      if (current === state) continue;
      overlay ??= new Map(this.overlay);
      if (current === undefined) added++;
      overlay.set(jobId, state);
    }
    return overlay ? new JobStateMap(this.base, overlay, added) : this;
  }

  /** Base and overlay folded into one map, with `changes` on top; `this` when none differs. Cost: O(jobs). */
  private folded(changes: readonly JobStateChange[]): JobStateMap {
    let differs = false;
    for (const { jobId, state } of changes) {
      if (this.get(jobId) !== state) {
        differs = true;
        break;
      }
    }
    if (!differs && changes.length > 0) return this;
    const base = new Map(this.base);
    for (const [id, state] of this.overlay) base.set(id, state);
    for (const { jobId, state } of changes) base.set(jobId, state);
    return new JobStateMap(base, EMPTY, 0);
  }

  /**
   * The jobs whose state differs between `older` and this map, with both states (undefined:
   * not in that map); null when the two do not share a base (a fold came in between, or they
   * are of different runs), so the caller counts afresh. What lets the aggregated view update
   * its per-group counts from a batch instead of recounting every job. Cost: O(overlays), at
   * most an eighth of the jobs each.
   */
  changesSince(
    older: JobStateMap,
  ): Array<{ jobId: string; from: JobState | undefined; to: JobState | undefined }> | null {
    if (older === this) return [];
    if (older.base !== this.base) return null;
    const changes: Array<{ jobId: string; from: JobState | undefined; to: JobState | undefined }> = [];
    for (const [jobId, to] of this.overlay) {
      const from = older.get(jobId);
      if (from !== to) changes.push({ jobId, from, to });
    }
    for (const [jobId, from] of older.overlay) {
      if (this.overlay.has(jobId)) continue;
      const to = this.base.get(jobId);
      if (from !== to) changes.push({ jobId, from, to });
    }
    return changes;
  }

  /**
   * The changes that turn this map into `states` (a whole run's states, as a remote run's
   * summary carries them); null when `states` lacks a job this map has, so the caller starts
   * afresh. Cost: O(jobs) look-ups, no copy.
   */
  changesTo<T = JobState>(
    states: Readonly<Record<string, T>>,
    stateOf: (value: T) => JobState = asState,
  ): JobStateChange[] | null {
    const changes: JobStateChange[] = [];
    let known = 0;
    for (const jobId in states) {
      const state = stateOf(states[jobId]!);
      const current = this.get(jobId);
      if (current !== undefined) known++;
      if (current !== state) changes.push({ jobId, state });
    }
    return known === this.size ? changes : null;
  }

  *entries(): MapIterator<[string, JobState]> {
    for (const [id, state] of this.base) yield [id, this.overlay.get(id) ?? state];
    if (this.added === 0) return;
    for (const [id, state] of this.overlay) if (!this.base.has(id)) yield [id, state];
  }

  *keys(): MapIterator<string> {
    for (const [id] of this.entries()) yield id;
  }

  *values(): MapIterator<JobState> {
    for (const [, state] of this.entries()) yield state;
  }

  [Symbol.iterator](): MapIterator<[string, JobState]> {
    return this.entries();
  }

  forEach(
    callback: (state: JobState, jobId: string, map: ReadonlyMap<string, JobState>) => void,
    thisArg?: unknown,
  ): void {
    for (const [id, state] of this.entries()) callback.call(thisArg, state, id, this);
  }
}

/**
 * The jobs of `next` whose state differs from `previous` (job id → new state); null when a job
 * of `previous` is missing from `next`, since a change list cannot say a job is gone. What a
 * remote run's update carries instead of every job. Cost: O(jobs), no copy of either.
 */
export function changedStates(
  previous: Readonly<Record<string, JobState>>,
  next: Readonly<Record<string, JobState>>,
): Record<string, JobState> | null {
  const changed: Record<string, JobState> = {};
  let known = 0;
  for (const jobId in next) {
    const before = previous[jobId];
    if (before !== undefined) known++;
    if (before !== next[jobId]) changed[jobId] = next[jobId]!;
  }
  let total = 0;
  for (const _ in previous) total++;
  return known === total ? changed : null;
}
