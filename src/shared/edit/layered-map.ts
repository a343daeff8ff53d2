/**
 * A read-only map made of a shared base and a small layer of changes, so that an edit of a
 * few positions in a document of 10^5 nodes does not copy the whole map: each edit makes a
 * new {@link LayeredMap} that shares the base and copies only the layer. When the layer has
 * grown to a fraction of the base, the next edit folds them into a new flat base (O(n), once
 * per that many changed keys), so lookups stay two map reads at most.
 *
 * It behaves as a `ReadonlyMap` with one difference in order: a key deleted and set again
 * keeps its place in the base instead of moving to the end.
 */

/** A removed key in the layer. */
const GONE: unique symbol = Symbol('gone');

/** The layer is folded into a new base past this share of the base's size (and this many keys). */
const FOLD_SHARE = 1 / 8;
const FOLD_MIN = 1024;

export class LayeredMap<K, V> implements ReadonlyMap<K, V> {
  readonly size: number;

  private constructor(
    private readonly base: ReadonlyMap<K, V>,
    private readonly layer: ReadonlyMap<K, V | typeof GONE>,
    size: number,
  ) {
    this.size = size;
  }

  /**
   * `source` with `changes` applied (`undefined`: delete the key). `source` is not changed.
   * Cost: O(changes + the layer of `source`), or O(size) when the layer is folded.
   */
  static with<K, V>(source: ReadonlyMap<K, V>, changes: Iterable<readonly [K, V | undefined]>): ReadonlyMap<K, V> {
    let base: ReadonlyMap<K, V>;
    let layer: Map<K, V | typeof GONE>;
    if (source instanceof LayeredMap) {
      base = (source as LayeredMap<K, V>).base;
      layer = new Map((source as LayeredMap<K, V>).layer);
    } else {
      base = source;
      layer = new Map();
    }
    let size = source.size;
    for (const [key, value] of changes) {
      const had = layer.has(key) ? layer.get(key) !== GONE : base.has(key);
      if (value === undefined) {
        if (!had) continue;
        size--;
        if (base.has(key)) layer.set(key, GONE);
        else layer.delete(key);
      } else {
        if (!had) size++;
        layer.set(key, value);
      }
    }
    if (layer.size === 0) return base;
    if (layer.size > FOLD_MIN && layer.size > base.size * FOLD_SHARE) return new Map(new LayeredMap(base, layer, size));
    return new LayeredMap(base, layer, size);
  }

  get(key: K): V | undefined {
    const value = this.layer.get(key);
    if (value === GONE) return undefined;
    return value !== undefined || this.layer.has(key) ? (value as V) : this.base.get(key);
  }

  has(key: K): boolean {
    const value = this.layer.get(key);
    if (value === GONE) return false;
    return this.layer.has(key) || this.base.has(key);
  }

  *entries(): MapIterator<[K, V]> {
    for (const [key, value] of this.base) {
      const changed = this.layer.get(key);
      if (changed === GONE) continue;
      yield [key, changed === undefined && !this.layer.has(key) ? value : (changed as V)];
    }
    for (const [key, value] of this.layer) if (value !== GONE && !this.base.has(key)) yield [key, value];
  }

  *keys(): MapIterator<K> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }
}
