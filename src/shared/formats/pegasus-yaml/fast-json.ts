import type { TreeValue } from './tree';

const MAX_DEPTH = 200;

/**
 * Reads a JSON document with the engine's `JSON.parse` (far faster than any YAML parser),
 * then checks what `JSON.parse` hides: a key repeated in one object (it keeps the last
 * silently) and numbers whose text `JSON.parse` would change (`1.0`, `1e3`). When either is
 * present, or the text is not strict JSON, or nesting is deep, it returns `undefined` and
 * the caller reads the file with the `yaml` library instead, which reports the problem with
 * its place. Cost: O(text length).
 */
export function parseFastJson(text: string): TreeValue | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  const keys = countKeysIfNumbersExact(text);
  if (keys < 0) return undefined;
  // The parsed objects are the tree already; count their keys and check the depth.
  let seen = 0;
  const check = (value: unknown, depth: number): boolean => {
    if (value === null || typeof value !== 'object') return true;
    if (depth > MAX_DEPTH) return false;
    if (Array.isArray(value)) {
      for (const item of value) if (!check(item, depth + 1)) return false;
      return true;
    }
    for (const key in value) {
      seen++;
      if (!check((value as Record<string, unknown>)[key], depth + 1)) return false;
    }
    return true;
  };
  return check(raw, 0) && seen === keys ? (raw as TreeValue) : undefined;
}

/**
 * Scans JSON text (already known to be valid): counts object keys, and returns -1 when a
 * number's text differs from `String(Number(text))`.
 */
function countKeysIfNumbersExact(text: string): number {
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
      if (String(Number(literal)) !== literal) return -1;
      continue;
    }
    i++;
  }
  return keys;
}
