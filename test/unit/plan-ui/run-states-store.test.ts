import { beforeEach, describe, expect, it } from 'vitest';
import { applyRunChanges, clearRun, runStatesStore, showRun } from '../../../src/renderer/store/run-states-store';
import { countStates, emptyCounts, type JobState } from '../../../src/shared/run/run-state';

describe('the run states the canvas paints', () => {
  beforeEach(() => clearRun());

  it('shows a run, applies its batches, ignores another run, and clears', () => {
    showRun({ kind: 'local', id: '/runs/a', label: 'a' }, 'running', { x: 'running', y: 'unready' }, countStates(['running', 'unready']));
    const before = runStatesStore.getState().jobs;
    applyRunChanges('/runs/b', 'failed', [{ jobId: 'x', state: 'failed' }], emptyCounts());
    expect(runStatesStore.getState().jobs).toBe(before);
    applyRunChanges('/runs/a', 'succeeded', [{ jobId: 'x', state: 'succeeded' }, { jobId: 'y', state: 'succeeded' }], countStates(['succeeded', 'succeeded']));
    const state = runStatesStore.getState();
    expect(Object.fromEntries(state.jobs)).toEqual({ x: 'succeeded', y: 'succeeded' });
    expect([state.runState, state.counts?.succeeded]).toEqual(['succeeded', 2]);
    expect(before.get('x')).toBe('running'); // batches make a new map: nodes compare by value
    clearRun();
    expect([runStatesStore.getState().source, runStatesStore.getState().jobs.size]).toEqual([null, 0]);
  });

  it("applies a remote run's whole 100,000-job summary as the jobs that changed: the others keep their map, and no change keeps the same map", () => {
    const source = { kind: 'remote' as const, id: 'r1', label: 'big' };
    const states: Record<string, JobState> = {};
    for (let i = 0; i < 100_000; i++) states[`work_${i}`] = 'queued';
    showRun(source, 'running', states, countStates(Object.values(states)));
    const first = runStatesStore.getState().jobs;
    showRun(source, 'running', { ...states }, countStates(Object.values(states)));
    expect(runStatesStore.getState().jobs).toBe(first);
    const next = { ...states, work_7: 'running' as const, work_99999: 'succeeded' as const };
    showRun(source, 'running', next, countStates(Object.values(next)));
    const second = runStatesStore.getState().jobs;
    expect(second).not.toBe(first);
    expect([second.get('work_7'), second.get('work_99999'), second.get('work_8'), second.size]).toEqual(['running', 'succeeded', 'queued', 100_000]);
    expect(first.get('work_7')).toBe('queued');
    // The 100,000 entries were not copied: the new map is the old one plus an overlay of 2.
    expect((second as unknown as { base: unknown }).base).toBe((first as unknown as { base: unknown }).base);
    // Another run starts afresh.
    showRun({ ...source, id: 'r2' }, 'running', { a: 'queued' }, countStates(['queued']));
    expect(Object.fromEntries(runStatesStore.getState().jobs)).toEqual({ a: 'queued' });
  });

  it("shows a local run's jobs (state and attempts) without a record of states in between, and diffs the same run's next snapshot", () => {
    const source = { kind: 'local' as const, id: '/runs/c', label: 'c' };
    const jobs = { a: { state: 'running' as const, attempts: 1 }, b: { state: 'unready' as const, attempts: 0 } };
    showRun(source, 'running', jobs, countStates(['running', 'unready']), (job) => job.state);
    const first = runStatesStore.getState().jobs;
    expect(Object.fromEntries(first)).toEqual({ a: 'running', b: 'unready' });
    const cancelled = { a: { state: 'cancelled' as const, attempts: 1 }, b: { state: 'unready' as const, attempts: 0 } };
    showRun(source, 'cancelled', cancelled, countStates(['cancelled', 'unready']), (job) => job.state);
    expect(Object.fromEntries(runStatesStore.getState().jobs)).toEqual({ a: 'cancelled', b: 'unready' });
    expect(first.get('a')).toBe('running');
  });
});
