import { beforeEach, describe, expect, it } from 'vitest';
import { applyRunChanges, clearRun, runStatesStore, showRun } from '../../../src/renderer/store/run-states-store';
import { countStates, emptyCounts } from '../../../src/shared/run/run-state';

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
});
