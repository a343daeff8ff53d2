import { isNumberLiteral, type NumberLiteral } from '../../model/scalar';
import { resolvePlain } from './tree';

/**
 * Words that YAML 1.1 (the planner's SnakeYAML, PyYAML) or 1.2 (the `yaml` library) reads as
 * something other than text. Quoting them keeps them text for every reader.
 */
const SPECIAL_WORDS = new Set([
  '~', 'null', 'Null', 'NULL',
  'true', 'True', 'TRUE', 'false', 'False', 'FALSE',
  'yes', 'Yes', 'YES', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF',
  'y', 'Y', 'n', 'N', '<<', '=',
]);

/** Characters that may not appear raw in a single-quoted or plain scalar (controls, line separators, BOM, non-characters, lone surrogates). */
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE_GLOBAL = /[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff"\\]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * True when `s` can be written as a plain (unquoted) YAML scalar in block context and read
 * back as the same text by YAML 1.1 and 1.2 readers alike. Conservative on purpose: anything
 * that starts like a number, date or special word, starts with an indicator, holds `: ` or
 * ` #`, ends with `:` or a blank, or holds a character that needs escaping, is quoted.
 */
export function isPlainSafe(s: string): boolean {
  const n = s.length;
  if (n === 0 || n > 1000) return false;
  const c = s.charCodeAt(0);
  switch (c) {
    case 32: case 9: case 44: case 91: case 93: case 123: case 125: case 35: case 38: case 42: case 33:
    case 124: case 62: case 39: case 34: case 37: case 64: case 96: case 63: case 58: case 43: case 46: case 126:
      // Indicators, blanks, and "+1", ".5", ".inf", "~".
      return false;
    case 45: {
      // "-x" and "--x" are text; "-", "- x", "-1", "-.5" and "---" (a document marker) are not.
      if (n === 1) return false;
      const d = s.charCodeAt(1);
      if (d === 32 || d === 9 || d === 46 || (d >= 48 && d <= 57)) return false;
      if (d === 45 && s.charCodeAt(2) === 45) return false;
      break;
    }
  }
  // Anything starting like a number, date or time.
  if (c >= 48 && c <= 57) return false;
  if (n <= 5 && SPECIAL_WORDS.has(s)) return false;
  // "e5", "E0", "-E3": an exponent alone is a float to some YAML 1.1 readers.
  if ((c === 101 || c === 69 || c === 45) && /^-?[eE][-+]?[0-9]+$/.test(s)) return false;
  // One pass over the rest: controls, line separators, BOM, surrogates, ": " and " #".
  let previous = 0;
  for (let i = 0; i < n; i++) {
    const d = s.charCodeAt(i);
    if (d < 0x20 || (d >= 0x7f && d <= 0x9f)) return false;
    if (d >= 0x2028) {
      if (d === 0x2028 || d === 0x2029 || d === 0xfeff || d === 0xfffe || d === 0xffff || (d >= 0xd800 && d <= 0xdfff)) return false;
    }
    if (d === 35 && previous === 32) return false;
    if (previous === 58 && d === 32) return false;
    previous = d;
  }
  // A trailing blank or ":".
  return previous !== 32 && previous !== 58;
}

/** `s` as a YAML scalar: plain when safe, else single-quoted, else double-quoted with escapes. */
export function yamlString(s: string): string {
  if (isPlainSafe(s)) return s;
  if (!NEEDS_ESCAPE.test(s)) return `'${s.replace(/'/g, "''")}'`;
  return doubleQuoted(s);
}

/** A double-quoted YAML (and JSON-compatible where possible) string with escapes. */
function doubleQuoted(s: string): string {
  return `"${s.replace(NEEDS_ESCAPE_GLOBAL, escapeChar)}"`;
}

function escapeChar(ch: string): string {
  switch (ch) {
    case '"':
      return '\\"';
    case '\\':
      return '\\\\';
    case '\n':
      return '\\n';
    case '\t':
      return '\\t';
    case '\r':
      return '\\r';
  }
  const code = ch.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Characters JSON leaves raw but a YAML 1.1 reader would not take raw in a quoted string. */
const JSON_UNSAFE = /[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;
const JSON_UNSAFE_GLOBAL = /[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/g;

/** A JSON string that is also a safe YAML double-quoted scalar (C1 controls, line separators and BOM escaped). */
export function jsonString(s: string): string {
  const json = JSON.stringify(s);
  return JSON_UNSAFE.test(json) ? json.replace(JSON_UNSAFE_GLOBAL, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}

/** A number in YAML: `.inf`, `.nan` for the special values. */
export function yamlNumber(n: number): string {
  if (Number.isFinite(n)) return String(n);
  if (Number.isNaN(n)) return '.nan';
  return n > 0 ? '.inf' : '-.inf';
}

const JSON_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$/;

/** A number literal in YAML: its text when YAML reads it as a number, else quoted text. */
export function yamlNumberLiteral(literal: NumberLiteral): string {
  const resolved = resolvePlain(literal.text);
  return typeof resolved === 'number' || isNumberLiteral(resolved) ? literal.text : yamlString(literal.text);
}

/** A number literal in JSON: its text when it is a JSON number, else a JSON string. */
export function jsonNumberLiteral(literal: NumberLiteral): string {
  return JSON_NUMBER.test(literal.text) ? literal.text : jsonString(literal.text);
}

/** A number in JSON (non-finite numbers have no JSON form: written as text). */
export function jsonNumber(n: number): string {
  return Number.isFinite(n) ? String(n) : jsonString(yamlNumber(n));
}
