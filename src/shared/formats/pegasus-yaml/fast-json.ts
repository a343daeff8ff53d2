import type { TreeMap, TreeValue } from './tree';

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
  let seen = 0;
  const convert = (value: unknown, depth: number): TreeValue | undefined => {
    if (value === null || typeof value !== 'object') return value as TreeValue;
    if (depth > MAX_DEPTH) return undefined;
    if (Array.isArray(value)) {
      const items: TreeValue[] = new Array<TreeValue>(value.length);
      for (let i = 0; i < value.length; i++) {
        const item = convert(value[i], depth + 1);
        if (item === undefined) return undefined;
        items[i] = item;
      }
      return items;
    }
    const map: TreeMap = new Map();
    for (const key of Object.keys(value)) {
      seen++;
      const item = convert((value as Record<string, unknown>)[key], depth + 1);
      if (item === undefined) return undefined;
      map.set(key, item);
    }
    return map;
  };
  const tree = convert(raw, 0);
  return tree === undefined || seen !== keys ? undefined : tree;
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
