import { internSlice } from './intern';
import { resolvePlain, setTreeKey, type TreeMap, type TreeValue } from './tree';

/**
 * Where each entry of a parsed collection starts: for a mapping, key → [key line, key column,
 * value line, value column]; for a sequence, two numbers per item (line, column). 1-based.
 */
export type PositionTable = Map<TreeMap | TreeValue[], number[] | Map<string, number[]>>;

/** The result of {@link parseBlockYaml}: the tree, or `undefined` when the text is outside the subset. */
export interface FastParse {
  value: TreeValue;
  positions: PositionTable | undefined;
}

/** Deeper than this, the fast path gives up (the general parser reports the nesting). */
const MAX_DEPTH = 200;
/** YAML limits implicit keys to 1024 characters. */
const MAX_KEY = 1024;

class Unsupported extends Error {}
const UNSUPPORTED = new Unsupported('outside the fast subset');

/**
 * A fast parser for the block-style YAML that the Pegasus Python API, PyYAML and this app
 * write: block mappings and sequences (also "indentless" sequences under a key), plain,
 * single- and double-quoted one-line scalars, `[]` and `{}`, comments and blank lines.
 *
 * Why: the `yaml` library builds a full Document (nodes, ranges, comments) and needs several
 * seconds for a 100,000-job workflow; this scanner reads the same file in a fraction of that,
 * and it only records positions when asked (a second pass, made when a diagnostic needs a
 * line and column).
 *
 * It returns `undefined` for anything outside that subset (anchors, aliases, tags, block
 * scalars, flow collections with content, multi-line scalars, duplicate keys, several
 * documents, tabs in indentation, syntax errors…): the caller then parses with the `yaml`
 * library, which handles all of YAML and reports errors with their place. So the subset
 * never has to explain an error, only to be exact on what it accepts; a property test
 * checks it against the `yaml` library. Cost: O(text length).
 */
/**
 * Called with each item of a sequence that is the value of a top-level key (`jobs:`), right
 * after the item is parsed; what it returns is stored instead. A reader maps a job there and
 * then, so that the job's parsed form dies young instead of living until the whole file is
 * parsed (less garbage-collection work on large files).
 */
export type TopLevelItemHook = (key: string, item: TreeValue, index: number) => TreeValue;

export function parseBlockYaml(text: string, withPositions = false, onItem?: TopLevelItemHook): FastParse | undefined {
  if (text.indexOf('\r') >= 0) {
    text = text.replace(/\r\n/g, '\n');
    if (text.indexOf('\r') >= 0) return undefined;
  }
  const parser = new BlockParser(text, withPositions, onItem);
  try {
    const value = parser.parseDocument();
    return { value, positions: parser.positions };
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    // A stack overflow or anything else unexpected: let the general parser decide.
    return undefined;
  }
}

class BlockParser {
  readonly positions: PositionTable | undefined;
  private pos = 0;
  /** Start offset of the current line, and its 1-based number. */
  private lineStart = 0;
  private line = 1;
  /** End of the current line (index of `\n` or text length). */
  private lineEnd = 0;
  private depth = 0;
  /** The top-level key whose value is being parsed. */
  private rootKey = '';
  /** The blanks after the last `-` held a tab. */
  private tabSeparated = false;

  constructor(
    private readonly text: string,
    withPositions: boolean,
    private readonly onItem: TopLevelItemHook | undefined,
  ) {
    this.positions = withPositions ? new Map() : undefined;
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
    this.lineEnd = this.findLineEnd(0);
  }

  parseDocument(): TreeValue {
    if (!this.toContentLine()) return null;
    const indent = this.column();
    if (indent !== 0) throw UNSUPPORTED;
    const value = this.parseBlock(0);
    if (this.toContentLine()) throw UNSUPPORTED;
    return value;
  }

  private findLineEnd(from: number): number {
    const end = this.text.indexOf('\n', from);
    return end < 0 ? this.text.length : end;
  }

  private column(): number {
    return this.pos - this.lineStart;
  }

