/**
 * Remote run updates at scale: the main process sends a run's summary whole first, then only
 * the jobs whose state changed (whole again when the run ends and every minute), and the page
 * completes them with what it knows and repaints only those jobs.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { RunUpdateEvents } from '../../../src/main/services/remote-session/run-update-events';
import type { RunSummary } from '../../../src/shared/ipc-events';
import { changedStates } from '../../../src/shared/run/job-state-map';
import { countStates, type JobState } from '../../../src/shared/run/run-state';
import { clearRun, runStatesStore } from '../../../src/renderer/store/run-states-store';
import { applyEvent, sessionStore, setRuns, showRun } from '../../../src/renderer/store/session';

function summary(
  id: string,
  state: RunSummary['state'],
  jobStates: Record<string, JobState>,
  updatedAt = '2026-11-25T01:00:00.000Z',
): RunSummary {
  return {
    id,
    workflowName: 'big',
    workflowFile: '/w/big.yml',
    host: 'h:22',
    state,
    stage: 'watch',
    jobStates,
    counts: countStates(Object.values(jobStates)),
    total: Object.keys(jobStates).length,
    percentDone: 0,
    createdAt: '2026-11-25T01:00:00.000Z',
    updatedAt,
  };
}

function bigRun(jobs: number, state: JobState): Record<string, JobState> {
  const states: Record<string, JobState> = {};
  for (let i = 0; i < jobs; i++) states[`work_${i}`] = state;
  return states;
}

describe('changedStates', () => {
  it('lists the jobs whose state differs, and refuses when a job disappeared', () => {
    expect(changedStates({ a: 'queued', b: 'queued' }, { a: 'running', b: 'queued', c: 'unready' })).toEqual({
      a: 'running',
      c: 'unready',
    });
    expect(changedStates({ a: 'queued', b: 'queued' }, { a: 'queued' })).toBeNull();
  });
});

describe('RunUpdateEvents (main process)', () => {
  it('sends the whole run first, then the changes, then whole again after a minute and when it ends', () => {
    let now = 0;
    const events = new RunUpdateEvents(() => now);
    const first = events.eventFor(summary('r1', 'running', { a: 'queued', b: 'queued' }));
    expect([first.changedOnly, first.run.jobStates]).toEqual([undefined, { a: 'queued', b: 'queued' }]);
    now = 5_000;
    const second = events.eventFor(summary('r1', 'running', { a: 'running', b: 'queued' }));
    expect([second.changedOnly, second.run.jobStates, second.run.counts.running]).toEqual([true, { a: 'running' }, 1]);
    now = 10_000;
    expect(events.eventFor(summary('r1', 'running', { a: 'running', b: 'queued' })).run.jobStates).toEqual({});
    // Another run is its own story.
    expect(events.eventFor(summary('r2', 'running', { x: 'queued' })).changedOnly).toBeUndefined();
    now = 61_000;
    expect(events.eventFor(summary('r1', 'running', { a: 'succeeded', b: 'queued' })).changedOnly).toBeUndefined();
    now = 62_000;
    expect(events.eventFor(summary('r1', 'running', { a: 'succeeded', b: 'running' })).changedOnly).toBe(true);
    const end = events.eventFor(summary('r1', 'succeeded', { a: 'succeeded', b: 'succeeded' }));
    expect([end.changedOnly, end.run.jobStates]).toEqual([undefined, { a: 'succeeded', b: 'succeeded' }]);
  });

  it('sends a poll of a 100,000-job run that changed 30 jobs as those 30', () => {
    const events = new RunUpdateEvents(() => 0);
    const states = bigRun(100_000, 'queued');
    events.eventFor(summary('big', 'running', states));
    const next = { ...states };
    for (let i = 0; i < 30; i++) next[`work_${i * 3000}`] = 'running';
    const event = events.eventFor(summary('big', 'running', next));
    expect(event.changedOnly).toBe(true);
    expect(Object.keys(event.run.jobStates)).toHaveLength(30);
    expect(JSON.stringify(event).length).toBeLessThan(2_000);
  });
});

describe('the page applying changed-only updates', () => {
  beforeEach(() => {
    clearRun();
    sessionStore.setState({ runs: {}, activeRunId: null });
  });

  it('completes the summary with the known states and repaints only the changed jobs', () => {
    const events = new RunUpdateEvents(() => 0);
    const states = bigRun(100_000, 'queued');
    applyEvent(events.eventFor(summary('big', 'running', states)));
    showRun('big');
    const painted = runStatesStore.getState().jobs;
    expect(painted.size).toBe(100_000);

    const next = { ...states, work_5: 'running' as const, work_99_999: 'held' as const };
    const update = events.eventFor(summary('big', 'running', next));
    expect(update.changedOnly).toBe(true);
    applyEvent(update);
    const run = sessionStore.getState().runs['big']!;
    expect(Object.keys(run.jobStates)).toHaveLength(100_001);
    expect([run.jobStates['work_5'], run.jobStates['work_6'], run.counts.running]).toEqual(['running', 'queued', 1]);
    const repainted = runStatesStore.getState().jobs;
    expect([repainted.get('work_5'), repainted.get('work_6'), repainted.get('work_99_999')]).toEqual([
      'running',
      'queued',
      'held',
    ]);
    // The 100,000 states were extended, not copied, and the map handed out before is unchanged.
    expect((repainted as unknown as { base: unknown }).base).toBe((painted as unknown as { base: unknown }).base);
    expect(painted.get('work_5')).toBe('queued');
  });

  it('keeps the changes of a run the page does not know yet, until its run list brings the rest', () => {
    applyEvent({
      type: 'run.update',
      run: summary('later', 'running', { a: 'running' }, '2026-11-25T01:00:05.000Z'),
      changedOnly: true,
    });
    expect(sessionStore.getState().runs['later']?.jobStates).toEqual({ a: 'running' });
    expect(runStatesStore.getState().source).toBeNull();
    // The list, older than that change, fills in the other jobs and keeps the change.
    setRuns([summary('later', 'running', { a: 'queued', b: 'queued' }, '2026-11-25T01:00:01.000Z')]);
    expect(sessionStore.getState().runs['later']?.jobStates).toEqual({ a: 'running', b: 'queued' });
  });

  it('keeps updates that came before an older answer (a submit answered after the first polls)', () => {
    const events = new RunUpdateEvents(() => 0);
    const t = (s: number) => `2026-11-25T01:00:0${s}.000Z`;
    const submitted = summary('r', 'running', { a: 'queued', b: 'queued' }, t(0));
    applyEvent(events.eventFor(summary('r', 'running', { a: 'queued', b: 'queued' }, t(1))));
    applyEvent(events.eventFor(summary('r', 'running', { a: 'held', b: 'queued' }, t(2))));
    // The submit's answer, computed before those polls, is handled after them.
    setRuns([submitted]);
    showRun('r');
    expect(sessionStore.getState().runs['r']!.jobStates).toEqual({ a: 'held', b: 'queued' });
    expect(runStatesStore.getState().jobs.get('a')).toBe('held');
    // A newer answer is taken.
    setRuns([summary('r', 'running', { a: 'running', b: 'queued' }, t(3))]);
    expect(runStatesStore.getState().jobs.get('a')).toBe('running');
  });
});
