import type { NumberLiteral } from '../../model/scalar';

/**
 * The parsed form of a YAML or JSON document before it is mapped to the model: mappings are
 * plain objects (what `JSON.parse` gives, and three to four times lighter than `Map`s, which
 * matters at 100,000 jobs; read keys with {@link getKey}, write them with {@link setTreeKey}),
 * sequences are arrays, and numbers whose text would not survive `String(Number(text))` are
 * {@link TreeNumber}s.
 */
export type TreeValue = string | number | boolean | null | TreeNumber | TreeValue[] | TreeMap;
export interface TreeMap {
  [key: string]: TreeValue;
}

/** A number kept as its source text (`1.0`, `1e3`, `007`); a class so that no mapping can pose as one. */
export class TreeNumber implements NumberLiteral {
  readonly kind = 'number' as const;
  constructor(readonly text: string) {}

  /** The model's plain form. */
  toLiteral(): NumberLiteral {
    return { kind: 'number', text: this.text };
  }
}

/** The value of an own key of a mapping (never one of Object.prototype's). */
export function getKey(map: TreeMap, key: string): TreeValue | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

/** True when the mapping has the key as its own. */
export function hasKey(map: TreeMap, key: string): boolean {
  return Object.hasOwn(map, key);
}

/** Sets a key on a mapping, also `__proto__` (as an own key, as JSON.parse does). */
export function setTreeKey(map: TreeMap, key: string, value: TreeValue): void {
  if (key === '__proto__') Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
  else map[key] = value;
}

/** One step of a path into the tree: a mapping key or a sequence index. */
export type PathStep = string | number;

/** True for a mapping node. */
export function isTreeMap(value: TreeValue | undefined): value is TreeMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof TreeNumber);
}

const INT = /^[-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const OCT = /^0o[0-7]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const SPECIAL_FLOAT = /^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/**
 * Resolves a plain (unquoted) scalar with the YAML 1.2 core schema, as the `yaml` library
 * does by default: null, booleans, integers (decimal, `0o`, `0x`), floats, `.inf`/`.nan`;
 * everything else is a string. A number keeps its text when `String(value)` differs.
 */
export function resolvePlain(text: string): TreeValue {
  const c = text.charCodeAt(0);
  // Fast exit: only these first characters can start a non-string.
  // 0-9 . + - ~ n N t T f F
  if (
    !(c >= 48 && c <= 57) &&
    c !== 46 &&
    c !== 43 &&
    c !== 45 &&
    c !== 126 &&
    c !== 110 &&
    c !== 78 &&
    c !== 116 &&
    c !== 84 &&
    c !== 102 &&
    c !== 70
  ) {
    return text;
  }
  switch (text) {
    case '~':
    case 'null':
    case 'Null':
    case 'NULL':
      return null;
    case 'true':
    case 'True':
    case 'TRUE':
      return true;
    case 'false':
    case 'False':
    case 'FALSE':
      return false;
  }
  if (INT.test(text) || FLOAT.test(text)) return numberFrom(Number(text), text);
  if (OCT.test(text)) return numberFrom(parseInt(text.slice(2), 8), text);
  if (HEX.test(text)) return numberFrom(parseInt(text.slice(2), 16), text);
  if (SPECIAL_FLOAT.test(text)) {
    const value = text.endsWith('n') || text.endsWith('N') ? NaN : text.startsWith('-') ? -Infinity : Infinity;
    return numberFrom(value, text);
  }
  return text;
}

/** A number, or a {@link NumberLiteral} when the text would not come back from the number. */
export function numberFrom(value: number, text: string): number | TreeNumber {
  return String(value) === text ? value : new TreeNumber(text);
}
