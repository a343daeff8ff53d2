import type { DiagnosticsDelta, KeyedDiagnostic } from './keyed';
import { compareDiagnostics } from './order';

/**
 * A list in canonical order after a delta: the removed keys taken out, the added entries
 * merged in at their place. Returns the new list and the entries that went (a view needs
 * them to update counts). The input is not changed. Cost: O(n + a log a) for a list of n and
 * a added entries.
 */
export function applyDelta(
  list: readonly KeyedDiagnostic[],
  delta: DiagnosticsDelta,
): { list: KeyedDiagnostic[]; removed: KeyedDiagnostic[] } {
  const gone = new Set(delta.removed);
  const kept: KeyedDiagnostic[] = [];
  const removed: KeyedDiagnostic[] = [];
  for (const entry of list) (gone.has(entry.key) ? removed : kept).push(entry);
  if (delta.added.length === 0) return { list: kept, removed };
  const added = [...delta.added].sort((a, b) => compareDiagnostics(a.diagnostic, b.diagnostic));
  const merged: KeyedDiagnostic[] = new Array<KeyedDiagnostic>(kept.length + added.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < kept.length && j < added.length) {
    merged[k++] = compareDiagnostics(added[j]!.diagnostic, kept[i]!.diagnostic) < 0 ? added[j++]! : kept[i++]!;
  }
  while (i < kept.length) merged[k++] = kept[i++]!;
  while (j < added.length) merged[k++] = added[j++]!;
  return { list: merged, removed };
}

/** One delta that does what `first` then `second` do (an entry added by the first and removed by the second cancels). Cost: O(sizes). */
export function mergeDeltas(first: DiagnosticsDelta, second: DiagnosticsDelta): DiagnosticsDelta {
  const added = new Map(first.added.map((entry) => [entry.key, entry] as const));
  const removed = [...first.removed];
  for (const key of second.removed) if (!added.delete(key)) removed.push(key);
  for (const entry of second.added) added.set(entry.key, entry);
  return { removed, added: [...added.values()] };
}