  /** Moves to the first content character at or after `pos`, skipping blank and comment lines. False at the end. */
  private toContentLine(): boolean {
    const text = this.text;
    for (;;) {
      let p = this.pos;
      while (p < this.lineEnd && text.charCodeAt(p) === 32) p++;
      if (p < this.lineEnd) {
        const c = text.charCodeAt(p);
        if (c === 9) {
          // A tab: fine only on a line that is otherwise blank or a comment.
          let q = p;
          while (q < this.lineEnd && (text.charCodeAt(q) === 9 || text.charCodeAt(q) === 32)) q++;
          if (q < this.lineEnd && text.charCodeAt(q) !== 35) throw UNSUPPORTED;
        } else if (c !== 35) {
          // Document markers and directives at column 0.
          if (p === this.lineStart && (c === 45 || c === 46 || c === 37)) {
            if (c === 37 || text.startsWith(c === 45 ? '---' : '...', p)) {
              const after = text.charCodeAt(p + 3);
              if (c === 37 || Number.isNaN(after) || after === 32 || after === 10 || after === 9) throw UNSUPPORTED;
            }
          }
          this.pos = p;
          return true;
        }
      }
      if (this.lineEnd >= text.length) {
        this.pos = text.length;
        return false;
      }
      this.lineStart = this.lineEnd + 1;
      this.pos = this.lineStart;
      this.line++;
      this.lineEnd = this.findLineEnd(this.lineStart);
    }
  }

  private nextLine(): void {
    if (this.lineEnd >= this.text.length) {
      this.pos = this.text.length;
      return;
    }
    this.lineStart = this.lineEnd + 1;
    this.pos = this.lineStart;
    this.line++;
    this.lineEnd = this.findLineEnd(this.lineStart);
  }

  /** True when the cursor is on a `-` sequence indicator. */
  private atDash(): boolean {
    if (this.text.charCodeAt(this.pos) !== 45) return false;
    const after = this.pos + 1;
    if (after >= this.lineEnd) return true;
    const c = this.text.charCodeAt(after);
    return c === 32 || c === 9;
  }

  /** Parses the block collection whose first entry starts at the cursor, at column `indent`. */
  private parseBlock(indent: number): TreeValue {
    if (++this.depth > MAX_DEPTH) throw UNSUPPORTED;
    const value = this.atDash() ? this.parseSeq(indent) : this.parseMap(indent);
    this.depth--;
    return value;
  }

  private parseSeq(indent: number): TreeValue[] {
    const items: TreeValue[] = [];
    const table: number[] | undefined = this.positions ? [] : undefined;
    if (table) this.positions!.set(items, table);
    const hook = this.depth === 2 ? this.onItem : undefined;
    const key = this.rootKey;
    for (;;) {
      // At a `-` in column `indent`.
      this.pos++;
      const separator = this.pos;
      this.skipSpaces();
      // YAML allows no tab before a nested block collection ("-\t- a", "-\ta: b").
      this.tabSeparated = this.text.slice(separator, this.pos).includes('\t');
      const itemColumn = this.column();
      if (table) table.push(this.line, itemColumn + 1);
      const item = this.parseEntryValue(indent, true);
      items.push(hook ? hook(key, item, items.length) : item);
      if (!this.toContentLine()) break;
      const column = this.column();
      if (column < indent) break;
      if (column > indent) throw UNSUPPORTED;
      // A key at the column of an indentless sequence ends it; the enclosing map goes on.
      if (!this.atDash()) break;
    }
    return items;
  }

  private parseMap(indent: number): TreeMap {
    const map: TreeMap = {};
    const table: Map<string, number[]> | undefined = this.positions ? new Map() : undefined;
    if (table) this.positions!.set(map, table);
    for (;;) {
      const keyLine = this.line;
      const keyColumn = this.column() + 1;
      const key = this.parseKey();
      if (Object.hasOwn(map, key)) throw UNSUPPORTED;
      this.skipSpaces();
      if (table) table.set(key, [keyLine, keyColumn, this.line, this.column() + 1]);
      if (this.depth === 1) this.rootKey = key;
      setTreeKey(map, key, this.parseEntryValue(indent, false));
      if (!this.toContentLine()) break;
      const column = this.column();
      if (column < indent) break;
      // A dash at the map's own column after a scalar value is an error.
      if (column > indent || this.atDash()) throw UNSUPPORTED;
    }
    return map;
  }

  /**
   * The value after `key:` or `- `, the cursor on its first character (or at the end of the
   * line). `indent` is the column of the collection that holds the entry.
   */
  private parseEntryValue(indent: number, inSeq: boolean): TreeValue {
    const text = this.text;
    const p = this.pos;
    if (p >= this.lineEnd || text.charCodeAt(p) === 35) {
      // Nothing on this line: the value is a nested block, an indentless sequence, or null.
      this.nextLine();
      if (!this.toContentLine()) return null;
      const column = this.column();
      if (column > indent) return this.parseBlock(column);
      if (column === indent && !inSeq && this.atDash()) return this.parseSeqAsValue(indent);
      return null;
    }
    const c = text.charCodeAt(p);
    if (inSeq) {
      // A compact nested sequence (`- - a`) or mapping (`- key: value`) starts here.
      const tab = this.tabSeparated;
      this.tabSeparated = false;
      if (this.atDash() || this.looksLikeKey()) {
        if (tab) throw UNSUPPORTED;
        return this.parseBlock(this.column());
      }
    } else if (c === 45 && this.atDash()) {
      throw UNSUPPORTED;
    }
    const value = this.parseInlineScalar();
    // What follows must be a line with less or equal indentation (no multi-line scalars).
    this.nextLine();
    if (this.toContentLine() && this.column() > indent) throw UNSUPPORTED;
    return value;
  }

