import { TreeNumber, type TreeValue } from './tree';

const MAX_DEPTH = 200;

/** Marks, inside a string, a number whose text JSON.parse would change (see below). */
const NUMBER_MARK = '\u0000#pegasus-canvas-number#';
const ESCAPED_MARK = '\\u0000#pegasus-canvas-number#';

/**
 * Reads a JSON document with the engine's `JSON.parse` (far faster than any YAML parser),
 * then deals with what `JSON.parse` hides: a key repeated in one object (it keeps the last
 * silently; then this returns `undefined` and the caller reads the file with the `yaml`
 * library, which reports the key with its place), and numbers whose text `JSON.parse` would
 * change (`1.0`, `1e3`): those are turned into marked strings before parsing and into
 * {@link TreeNumber}s after, so that their text is kept. Text that is not strict JSON, or
 * nests deeply, also returns `undefined`. Cost: O(text length).
 */
export function parseFastJson(text: string): TreeValue | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  const scan = scanJson(text);
  if (scan.literals.length > 0) {
    if (text.includes(ESCAPED_MARK)) return undefined;
    let patched = '';
    let from = 0;
    for (let i = 0; i < scan.literals.length; i += 2) {
      const start = scan.literals[i]!;
      const end = scan.literals[i + 1]!;
      patched += `${text.slice(from, start)}"${ESCAPED_MARK}${text.slice(start, end)}"`;
      from = end;
    }
    raw = JSON.parse(patched + text.slice(from));
  }
  const marked = scan.literals.length > 0;
  // The parsed objects are the tree already; count their keys, check the depth, restore marked numbers.
  let seen = 0;
  const restore = (value: unknown): unknown =>
    marked && typeof value === 'string' && value.startsWith(NUMBER_MARK) ? new TreeNumber(value.slice(NUMBER_MARK.length)) : value;
  const check = (value: unknown, depth: number): boolean => {
    if (value === null || typeof value !== 'object' || value instanceof TreeNumber) return true;
    if (depth > MAX_DEPTH) return false;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        value[i] = restore(value[i]);
        if (!check(value[i], depth + 1)) return false;
      }
      return true;
    }
    const record = value as Record<string, unknown>;
    for (const key in record) {
      seen++;
      record[key] = restore(record[key]);
      if (!check(record[key], depth + 1)) return false;
    }
    return true;
  };
  if (raw === null || typeof raw !== 'object') return raw as TreeValue;
  return check(raw, 0) && seen === scan.keys ? (raw as TreeValue) : undefined;
}

/**
 * Scans JSON text (already known to be valid): counts object keys, and lists (as start, end
 * offsets) the numbers whose text differs from `String(Number(text))`.
 */
function scanJson(text: string): { keys: number; literals: number[] } {
  const literals: number[] = [];
  let keys = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      i++;
      for (;;) {
        const d = text.charCodeAt(i);
        if (d === 92) i += 2;
        else if (d === 34) break;
        else i++;
      }
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d !== 32 && d !== 10 && d !== 13 && d !== 9) break;
        i++;
      }
      if (text.charCodeAt(i) === 58) keys++;
      continue;
    }
    if (c === 45 || (c >= 48 && c <= 57)) {
      const start = i;
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if ((d >= 48 && d <= 57) || d === 46 || d === 101 || d === 69 || d === 43 || d === 45) i++;
        else break;
      }
      const literal = text.slice(start, i);
      if (String(Number(literal)) !== literal) literals.push(start, i);
      continue;
    }
    i++;
  }
  return { keys, literals };
}
