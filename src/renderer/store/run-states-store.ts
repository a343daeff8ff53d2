/**
 * The job states the canvas paints: one slice for every kind of run (a local run or a remote
 * one), so job nodes read one attribute (`data-run-state`) whatever drives the run. Run states
 * never enter the document history. A batch of changes makes one new map, so a node re-renders
 * only when its own state changed.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { JobCounts, JobState, RunState } from '../../shared/run/run-state';

/** Which run the canvas shows. */
export interface RunSource {
  kind: 'local' | 'remote';
  /** Run folder (local) or run id (remote). */
  id: string;
  label: string;
}

export interface RunStatesState {
  source: RunSource | null;
  runState: RunState | null;
  /** Abstract job id → state. */
  jobs: ReadonlyMap<string, JobState>;
  counts: JobCounts | null;
}

const NONE: ReadonlyMap<string, JobState> = new Map();

export const runStatesStore = createStore<RunStatesState>(() => ({ source: null, runState: null, jobs: NONE, counts: null }));

export function useRunStates<T>(selector: (state: RunStatesState) => T): T {
  return useStore(runStatesStore, selector);
}

/** The state of one job in the run on show (undefined: no run, or the job is not in it). */
export function useJobRunState(jobId: string): JobState | undefined {
  return useStore(runStatesStore, (s) => s.jobs.get(jobId));
}

/** Shows a whole run (opening it, or its first answer). */
export function showRun(source: RunSource, runState: RunState, jobs: Record<string, JobState>, counts: JobCounts): void {
  runStatesStore.setState({ source, runState, jobs: new Map(Object.entries(jobs)), counts });
}

/** Applies a batch of changes of the run on show; a batch of another run is ignored. Cost: O(jobs) per batch. */
export function applyRunChanges(sourceId: string, runState: RunState, changes: ReadonlyArray<{ jobId: string; state: JobState }>, counts: JobCounts): void {
  const current = runStatesStore.getState();
  if (current.source?.id !== sourceId) return;
  let jobs = current.jobs;
  if (changes.length > 0) {
    const next = new Map(jobs);
    for (const change of changes) next.set(change.jobId, change.state);
    jobs = next;
  }
  runStatesStore.setState({ runState, jobs, counts });
}

/** The canvas goes back to plain job nodes. */
export function clearRun(): void {
  runStatesStore.setState({ source: null, runState: null, jobs: NONE, counts: null });
}
