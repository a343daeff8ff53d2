import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Alias,
  type Document,
  type Node as YamlNode,
} from 'yaml';
import type { Diagnostic, SourceLocation } from '../../model/diagnostic';
import { READ_CODES } from './codes';
import { hasKey, numberFrom, setTreeKey, TreeNumber, type PathStep, type TreeMap, type TreeValue } from './tree';

/** Deepest nesting accepted; Pegasus documents need about ten levels. */
export const MAX_NESTING = 256;
/** Alias dereferences accepted in one document (the planner's YAML library allows 50 for collections). */
export const MAX_ALIASES = 1000;

/** A key that appeared twice in one mapping (the planner keeps the last one, and so do we). */
export interface DuplicateKey {
  path: PathStep[];
  key: string;
  location: SourceLocation;
}

export type GeneralParse =
  | {
      ok: true;
      value: TreeValue;
      duplicates: DuplicateKey[];
      warnings: Diagnostic[];
      locate: (path: readonly PathStep[], at: 'key' | 'value') => SourceLocation | undefined;
    }
  | { ok: false; diagnostics: Diagnostic[] };

class Unreadable extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/**
 * Parses any YAML (or JSON) with the `yaml` library, with positions: the general path,
 * used when the fast block parser declines. Duplicate keys are reported and the last value
 * wins, as in pegasus-plan; alias expansion and nesting are capped so that an alias bomb or
 * a deeply nested document ends with a message instead of exhausting memory or the stack.
 * Cost: O(text length + expanded nodes), expanded nodes capped at text length + 100,000.
 */
export function parseGeneralYaml(text: string, file: string | undefined): GeneralParse {
  const lineCounter = new LineCounter();
  const where = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return file === undefined ? { line, column: col } : { file, line, column: col };
  };
  const deep = deepFlowAt(text);
  if (deep >= 0) {
    return {
      ok: false,
      diagnostics: [{ code: READ_CODES.tooDeep, severity: 'error', message: `brackets nest more than ${MAX_FLOW_DEPTH} levels deep here (Pegasus files need about ten)`, location: locationOf(text, deep, file) }],
    };
  }
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, {
      lineCounter,
      prettyErrors: false,
      uniqueKeys: false,
      strict: true,
      version: '1.2',
      schema: 'core',
      merge: false,
      keepSourceTokens: false,
    });
  } catch (error) {
    return { ok: false, diagnostics: [tooDeepOrBroken(error, where(0))] };
  }
  if (doc.errors.length > 0) {
    const overflow = doc.errors.find((error) => /call stack/i.test(error.message));
    if (overflow) {
      return {
        ok: false,
        diagnostics: [{ code: READ_CODES.tooDeep, severity: 'error', message: 'the document is nested too deeply to read (Pegasus files need about ten levels)', location: where(overflow.pos[0]) }],
      };
    }
    return {
      ok: false,
      diagnostics: doc.errors.slice(0, 20).map((error) => ({
        code: READ_CODES.yamlSyntax,
        severity: 'error' as const,
        message: `YAML syntax: ${error.message}`,
        location: where(error.pos[0]),
      })),
    };
  }
  const warnings: Diagnostic[] = doc.warnings.map((warning) => ({
    code: READ_CODES.yamlSyntax,
    severity: 'warning' as const,
    message: `YAML: ${warning.message}`,
    location: where(warning.pos[0]),
  }));

  // Each alias resolves to the last anchor of its name before it, in document order.
  const aliasTarget = new Map<Alias, YamlNode>();
  try {
    const anchors = new Map<string, YamlNode>();
    visit(doc, {
      Node: (_key, node) => {
        if (isAlias(node)) {
          const target = anchors.get(node.source);
          if (target) aliasTarget.set(node, target);
        } else if ((node as { anchor?: string }).anchor) {
          anchors.set((node as { anchor: string }).anchor, node);
        }
      },
    });
  } catch (error) {
    return { ok: false, diagnostics: [tooDeepOrBroken(error, where(0))] };
  }

  const duplicates: DuplicateKey[] = [];
  let budget = text.length + 100_000;
  let aliases = 0;
  const path: PathStep[] = [];
  const convert = (node: unknown, depth: number): TreeValue => {
    if (--budget < 0) {
      throw new Unreadable(
        READ_CODES.aliasLimit,
        `aliases expand to more than ${text.length + 100_000} values (an "alias bomb"?): the document is refused`,
        rangeStart(node),
      );
    }
    if (depth > MAX_NESTING) {
      throw new Unreadable(READ_CODES.tooDeep, `nesting deeper than ${MAX_NESTING} levels`, rangeStart(node));
    }
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      if (++aliases > MAX_ALIASES) {
        throw new Unreadable(READ_CODES.aliasLimit, `aliases are expanded more than ${MAX_ALIASES} times (an "alias bomb"?): the document is refused`, rangeStart(node));
      }
      const target = aliasTarget.get(node);
      if (!target) throw new Unreadable(READ_CODES.yamlSyntax, `alias *${node.source} has no anchor before it`, rangeStart(node));
      return convert(target, depth + 1);
    }
    if (isScalar(node)) return scalarValue(node.value, (node as { source?: string }).source);
    if (isMap(node)) {
      const map: TreeMap = {};
      for (const pair of node.items) {
        const key = keyText(pair.key);
        path.push(key);
        if (hasKey(map, key)) duplicates.push({ path: path.slice(0, -1), key, location: where(rangeStart(pair.key)) });
        setTreeKey(map, key, convert(pair.value, depth + 1));
        path.pop();
      }
      return map;
    }
    if (isSeq(node)) {
      const items: TreeValue[] = [];
      for (let i = 0; i < node.items.length; i++) {
        path.push(i);
        items.push(convert(node.items[i], depth + 1));
        path.pop();
      }
      return items;
    }
    return null;
  };

  let value: TreeValue;
  try {
    value = convert(doc.contents, 0);
  } catch (error) {
    if (error instanceof Unreadable) {
      return { ok: false, diagnostics: [{ code: error.code, severity: 'error', message: error.message, location: where(error.offset) }] };
    }
    return { ok: false, diagnostics: [tooDeepOrBroken(error, where(0))] };
  }

  const locate = (steps: readonly PathStep[], at: 'key' | 'value'): SourceLocation | undefined => {
    let node: unknown = doc.contents;
    let keyNode: unknown;
    for (const step of steps) {
      if (isAlias(node)) node = aliasTarget.get(node);
      keyNode = undefined;
      if (isMap(node)) {
        let found: { key: unknown; value: unknown } | undefined;
        for (const pair of node.items) if (keyText(pair.key) === step) found = pair;
        if (!found) return where(rangeStart(node));
        keyNode = found.key;
        node = found.value ?? found.key;
      } else if (isSeq(node) && typeof step === 'number' && node.items[step] !== undefined) {
        node = node.items[step];
      } else {
        return where(rangeStart(node));
      }
    }
    return where(rangeStart(at === 'key' && keyNode !== undefined ? keyNode : node));
  };
  return { ok: true, value, duplicates, warnings, locate };
}

