import { isNumberLiteral, type Scalar } from '../../model/scalar';

const KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield match case type _'.split(
    ' ',
  ),
);

/** True when `name` can be a Python keyword argument or variable name. */
export function isPythonIdentifier(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !KEYWORDS.has(name);
}

/** A Python string literal (double quotes); every character that is not printable ASCII or plain text is escaped. */
export function pyString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (
      code < 0x20 ||
      code === 0x7f ||
      (code >= 0x80 && code < 0xa0) ||
      code === 0x2028 ||
      code === 0x2029 ||
      (code >= 0xd800 && code <= 0xdfff)
    ) {
      out += code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}

/**
 * Python's `repr` of a float when it is plain decimal notation (1e-4 ≤ |n| < 1e16, where
 * Python and JavaScript agree except that Python writes `1.0` for an integral float).
 */
function pythonFloatRepr(n: number): string | undefined {
  const abs = Math.abs(n);
  if (!Number.isFinite(n) || (abs !== 0 && (abs < 1e-4 || abs >= 1e16))) return undefined;
  const text = String(n);
  if (text.includes('e')) return undefined;
  return Number.isInteger(n) ? `${text}.0` : text;
}

/**
 * A scalar as a Python literal that the API writes back as the same YAML text.
 * A number kept as source text (`NumberLiteral`) becomes a Python number only when Python
 * prints it the same way (`1.0`, `2.5`, `42`); otherwise (`1e3`, `007`) it becomes the string
 * of that text, which pegasus-plan reads identically (it reads values as text).
 */
export function pyScalar(value: Scalar): string {
  if (typeof value === 'string') return pyString(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (isNumberLiteral(value)) {
    const text = value.text;
    if (/^-?(0|[1-9][0-9]*)$/.test(text)) return text;
    const n = Number(text);
    return pythonFloatRepr(n) === text ? text : pyString(text);
  }
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return String(value);
  if (Number.isNaN(value)) return 'float("nan")';
  if (!Number.isFinite(value)) return value > 0 ? 'float("inf")' : 'float("-inf")';
  return pythonFloatRepr(value) ?? String(value);
}

/** `key=value` when `key` is an identifier, else a `**{"key": value}` entry; joined by `, `. */
export function pyKeywords(entries: ReadonlyArray<readonly [string, string]>): string {
  const plain = entries.filter(([key]) => isPythonIdentifier(key)).map(([key, value]) => `${key}=${value}`);
  const other = entries.filter(([key]) => !isPythonIdentifier(key)).map(([key, value]) => `${pyString(key)}: ${value}`);
  if (other.length > 0) plain.push(`**{${other.join(', ')}}`);
  return plain.join(', ');
}

/** A Python dict literal with string keys. */
export function pyDict(entries: ReadonlyArray<readonly [string, string]>): string {
  return `{${entries.map(([key, value]) => `${pyString(key)}: ${value}`).join(', ')}}`;
}

// Control characters, on purpose: they are what must be escaped.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * A `# …` comment line saying what the API cannot express. Notes quote names from the
 * document, so line breaks and other control characters are escaped: a name must never
 * end the comment and become code.
 */
export function pyNote(note: string): string {
  const safe = note.replace(CONTROL, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `# not expressible with the Python API: ${safe}`;
}
