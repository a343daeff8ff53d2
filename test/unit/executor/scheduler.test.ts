import { describe, expect, it } from 'vitest';
import { EdgeListBuilder, type Dag } from '../../../src/shared/graph/dag';
import { DagScheduler, ResourcePool, type JobDemand } from '../../../src/shared/run/scheduler';

function dag(n: number, edges: Array<[number, number]>): Dag {
  const builder = new EdgeListBuilder();
  for (const [p, c] of edges) builder.add(p, c, 1);
  return builder.build(n);
}

const one = (): JobDemand => ({ cores: 1, memoryMb: 0 });

describe('DagScheduler', () => {
  it('releases a job only when all its parents are done (diamond)', () => {
    const s = new DagScheduler(dag(4, [[0, 1], [0, 2], [1, 3], [2, 3]]), one, new ResourcePool({ cores: 4, memoryMb: Infinity }));
    expect(s.initiallyReady()).toEqual([0]);
    expect(s.take()).toBe(0);
    expect(s.take()).toBeUndefined();
    expect(s.finish(0)).toEqual([1, 2]);
    expect([s.take(), s.take()]).toEqual([1, 2]);
    expect(s.finish(1)).toEqual([]);
    expect(s.finish(2)).toEqual([3]);
    expect(s.take()).toBe(3);
  });

  it('never starts more cores than the pool holds, and the head of the queue waits for room', () => {
    const demand = (i: number): JobDemand => ({ cores: i === 1 ? 2 : 1, memoryMb: 0 });
    const pool = new ResourcePool({ cores: 2, memoryMb: Infinity });
    const s = new DagScheduler(dag(4, []), demand, pool);
    expect(s.take()).toBe(0);
    expect(s.take()).toBeUndefined(); // job 1 needs 2 cores, 1 is free; job 2 does not overtake it
    expect(pool.coresInUse).toBe(1);
    s.finish(0);
    expect(s.take()).toBe(1);
    expect(s.take()).toBeUndefined();
    s.finish(1);
    expect([s.take(), s.take(), s.take()]).toEqual([2, 3, undefined]);
  });

  it('counts memory, and lets a job larger than the pool run alone', () => {
    const demand = (i: number): JobDemand => ({ cores: 1, memoryMb: i === 0 ? 3000 : 1500 });
    const s = new DagScheduler(dag(3, []), demand, new ResourcePool({ cores: 8, memoryMb: 2000 }));
    expect(s.take()).toBe(0);
    expect(s.take()).toBeUndefined();
    s.finish(0);
    expect(s.take()).toBe(1);
    expect(s.take()).toBeUndefined();
  });

  it('puts a retried job back at the head of the queue', () => {
    const s = new DagScheduler(dag(3, []), one, new ResourcePool({ cores: 1, memoryMb: Infinity }));
    expect(s.take()).toBe(0);
    s.retry(0);
    expect(s.runningCount).toBe(0);
    expect(s.take()).toBe(0);
  });

  it('skips jobs done in an earlier run and starts from their children (resume)', () => {
    const done = new Set([0, 1]);
    const s = new DagScheduler(dag(4, [[0, 1], [0, 2], [1, 3], [2, 3]]), one, new ResourcePool({ cores: 4, memoryMb: Infinity }), (i) => done.has(i));
    expect(s.initiallyReady()).toEqual([2]);
    expect(s.take()).toBe(2);
    expect(s.finish(2)).toEqual([3]);
  });

  it('keeps the descendants of a failed job unready, and drains the queue on cancel', () => {
    const s = new DagScheduler(dag(4, [[0, 1], [2, 3]]), one, new ResourcePool({ cores: 1, memoryMb: Infinity }));
    expect(s.take()).toBe(0);
    s.fail(0);
    expect(s.take()).toBe(2);
    expect(s.drain()).toEqual([]);
    expect(s.finish(2)).toEqual([3]);
    expect(s.drain()).toEqual([3]);
    expect(s.take()).toBeUndefined();
  });

  it('wakes every run sharing a pool when resources are released', () => {
    const pool = new ResourcePool({ cores: 1, memoryMb: Infinity });
    let wakes = 0;
    const stop = pool.onRelease(() => wakes++);
    expect(pool.tryAcquire({ cores: 1, memoryMb: 0 })).toBe(true);
    expect(pool.tryAcquire({ cores: 1, memoryMb: 0 })).toBe(false);
    pool.release({ cores: 1, memoryMb: 0 });
    stop();
    expect(pool.tryAcquire({ cores: 1, memoryMb: 0 })).toBe(true);
    pool.release({ cores: 1, memoryMb: 0 });
    expect(wakes).toBe(1);
  });
});