  /** An indentless sequence under a key: the dashes sit at the key's own column. */
  private parseSeqAsValue(indent: number): TreeValue[] {
    if (++this.depth > MAX_DEPTH) throw UNSUPPORTED;
    const items = this.parseSeq(indent);
    this.depth--;
    return items;
  }

  private skipSpaces(): void {
    const text = this.text;
    let p = this.pos;
    while (p < this.lineEnd) {
      const c = text.charCodeAt(p);
      if (c !== 32 && c !== 9) break;
      p++;
    }
    this.pos = p;
  }

  /** True when the rest of the line holds `key:` followed by a space or the end of the line. */
  private looksLikeKey(): boolean {
    const text = this.text;
    const c = text.charCodeAt(this.pos);
    if (c === 39 || c === 34) {
      const save = this.pos;
      try {
        this.parseQuoted();
        this.skipSpaces();
        return this.pos < this.lineEnd && this.isMappingColon(this.pos);
      } finally {
        this.pos = save;
      }
    }
    return this.findPlainColon() >= 0;
  }

  private isMappingColon(p: number): boolean {
    if (this.text.charCodeAt(p) !== 58) return false;
    if (p + 1 >= this.lineEnd) return true;
    const c = this.text.charCodeAt(p + 1);
    return c === 32 || c === 9;
  }

  /** Index of the `:` ending a plain key on this line, or -1 (a comment ends the search). Scans this line only. */
  private findPlainColon(): number {
    const text = this.text;
    const end = this.lineEnd;
    for (let p = this.pos; p < end; p++) {
      const c = text.charCodeAt(p);
      if (c === 58) {
        if (this.isMappingColon(p)) return p;
      } else if (c === 35) {
        const before = text.charCodeAt(p - 1);
        if (p === this.pos || before === 32 || before === 9) return -1;
      }
    }
    return -1;
  }

  /** Index of a comment's `#` on this line (a `#` after a blank), or the line end. */
  private commentStart(): number {
    const text = this.text;
    const end = this.lineEnd;
    for (let p = this.pos + 1; p < end; p++) {
      if (text.charCodeAt(p) === 35) {
        const before = text.charCodeAt(p - 1);
        if (before === 32 || before === 9) return p;
      }
    }
    return end;
  }

