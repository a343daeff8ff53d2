import { describe, expect, it } from 'vitest';
import { type BatchClock, ChangeBatcher } from '../../../src/shared/run/change-batcher';

/** A clock the test moves by hand: `advance` runs what falls due, in time order. */
function fakeClock(): BatchClock & { advance(ms: number): void; pending(): number } {
  let now = 0;
  let next = 1;
  const timers = new Map<number, { at: number; run: () => void }>();
  return {
    now: () => now,
    schedule(run, ms) {
      const id = next++;
      timers.set(id, { at: now + ms, run });
      return id;
    },
    cancel(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].run();
      }
      now = end;
    },
    pending: () => timers.size,
  };
}

type Change = { jobId: string; state: string };

function setup(maxChanges?: number) {
  const clock = fakeClock();
  const sent: Array<{ at: number; changes: Change[] }> = [];
  const batcher = new ChangeBatcher<Change>(
    (changes) => sent.push({ at: clock.now(), changes }),
    { intervalMs: 250, ...(maxChanges ? { maxChanges } : {}) },
    clock,
  );
  const add = (jobId: string, state: string) => batcher.add(jobId, { jobId, state });
  return { clock, sent, batcher, add };
}

describe('ChangeBatcher (job changes to the page)', () => {
  it('sends a burst made in one turn as one batch on the next turn, the last change of a job winning', () => {
    const { clock, sent, add } = setup();
    add('a', 'ready');
    add('b', 'ready');
    add('a', 'running');
    expect(sent).toEqual([]);
    clock.advance(0);
    expect(sent).toEqual([
      {
        at: 0,
        changes: [
          { jobId: 'a', state: 'running' },
          { jobId: 'b', state: 'ready' },
        ],
      },
    ]);
  });

  it('while changes keep coming, sends one batch per interval: at most four and at least one a second', () => {
    const { clock, sent, add } = setup();
    // A change every 10 ms for 2 s.
    for (let t = 0; t < 2000; t += 10) {
      add(`j${t}`, 'succeeded');
      clock.advance(10);
    }
    clock.advance(250);
    const times = sent.map((s) => s.at);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBe(250);
    expect(times.length).toBe(9); // 0, 250, …, 2000
    expect(sent.reduce((n, s) => n + s.changes.length, 0)).toBe(200);
  });

  it('after a quiet interval, sends the next change at once', () => {
    const { clock, sent, add } = setup();
    add('a', 'running');
    clock.advance(0);
    clock.advance(1000);
    add('a', 'succeeded');
    clock.advance(0);
    expect(sent.map((s) => s.at)).toEqual([0, 1000]);
  });

  it('flush sends what is pending now (or an empty batch) and cancels the timer', () => {
    const { clock, sent, add, batcher } = setup();
    add('a', 'running');
    batcher.flush();
    batcher.flush();
    expect(sent.map((s) => s.changes.length)).toEqual([1, 0]);
    expect(clock.pending()).toBe(0);
  });

  it('splits a wave larger than maxChanges into several messages in a row', () => {
    const { clock, sent, add, batcher } = setup(4);
    for (let i = 0; i < 10; i++) add(`j${i}`, 'ready');
    expect(batcher.pendingCount).toBe(10);
    clock.advance(0);
    expect(sent.map((s) => s.changes.map((c) => c.jobId).join())).toEqual(['j0,j1,j2,j3', 'j4,j5,j6,j7', 'j8,j9']);
  });
});
