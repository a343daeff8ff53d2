/**
 * Shared plumbing for the parsers of the Pegasus tools' output (pegasus-plan, -run, -status,
 * -analyzer, -statistics, -remove). A parser never throws: garbage gives a `ParseResult` error
 * that names the tool and what was expected, with a short excerpt of what arrived, so the user
 * sees "pegasus-status -j: expected a JSON object …" instead of a crash.
 */

/** The outcome of parsing one tool's output. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** A JSON object as read from a tool (keys to unknown values). */
export type JsonObject = Record<string, unknown>;

/** Fails with "TOOL: expected EXPECTED, got: EXCERPT". Cost O(1) apart from the excerpt. */
export function parseFailure<T>(tool: string, expected: string, got: string): ParseResult<T> {
  return { ok: false, error: `${tool}: expected ${expected}, got: ${excerpt(got)}` };
}

/** The first 160 characters of `text` on one line, or "(empty output)". */
export function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') return '(empty output)';
  return flat.length > 160 ? `${flat.slice(0, 157)}...` : flat;
}

/**
 * Reads the one JSON object a tool printed, starting at the first `{` at the start of a line
 * (pegasus-analyzer may print log warnings before it: PARSING.md §1) and ending at the last `}`.
 * Linear in the length of the output.
 */
export function parseJsonObject(text: string, tool: string, expected: string): ParseResult<JsonObject> {
  const start = firstObjectStart(text);
  const end = text.lastIndexOf('}');
  if (start < 0 || end < start) return parseFailure(tool, expected, text);
  let value: unknown;
  try {
    value = JSON.parse(text.slice(start, end + 1));
  } catch {
    return parseFailure(tool, expected, text.slice(start));
  }
  if (!isObject(value)) return parseFailure(tool, expected, text);
  return { ok: true, value };
}

function firstObjectStart(text: string): number {
  const match = /(^|\n)[ \t]*\{/.exec(text);
  return match ? text.indexOf('{', match.index) : -1;
}

/** True for a plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string field, or undefined when absent or not a string. */
export function stringField(object: JsonObject, key: string): string | undefined {
  const value = object[key];
  return typeof value === 'string' ? value : undefined;
}

/** A finite number field (numeric strings such as "5" accepted), else undefined. */
export function numberField(object: JsonObject, key: string): number | undefined {
  const value = object[key];
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/** An object field, or an empty object when absent or not an object. */
export function objectField(object: JsonObject, key: string): JsonObject {
  const value = object[key];
  return isObject(value) ? value : {};
}

/** Parses a count from a text table: thousands separators allowed (`7,137`, PARSING.md §3). */
export function parseCount(token: string): number | undefined {
  const cleaned = token.replace(/,/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return undefined;
  return Number(cleaned);
}