  private parseKey(): string {
    const text = this.text;
    const c = text.charCodeAt(this.pos);
    let key: string;
    if (c === 39 || c === 34) {
      const start = this.pos;
      key = this.parseQuoted();
      if (this.pos - start > MAX_KEY) throw UNSUPPORTED;
      this.skipSpaces();
      if (!this.isMappingColon(this.pos)) throw UNSUPPORTED;
      this.pos++;
      return key;
    }
    this.checkPlainStart(c);
    const colon = this.findPlainColon();
    if (colon < 0) throw UNSUPPORTED;
    let end = colon;
    while (end > this.pos && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
    if (end === this.pos || end - this.pos > MAX_KEY) throw UNSUPPORTED;
    key = internSlice(text, this.pos, end);
    const resolved = resolvePlain(key);
    // Keys that resolve to non-strings (`1:`, `true:`, `null:`) are left to the general parser.
    if (typeof resolved !== 'string') throw UNSUPPORTED;
    this.pos = colon + 1;
    return key;
  }

  /** Rejects plain scalars that start with a YAML indicator the subset does not handle. */
  private checkPlainStart(c: number): void {
    switch (c) {
      case 45: // -
      case 63: // ?
      case 58: {
        // : — allowed only when followed by a non-space ("-a", "?x", ":x").
        const next = this.text.charCodeAt(this.pos + 1);
        if (this.pos + 1 >= this.lineEnd || next === 32 || next === 9) throw UNSUPPORTED;
        if (c !== 45) throw UNSUPPORTED;
        return;
      }
      case 44: // ,
      case 91: // [
      case 93: // ]
      case 123: // {
      case 125: // }
      case 35: // #
      case 38: // &
      case 42: // *
      case 33: // !
      case 124: // |
      case 62: // >
      case 39: // '
      case 34: // "
      case 37: // %
      case 64: // @
      case 96: // `
        throw UNSUPPORTED;
    }
  }

  /** A scalar that fills the rest of the line (up to a comment). */
  private parseInlineScalar(): TreeValue {
    const text = this.text;
    const c = text.charCodeAt(this.pos);
    if (c === 39 || c === 34) {
      const value = this.parseQuoted();
      this.expectLineEnd();
      return value;
    }
    if (c === 91 || c === 123) {
      // Only the empty flow collections.
      const close = c === 91 ? 93 : 125;
      this.pos++;
      this.skipSpaces();
      if (text.charCodeAt(this.pos) !== close) throw UNSUPPORTED;
      this.pos++;
      this.expectLineEnd();
      return c === 91 ? [] : {};
    }
    this.checkPlainStart(c);
    // The scalar runs to the end of the line or to " #".
    let end = this.commentStart();
    while (end > this.pos && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
    const raw = internSlice(text, this.pos, end);
    // A ": " inside means a nested mapping on one line (an error) and a trailing ":" a key.
    if (raw.indexOf(': ') >= 0 || raw.indexOf(':\t') >= 0 || raw.charCodeAt(raw.length - 1) === 58) throw UNSUPPORTED;
    this.pos = this.lineEnd;
    return resolvePlain(raw);
  }

  /** After a quoted scalar or `[]`: only spaces and a comment may follow on the line. */
  private expectLineEnd(): void {
    const start = this.pos;
    this.skipSpaces();
    if (this.pos < this.lineEnd) {
      if (this.text.charCodeAt(this.pos) !== 35 || this.pos === start) throw UNSUPPORTED;
    }
    this.pos = this.lineEnd;
  }

  /** A single- or double-quoted scalar that ends on its own line. */
  private parseQuoted(): string {
    const text = this.text;
    const quote = text.charCodeAt(this.pos);
    let p = this.pos + 1;
    if (quote === 39) {
      let out = '';
      for (;;) {
        let q = p;
        while (q < this.lineEnd && text.charCodeAt(q) !== 39) q++;
        if (q >= this.lineEnd) throw UNSUPPORTED;
        out += text.slice(p, q);
        if (text.charCodeAt(q + 1) === 39) {
          out += "'";
          p = q + 2;
          continue;
        }
        this.pos = q + 1;
        return out;
      }
    }
    let out = '';
    let chunk = p;
    for (;;) {
      if (p >= this.lineEnd) throw UNSUPPORTED;
      const c = text.charCodeAt(p);
      if (c === 34) {
        out += text.slice(chunk, p);
        this.pos = p + 1;
        return out;
      }
      if (c === 92) {
        out += text.slice(chunk, p);
        const [decoded, length] = this.escape(p + 1);
        out += decoded;
        p += 1 + length;
        chunk = p;
        continue;
      }
      p++;
    }
  }

  /** A double-quoted escape after the backslash: its text and how many characters it used. */
  private escape(p: number): [string, number] {
    if (p >= this.lineEnd) throw UNSUPPORTED;
    const c = this.text[p]!;
    switch (c) {
      case '0':
        return ['\0', 1];
      case 'a':
        return ['\x07', 1];
      case 'b':
        return ['\b', 1];
      case 't':
      case '\t':
        return ['\t', 1];
      case 'n':
        return ['\n', 1];
      case 'v':
        return ['\v', 1];
      case 'f':
        return ['\f', 1];
      case 'r':
        return ['\r', 1];
      case 'e':
        return ['\x1b', 1];
      case ' ':
        return [' ', 1];
      case '"':
        return ['"', 1];
      case '/':
        return ['/', 1];
      case '\\':
        return ['\\', 1];
      case 'N':
        return ['\x85', 1];
      case '_':
        return ['\xa0', 1];
      case 'L':
        return ['\u2028', 1];
      case 'P':
        return ['\u2029', 1];
      case 'x':
        return [this.hex(p + 1, 2), 3];
      case 'u':
        return [this.hex(p + 1, 4), 5];
      case 'U':
        return [this.hex(p + 1, 8), 9];
      default:
        throw UNSUPPORTED;
    }
  }

  private hex(p: number, length: number): string {
    const digits = this.text.slice(p, p + length);
    if (digits.length !== length || p + length > this.lineEnd || !/^[0-9a-fA-F]+$/.test(digits)) throw UNSUPPORTED;
    const code = parseInt(digits, 16);
    if (code > 0x10ffff) throw UNSUPPORTED;
    return String.fromCodePoint(code);
  }
}
