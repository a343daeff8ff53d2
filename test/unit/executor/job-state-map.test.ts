import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JobStateMap } from '../../../src/shared/run/job-state-map';
import { JOB_STATES, type JobState } from '../../../src/shared/run/run-state';

describe('JobStateMap (the run states the canvas is handed)', () => {
  it('applies batches without changing the maps handed out before', () => {
    const first = JobStateMap.from([
      ['a', 'unready'],
      ['b', 'unready'],
    ]);
    const second = first.with([{ jobId: 'a', state: 'running' }]);
    const third = second.with([
      { jobId: 'a', state: 'succeeded' },
      { jobId: 'b', state: 'ready' },
      { jobId: 'c', state: 'ready' },
    ]);
    expect(Object.fromEntries(first)).toEqual({ a: 'unready', b: 'unready' });
    expect(Object.fromEntries(second)).toEqual({ a: 'running', b: 'unready' });
    expect(Object.fromEntries(third)).toEqual({ a: 'succeeded', b: 'ready', c: 'ready' });
    expect([first.size, second.size, third.size]).toEqual([2, 2, 3]);
    expect([third.has('c'), second.has('c'), third.get('zz')]).toEqual([true, false, undefined]);
  });

  it('is the same map when a batch changes nothing', () => {
    const map = JobStateMap.from([['a', 'running']]);
    expect(map.with([{ jobId: 'a', state: 'running' }])).toBe(map);
    expect(map.with([])).toBe(map);
  });

  it("tells the changes to a whole run's states, or null when a job is missing from them", () => {
    const map = JobStateMap.from([
      ['a', 'running'],
      ['b', 'unready'],
    ]).with([{ jobId: 'b', state: 'ready' }]);
    expect(map.changesTo({ a: 'succeeded', b: 'ready' })).toEqual([{ jobId: 'a', state: 'succeeded' }]);
    expect(map.changesTo({ a: 'running', b: 'ready', c: 'queued' })).toEqual([{ jobId: 'c', state: 'queued' }]);
    expect(map.changesTo({ a: 'running' })).toBeNull();
  });

  it('reads like a plain map after any sequence of batches, across foldings of its overlay', () => {
    const id = fc.integer({ min: 0, max: 299 }).map((n) => `j${n}`);
    const state = fc.constantFrom(...JOB_STATES);
    const batch = fc.array(fc.record({ jobId: id, state }), { maxLength: 80 });
    fc.assert(
      fc.property(fc.array(batch, { maxLength: 30 }), (batches) => {
        const plain = new Map<string, JobState>();
        for (let i = 0; i < 200; i++) plain.set(`j${i}`, 'unready');
        let map = JobStateMap.from(plain);
        const kept: Array<[JobStateMap, Record<string, JobState>]> = [];
        for (const changes of batches) {
          for (const c of changes) plain.set(c.jobId, c.state);
          map = map.with(changes);
          kept.push([map, Object.fromEntries(plain)]);
        }
        for (const [snapshot, expected] of kept) {
          expect(Object.fromEntries(snapshot)).toEqual(expected);
          expect(snapshot.size).toBe(Object.keys(expected).length);
          for (const key of Object.keys(expected)) expect(snapshot.get(key)).toBe(expected[key]);
        }
        const seen: string[] = [];
        map.forEach((s, k) => seen.push(`${k}=${s}`));
        expect(seen.sort()).toEqual([...plain].map(([k, s]) => `${k}=${s}`).sort());
        expect([...map.keys()].length).toBe(plain.size);
        expect([...map.values()].length).toBe(plain.size);
      }),
      { numRuns: 60 },
    );
  });

  it('tells what changed since an older map of the same base (both states), or null across a fold', () => {
    const id = fc.integer({ min: 0, max: 999 }).map((n) => `j${n}`);
    const state = fc.constantFrom(...JOB_STATES);
    const batch = fc.array(fc.record({ jobId: id, state }), { maxLength: 40 });
    fc.assert(
      fc.property(fc.array(batch, { minLength: 2, maxLength: 12 }), fc.nat(), fc.nat(), (batches, a, b) => {
        let map = JobStateMap.from(Array.from({ length: 1000 }, (_, i) => [`j${i}`, 'unready'] as const));
        const maps = [map];
        for (const changes of batches) maps.push((map = map.with(changes)));
        const older = maps[a % maps.length]!;
        const newer = maps[b % maps.length]!;
        const changes = newer.changesSince(older);
        const base = (m: JobStateMap) => (m as unknown as { base: unknown }).base;
        if (base(older) !== base(newer)) {
          expect(changes).toBeNull();
          return;
        }
        const expected = [...new Set([...older.keys(), ...newer.keys()])]
          .filter((k) => older.get(k) !== newer.get(k))
          .map((jobId) => ({ jobId, from: older.get(jobId), to: newer.get(jobId) }));
        const byId = (x: { jobId: string }, y: { jobId: string }) => x.jobId.localeCompare(y.jobId);
        expect(changes!.sort(byId)).toEqual(expected.sort(byId));
      }),
      { numRuns: 80 },
    );
    const one = JobStateMap.from([['a', 'ready']]);
    expect(one.changesSince(one)).toEqual([]);
    expect(one.changesSince(JobStateMap.from([['a', 'ready']]))).toBeNull();
  });

  it('applies a batch of a 100,000-job run without copying it: the base map is shared until the overlay folds', () => {
    const jobs = 100_000;
    let map = JobStateMap.from(Array.from({ length: jobs }, (_, i) => [`work_${i}`, 'ready'] as const));
    const base = (m: JobStateMap) => (m as unknown as { base: ReadonlyMap<string, JobState> }).base;
    const first = base(map);
    // 12,500 changes (an eighth of the jobs) in batches of 50: every batch shares the base.
    for (let b = 0; b < 250; b++) {
      map = map.with(
        Array.from({ length: 50 }, (_, k) => ({ jobId: `work_${b * 50 + k}`, state: 'succeeded' as const })),
      );
      expect(base(map)).toBe(first);
    }
    map = map.with([{ jobId: 'work_99999', state: 'running' }]);
    expect(base(map)).not.toBe(first);
    expect([map.get('work_0'), map.get('work_12499'), map.get('work_12500'), map.get('work_99999'), map.size]).toEqual([
      'succeeded',
      'succeeded',
      'ready',
      'running',
      jobs,
    ]);
  });
});
