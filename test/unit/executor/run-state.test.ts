import { describe, expect, it } from 'vitest';
import { canTransition, countStates, finalRunState, formatCounts, isJobFinal, progressFraction, totalCount } from '../../../src/shared/run/run-state';

describe('run state', () => {
  it('counts jobs per state and formats a progress line', () => {
    const counts = countStates(['succeeded', 'succeeded', 'running', 'failed', 'unready', 'skipped']);
    expect(totalCount(counts)).toBe(6);
    expect(progressFraction(counts)).toBe(0.5);
    expect(formatCounts(counts)).toBe('3/6 done, 1 running, 1 failed');
  });

  it('decides the final state of a run', () => {
    expect(finalRunState(countStates(['succeeded', 'skipped']), false)).toBe('succeeded');
    expect(finalRunState(countStates(['succeeded', 'failed', 'unready']), false)).toBe('failed');
    expect(finalRunState(countStates(['succeeded', 'cancelled']), true)).toBe('cancelled');
    expect(finalRunState(countStates(['succeeded', 'unready']), false)).toBe('failed');
    expect(progressFraction(countStates([]))).toBe(1);
  });

  it('allows the moves of a run (retry, resume) and rejects the others', () => {
    expect(canTransition('running', 'ready')).toBe(true);
    expect(canTransition('failed', 'unready')).toBe(true);
    expect(canTransition('succeeded', 'running')).toBe(false);
    expect(canTransition('unready', 'running')).toBe(false);
    expect(isJobFinal('cancelled')).toBe(true);
    expect(isJobFinal('held')).toBe(false);
  });
});
