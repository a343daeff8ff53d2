/**
 * The job states the canvas paints: one slice for every kind of run (a local run or a remote
 * one), so job nodes read one attribute (`data-run-state`) whatever drives the run. Run states
 * never enter the document history. A batch of changes makes one new map (a {@link JobStateMap}:
 * O(changes), never a copy of every job), so a node re-renders only when its own state changed
 * and a batch that changes nothing changes nothing.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { JobStateMap, type JobStateChange } from '../../shared/run/job-state-map';
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
  /** Abstract job id → state; a new map for every batch that changes a state. */
  jobs: JobStateMap;
  counts: JobCounts | null;
}

const NONE = JobStateMap.EMPTY;

export const runStatesStore = createStore<RunStatesState>(() => ({ source: null, runState: null, jobs: NONE, counts: null }));

export function useRunStates<T>(selector: (state: RunStatesState) => T): T {
  return useStore(runStatesStore, selector);
}

/** The state of one job in the run on show (undefined: no run, or the job is not in it). */
export function useJobRunState(jobId: string): JobState | undefined {
  return useStore(runStatesStore, (s) => s.jobs.get(jobId));
}

/**
 * Shows a whole run (opening it, or a remote run's summary). The run already on show is
 * updated with the jobs whose state differs (O(jobs) look-ups, no copy, no re-render of the
 * others); another run replaces it. `stateOf` reads a state out of richer values (a local
 * run's jobs), so no record of states is built in between.
 */
export function showRun<T = JobState>(source: RunSource, runState: RunState, jobs: Readonly<Record<string, T>>, counts: JobCounts, stateOf?: (value: T) => JobState): void {
  const current = runStatesStore.getState();
  const shown = current.source?.kind === source.kind && current.source.id === source.id ? current.jobs : null;
  const changes = shown?.changesTo(jobs, stateOf);
  const next = shown && changes ? shown.with(changes) : JobStateMap.fromRecord(jobs, stateOf);
  runStatesStore.setState({ source, runState, jobs: next, counts });
}

/** Applies a batch of changes of the run on show; a batch of another run is ignored. Cost: O(changes) per batch (see {@link JobStateMap}). */
export function applyRunChanges(sourceId: string, runState: RunState, changes: Iterable<JobStateChange>, counts: JobCounts): void {
  const current = runStatesStore.getState();
  if (current.source?.id !== sourceId) return;
  runStatesStore.setState({ runState, jobs: current.jobs.with(changes), counts });
}

/** The canvas goes back to plain job nodes. */
export function clearRun(): void {
  runStatesStore.setState({ source: null, runState: null, jobs: NONE, counts: null });
}