/** Bracket depth beyond which the text is refused before the `yaml` library spends seconds on it. */
const MAX_FLOW_DEPTH = 1000;

/** Offset where `[`/`{` nesting first passes {@link MAX_FLOW_DEPTH} (brackets in quotes count too: a cheap guard), or -1. */
function deepFlowAt(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) {
      if (++depth > MAX_FLOW_DEPTH) return i;
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return -1;
}

/** Line and column of an offset, counted directly (before any parse). */
function locationOf(text: string, offset: number, file: string | undefined): SourceLocation {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const column = offset - lineStart + 1;
  return file === undefined ? { line, column } : { file, line, column };
}

function scalarValue(value: unknown, source: string | undefined): TreeValue {
  if (typeof value === 'number') return numberFrom(value, source ?? String(value));
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return value;
  if (typeof value === 'bigint') return new TreeNumber(String(value));
  return value === undefined ? null : String(value);
}

function keyText(key: unknown): string {
  if (isScalar(key)) {
    const value = key.value;
    if (typeof value === 'string') return value;
    const source = (key as { source?: string }).source;
    if (value === null) return source ?? '';
    return typeof value === 'number' && source !== undefined ? source : String(value);
  }
  if (key === null || key === undefined) return '';
  return String(key);
}

function rangeStart(node: unknown): number {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? range[0] : 0;
}

function tooDeepOrBroken(error: unknown, location: SourceLocation): Diagnostic {
  if (error instanceof RangeError) {
    return { code: READ_CODES.tooDeep, severity: 'error', message: 'the document is nested too deeply to read', location };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: READ_CODES.yamlSyntax, severity: 'error', message: `YAML could not be read: ${message}`, location };
}
