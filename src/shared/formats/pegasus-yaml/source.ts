import type { Diagnostic, SourceLocation } from '../../model/diagnostic';
import { READ_CODES } from './codes';
import { parseBlockYaml, type PositionTable, type TopLevelItemHook } from './fast-block-yaml';
import { parseFastJson } from './fast-json';
import { parseGeneralYaml, type DuplicateKey } from './general-yaml';
import { getKey, isTreeMap, type PathStep, type TreeValue } from './tree';

/** pegasus-plan's default `pegasus.parser.document.size`: 500 MB. */
export const DEFAULT_MAX_SIZE = 500 * 1024 * 1024;

/** A parsed document with a way to find where a path is in the text. */
export interface ParsedSource {
  root: TreeValue;
  /** True when the fast block parser read the text, so the item hook was called for every top-level item. */
  hooked: boolean;
  /** Warnings of the parser and duplicate keys, already located. */
  diagnostics: Diagnostic[];
  /** Line and column of a key or value. The first call may parse the text again (see below). */
  locate(path: readonly PathStep[], at: 'key' | 'value'): SourceLocation | undefined;
}

export interface SourceOptions {
  file?: string;
  /** The size cap in bytes of UTF-8 (default 500 MB). */
  maxSize?: number;
}

/**
 * Parses YAML or JSON text into a tree, choosing the fastest path that is exact:
 * 1. text that starts with `{` goes to `JSON.parse` (checked for repeated keys and number text);
 * 2. other text goes to the fast block-YAML scanner, which covers what the Python API writes;
 * 3. anything either declines goes to the `yaml` library, which reads all of YAML with positions.
 * Paths 1 and 2 record no positions: the first time a diagnostic needs one, the text is
 * parsed again with positions (path 2 in position mode, or path 3). Files without problems,
 * the common case, pay for one pass only. Cost: O(text length) per pass.
 */
export function parseSource(
  text: string,
  options: SourceOptions = {},
  onItem?: TopLevelItemHook,
): { ok: true; value: ParsedSource } | { ok: false; diagnostics: Diagnostic[] } {
  const file = options.file;
  const maxSize = options.maxSize ?? DEFAULT_MAX_SIZE;
  // Each UTF-16 unit is at least one UTF-8 byte and at most three: count only when it matters.
  const size = text.length > maxSize ? text.length : text.length > maxSize / 3 ? utf8Length(text) : text.length;
  if (size > maxSize) {
    return {
      ok: false,
      diagnostics: [
        {
          code: READ_CODES.tooLarge,
          severity: 'error',
          message: `the file is ${formatSize(size)}, more than the ${formatSize(maxSize)} that pegasus-plan reads (pegasus.parser.document.size)`,
          location: at(file, 1, 1),
        },
      ],
    };
  }
  const first = firstContentChar(text);
  if (first === 123) {
    const tree = parseFastJson(text);
    if (tree !== undefined) return { ok: true, value: lazySource(text, file, tree, 'general', false) };
  } else if (first !== 91) {
    const fast = parseBlockYaml(text, false, onItem);
    if (fast) return { ok: true, value: lazySource(text, file, fast.value, 'block', onItem !== undefined) };
  }
  const general = parseGeneralYaml(text, file);
  if (!general.ok) return general;
  return {
    ok: true,
    value: {
      root: general.value,
      hooked: false,
      diagnostics: [...general.warnings, ...general.duplicates.map((d) => duplicateDiagnostic(d))],
      locate: general.locate,
    },
  };
}

function duplicateDiagnostic(duplicate: DuplicateKey): Diagnostic {
  return {
    code: READ_CODES.duplicateKey,
    severity: 'error',
    message: `${pathText([...duplicate.path, duplicate.key])}: the key "${duplicate.key}" appears more than once in this mapping; the last value is used (as pegasus-plan does) and the others are lost on save`,
    location: duplicate.location,
  };
}

function lazySource(text: string, file: string | undefined, root: TreeValue, positions: 'block' | 'general', hooked: boolean): ParsedSource {
  let locator: ((path: readonly PathStep[], at: 'key' | 'value') => SourceLocation | undefined) | undefined;
  return {
    root,
    hooked,
    diagnostics: [],
    locate(path, where) {
      if (!locator) {
        const table = positions === 'block' ? parseBlockYaml(text, true)?.positions : undefined;
        if (table) locator = tableLocator(table, rootOf(table), file);
        else {
          const general = parseGeneralYaml(text, file);
          locator = general.ok ? general.locate : () => at(file, 1, 1);
        }
      }
      return locator(path, where);
    },
  };
}

/** The root of a position-mode parse: the parser registers the root collection first. */
function rootOf(table: PositionTable): TreeValue {
  for (const key of table.keys()) return key;
  return null;
}

function tableLocator(table: PositionTable, root: TreeValue, file: string | undefined) {
  return (path: readonly PathStep[], where: 'key' | 'value'): SourceLocation | undefined => {
    let node: TreeValue | undefined = root;
    let line = 1;
    let column = 1;
    for (let s = 0; s < path.length; s++) {
      const step = path[s]!;
      const entries = node !== null && typeof node === 'object' ? table.get(node as never) : undefined;
      if (!entries) break;
      const last = s === path.length - 1;
      if (isTreeMap(node) && entries instanceof Map) {
        const entry = typeof step === 'string' ? entries.get(step) : undefined;
        if (!entry) break;
        const keyFirst = last && where === 'key';
        line = entry[keyFirst ? 0 : 2]!;
        column = entry[keyFirst ? 1 : 3]!;
        node = getKey(node, step as string);
      } else if (Array.isArray(node) && Array.isArray(entries) && typeof step === 'number' && step < node.length) {
        line = entries[step * 2]!;
        column = entries[step * 2 + 1]!;
        node = node[step];
      } else break;
    }
    return at(file, line, column);
  };
}

function at(file: string | undefined, line: number, column: number): SourceLocation {
  return file === undefined ? { line, column } : { file, line, column };
}

function firstContentChar(text: string): number {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return c;
  }
  return -1;
}

/** Bytes of `text` in UTF-8 (lone surrogates count as the 3 bytes of U+FFFD). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** `512 MB`, `3.2 KB`: sizes as people read them (1 MB = 1024 × 1024 bytes, as Pegasus counts). */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** `jobs[3].uses[0].size`: a path as a person reads it. */
export function pathText(path: readonly PathStep[]): string {
  let out = '';
  for (const step of path) {
    if (typeof step === 'number') out += `[${step}]`;
    else out += out === '' ? step : /^[A-Za-z_$][\w$-]*$/.test(step) ? `.${step}` : `[${JSON.stringify(step)}]`;
  }
  return out === '' ? '(top level)' : out;
}
