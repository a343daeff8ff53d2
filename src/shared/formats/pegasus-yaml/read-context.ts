import type { Diagnostic, DiagnosticTarget, Severity } from '../../model/diagnostic';
import type { Extras, Scalar } from '../../model/scalar';
import { READ_CODES } from './codes';
import type { ParsedSource } from './source';
import { pathText } from './source';
import { hasKey, isTreeMap, TreeNumber, type PathStep, type TreeMap, type TreeValue } from './tree';

interface PendingDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  path: PathStep[];
  at: 'key' | 'value';
  target?: DiagnosticTarget;
}

/**
 * State of one read: the path of the value being mapped (a stack, copied only when a
 * diagnostic is made) and the diagnostics, located at the end in one batch so that a clean
 * file never pays for positions.
 */
export class ReadContext {
  readonly path: PathStep[] = [];
  private readonly pending: PendingDiagnostic[] = [];
  /** The id of the job the current value belongs to, for diagnostic targets (a string, so that no object is made per job). */
  jobId: string | undefined;

  report(code: string, severity: Severity, message: string, at: 'key' | 'value' = 'value', extraStep?: PathStep): void {
    const path = extraStep === undefined ? this.path.slice() : [...this.path, extraStep];
    const entry: PendingDiagnostic = { code, severity, message: path.length > 0 ? `${pathText(path)}: ${message}` : message, path, at };
    if (this.jobId !== undefined) entry.target = { kind: 'job', jobId: this.jobId };
    this.pending.push(entry);
  }

  /** Diagnostics with their file, line and column. */
  finish(source: ParsedSource): Diagnostic[] {
    const out: Diagnostic[] = [...source.diagnostics];
    for (const p of this.pending) {
      const diagnostic: Diagnostic = { code: p.code, severity: p.severity, message: p.message };
      if (p.target) diagnostic.target = p.target;
      const location = source.locate(p.path, p.at);
      if (location) diagnostic.location = location;
      out.push(diagnostic);
    }
    return out;
  }
}

/** The name of a value's type, for messages. */
export function typeName(value: TreeValue | undefined): string {
  if (value === null || value === undefined) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (isTreeMap(value)) return 'a mapping';
  if (value instanceof TreeNumber || typeof value === 'number') return `the number ${value instanceof TreeNumber ? value.text : String(value)}`;
  if (typeof value === 'boolean') return `the boolean ${String(value)}`;
  return `the text ${JSON.stringify(value)}`;
}

/** Sets `key` on a plain record, also when the key is `__proto__`. */
export function setKey(record: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}

/** A tree value as plain data for `extra`: mappings become objects, in source order. */
export function plain(value: TreeValue): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value instanceof TreeNumber) return value.toLiteral();
  if (isTreeMap(value)) {
    const out: Record<string, unknown> = {};
    for (const k in value) setKey(out, k, plain(value[k]!));
    return out;
  }
  return value;
}

/** Keeps `value` under `key` in the extras of an object (creating them). */
export function keepExtra(holder: { extra?: Extras }, key: string, value: TreeValue): void {
  holder.extra ??= {};
  setKey(holder.extra, key, plain(value));
}

/** A handler for one known key: maps the value onto `out`; returns false when it could not (the value then goes to `extra`). */
export type FieldReader<T> = (ctx: ReadContext, value: TreeValue, out: T) => boolean;

/**
 * Maps a YAML mapping onto a model object with a table of known keys. `x-*` keys go to
 * `extra` silently; other unknown keys go to `extra` with an `unknownKey` error (pegasus-plan
 * refuses them), so nothing is lost either way. Missing required keys are reported.
 */
export function readFields<T extends { extra?: Extras }>(
  ctx: ReadContext,
  map: TreeMap,
  out: T,
  fields: Readonly<Record<string, FieldReader<T>>>,
  required: readonly string[],
  what: string,
): T {
  for (const key in map) {
    const value = map[key]!;
    const reader = Object.hasOwn(fields, key) ? fields[key] : undefined;
    ctx.path.push(key);
    if (reader) {
      if (!reader(ctx, value, out)) keepExtra(out, key, value);
    } else {
      if (!key.startsWith('x-')) {
        ctx.report(READ_CODES.unknownKey, 'error', `${what} has no key "${key}" (pegasus-plan stops with "Illegal key"); it is kept as is`, 'key');
      }
      keepExtra(out, key, value);
    }
    ctx.path.pop();
  }
  for (const key of required) {
    if (!hasKey(map, key)) ctx.report(READ_CODES.missingKey, 'error', `${what} needs the key "${key}"`, 'key');
  }
  return out;
}

