import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LayeredMap } from '../../../src/shared/edit/layered-map';
import '../../support/fast-check-seed';

describe('the positions map an edit makes', () => {
  it('reads as a copy of the map with the changes applied, after any sequence of edits', () => {
    const change = fc.tuple(fc.integer({ min: 0, max: 3000 }), fc.option(fc.integer(), { nil: undefined }));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.array(fc.array(change, { maxLength: 400 }), { maxLength: 12 }), (start, edits) => {
        const first = new Map<number, number>();
        for (let i = 0; i < start; i++) first.set(i, -i);
        let layered: ReadonlyMap<number, number> = first;
        const plain = new Map(first);
        for (const edit of edits) {
          const source = layered;
          const before = new Map(source);
          layered = LayeredMap.with(source, edit);
          for (const [key, value] of edit) {
            if (value === undefined) plain.delete(key);
            else plain.set(key, value);
          }
          expect(layered.size).toBe(plain.size);
          expect(new Map(layered)).toEqual(plain);
          for (const key of [0, 1, 2999, 3000, 1500]) {
            expect(layered.get(key)).toBe(plain.get(key));
            expect(layered.has(key)).toBe(plain.has(key));
          }
          expect([...layered.keys()].length).toBe(plain.size);
          // The map it was made from did not change.
          expect(new Map(source)).toEqual(before);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('keeps the order of the keys it had, and adds new keys at the end', () => {
    const map = LayeredMap.with(
      new Map([
        ['a', 1],
        ['b', 2],
        ['c', 3],
      ]),
      [
        ['b', 20],
        ['d', 4],
        ['a', undefined],
      ],
    );
    expect([...map]).toEqual([
      ['b', 20],
      ['c', 3],
      ['d', 4],
    ]);
    let seen = 0;
    map.forEach((value, key, self) => {
      expect(self.get(key)).toBe(value);
      seen++;
    });
    expect(seen).toBe(3);
  });

  it('leaves the source map as it was', () => {
    const source = new Map([['x', { x: 1, y: 2 }]]);
    const next = LayeredMap.with(source, [['x', undefined], ['y', { x: 0, y: 0 }]]);
    expect([...source.keys()]).toEqual(['x']);
    expect([...next.keys()]).toEqual(['y']);
    const again = LayeredMap.with(next, [['x', { x: 5, y: 5 }]]);
    expect(next.has('x')).toBe(false);
    expect(again.get('x')).toEqual({ x: 5, y: 5 });
  });
});
