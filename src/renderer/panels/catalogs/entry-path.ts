/**
 * Paths into a catalog entry (`['pfns', 0, 'site']`), as the catalog checks report them: read a
 * value, set one without touching the rest, and group issues by the field they belong to.
 */
import type { FieldIssue } from '../../../shared/catalogs/field-issue';

export type EntryPath = ReadonlyArray<string | number>;

/** The key of a field: `pfns.0.site`. */
export function pathKey(path: EntryPath): string {
  return path.join('.');
}

export function getAt(value: unknown, path: EntryPath): unknown {
  let current = value;
  for (const step of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

/**
 * A copy of `value` with `next` at `path` (objects and arrays on the way copied, the rest
 * shared). `undefined` removes the key, so optional fields left empty are not written; an
 * object inside the entry left empty that way goes too (no `checksum: {}`).
 */
export function setAt<T>(value: T, path: EntryPath, next: unknown): T {
  const result = setInside(value, path, next);
  return (result === undefined && path.length > 0 ? {} : result) as T;
}

function setInside(value: unknown, path: EntryPath, next: unknown): unknown {
  if (path.length === 0) return next;
  const [step, ...rest] = path;
  const container = (value ?? (typeof step === 'number' ? [] : {})) as Record<string | number, unknown> | unknown[];
  const copy = (Array.isArray(container) ? container.slice() : { ...container }) as Record<string | number, unknown>;
  const child = setInside(copy[step!], rest, next);
  if (child === undefined && !Array.isArray(copy)) {
    delete copy[step!];
    if (Object.keys(copy).length === 0) return undefined;
  } else copy[step!] = child;
  return copy;
}

/** Issues by field key; an issue about a whole list (`['pfns']`) is keyed by the list. */
export function issuesByField(issues: readonly FieldIssue[]): Map<string, FieldIssue[]> {
  const map = new Map<string, FieldIssue[]>();
  for (const item of issues) {
    const key = pathKey(item.path);
    const list = map.get(key);
    if (list) list.push(item);
    else map.set(key, [item]);
  }
  return map;
}

/** Text of a list field, one item a line. */
export function linesOf(value: unknown): string {
  return Array.isArray(value) ? value.join('\n') : '';
}

/** A list field from its text: one item a line, blank lines left out; empty gives `undefined`. */
export function listFromLines(text: string): string[] | undefined {
  const items = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return items.length === 0 ? undefined : items;
}