/** Expects a mapping; reports and returns undefined otherwise. */
export function expectMap(ctx: ReadContext, value: TreeValue, what: string): TreeMap | undefined {
  if (isTreeMap(value)) return value;
  ctx.report(READ_CODES.wrongType, 'error', `${what} should be a mapping, not ${typeName(value)}`);
  return undefined;
}

/** Expects a list; reports and returns undefined otherwise. */
export function expectList(ctx: ReadContext, value: TreeValue, what: string): TreeValue[] | undefined {
  if (Array.isArray(value)) return value;
  ctx.report(READ_CODES.wrongType, 'error', `${what} should be a list, not ${typeName(value)}`);
  return undefined;
}

/**
 * Text of a string field. Numbers and booleans are accepted with a warning (pegasus-plan
 * reads them as text, so `version: 1.0` means "1.0"); anything else is an error.
 */
export function readString(ctx: ReadContext, value: TreeValue, what: string): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof TreeNumber) {
    const text = value instanceof TreeNumber ? value.text : String(value);
    ctx.report(READ_CODES.wrongType, 'warning', `${what} should be text; ${typeName(value)} is read as "${text}" (quote it)`);
    return text;
  }
  ctx.report(READ_CODES.wrongType, 'error', `${what} should be text, not ${typeName(value)}`);
  return undefined;
}

/** A boolean field; the texts "true"/"false" are accepted with a warning. */
export function readBoolean(ctx: ReadContext, value: TreeValue, what: string): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') {
    ctx.report(READ_CODES.wrongType, 'warning', `${what} should be a boolean, not the text "${value}" (remove the quotes)`);
    return value === 'true';
  }
  ctx.report(READ_CODES.wrongType, 'error', `${what} should be true or false, not ${typeName(value)}`);
  return undefined;
}

/** A number field (counts in a grid entry). */
export function readNumber(ctx: ReadContext, value: TreeValue, what: string): number | undefined {
  if (typeof value === 'number') return value;
  if (value instanceof TreeNumber) return Number(value.text.replace(/^\+/, ''));
  ctx.report(READ_CODES.wrongType, 'error', `${what} should be a number, not ${typeName(value)}`);
  return undefined;
}

/** One of a fixed set of words. An unknown word is reported and kept as read (it is written back). */
export function readEnum<E extends string>(ctx: ReadContext, value: TreeValue, allowed: readonly E[], what: string): E | undefined {
  const text = readString(ctx, value, what);
  if (text === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(text)) {
    ctx.report(READ_CODES.badEnum, 'error', `${what} is "${text}", which is not one of ${allowed.join(', ')}`);
  }
  return text as E;
}

/** A metadata, profile or argument value: text or number (booleans are kept with a warning). */
export function readScalar(ctx: ReadContext, value: TreeValue, what: string): Scalar | undefined {
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (value instanceof TreeNumber) return value.toLiteral();
  if (typeof value === 'boolean') {
    ctx.report(READ_CODES.wrongType, 'warning', `${what} should be text or a number; the boolean ${String(value)} is read as "${String(value)}"`);
    return value;
  }
  ctx.report(READ_CODES.wrongType, 'error', `${what} should be text or a number, not ${typeName(value)}`);
  return undefined;
}

const VERSION = /^[0-9]+(\.[0-9]+(\.[0-9]+)?)?$/;

/** A version string (`5.0.4`, `4.0`): the pattern of the schema's `versionString`. */
export function readVersion(ctx: ReadContext, value: TreeValue, what: string): string | undefined {
  const text = readString(ctx, value, what);
  if (text !== undefined && !VERSION.test(text)) {
    ctx.report(READ_CODES.badVersion, 'warning', `${what} "${text}" is not a version like 5.0 or 5.0.4`);
  }
  return text;
}
