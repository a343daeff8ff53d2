import { describe, expect, it } from 'vitest';
import { eachLimited } from '../../../src/main/services/executor/staging';

/** A task the test ends by hand, so what runs at once is seen without timers. */
function gate() {
  let open!: () => void;
  let fail!: (error: Error) => void;
  const done = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { done, open, fail };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('eachLimited (staging many inputs)', () => {
  it('runs every item, never more than the limit at once', async () => {
    const gates = Array.from({ length: 10 }, gate);
    const started: number[] = [];
    const all = eachLimited([...gates.keys()], 3, async (i) => {
      started.push(i);
      await gates[i]!.done;
    });
    await settle();
    expect(started).toEqual([0, 1, 2]);
    gates[1]!.open();
    await settle();
    expect(started).toEqual([0, 1, 2, 3]);
    for (const g of gates) g.open();
    await all;
    expect(started.sort((a, b) => a - b)).toEqual([...gates.keys()]);
  });

  it('stops taking items after a failure and rejects with it once the running ones end', async () => {
    const gates = Array.from({ length: 6 }, gate);
    const started: number[] = [];
    const all = eachLimited([...gates.keys()], 2, async (i) => {
      started.push(i);
      await gates[i]!.done;
    });
    const outcome = all.then(
      () => 'resolved',
      (error: Error) => error.message,
    );
    await settle();
    gates[0]!.fail(new Error('input 0 is not readable'));
    await settle();
    gates[1]!.open();
    expect(await outcome).toBe('input 0 is not readable');
    expect(started).toEqual([0, 1]);
  });

  it('does nothing for no items', async () => {
    let calls = 0;
    await eachLimited([], 4, async () => void calls++);
    expect(calls).toBe(0);
  });
});
