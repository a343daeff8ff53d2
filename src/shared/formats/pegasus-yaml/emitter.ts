import { isNumberLiteral, type NumberLiteral } from '../../model/scalar';
import { ByteSink } from './byte-sink';
import { jsonNumber, jsonNumberLiteral, jsonString, yamlNumber, yamlNumberLiteral, yamlString } from './yaml-scalar';

export type EmitScalar = string | number | boolean | null | NumberLiteral;

/**
 * A streaming event sink: the model walker says "mapping, key, value, …" and the emitter
 * appends text. Text accumulates in `buffer`; the writer takes it in chunks (`take`) so that a
 * million-job workflow never becomes one giant string. Empty collections are given with
 * `emptySeq` / `emptyMap` because block YAML writes them differently.
 */
export interface Emitter {
  mapStart(): void;
  /** A key; `plain` says it is one of the format's own names, which never need quotes. */
  key(key: string, plain?: boolean): void;
  mapEnd(): void;
  seqStart(): void;
  seqEnd(): void;
  scalar(value: EmitScalar): void;
  emptySeq(): void;
  emptyMap(): void;
  /** Length of the text not yet taken. */
  readonly pending: number;
  /** The `extra` of the object being written (see write-model: keys kept there are written in place). */
  scopeExtra: Record<string, unknown> | undefined;
  /** The text so far, which is then cleared. */
  take(): string;
  /** The text so far as UTF-8 bytes, which is then cleared. */
  takeBytes(): Uint8Array;
}

const SPACES: string[] = [];
/** `"  - "` by indentation, for the common depths. */
const DASHES: string[] = Array.from({ length: 32 }, (_, i) => `${' '.repeat(i)}- `);
function spaces(n: number): string {
  let s = SPACES[n];
  if (s === undefined) {
    s = ' '.repeat(n);
    SPACES[n] = s;
  }
  return s;
}

/** What the YAML and JSON emitters share: the byte sink their text goes to, and taking it. */
abstract class SinkEmitter {
  scopeExtra: Record<string, unknown> | undefined = undefined;
  /** The text as UTF-8 bytes: no string is made per piece (see ByteSink). */
  protected readonly sink = new ByteSink();

  get pending(): number {
    return this.sink.size;
  }

  take(): string {
    return this.sink.takeText();
  }

  /** The text so far as UTF-8, which is then cleared (for writing to a file without a string). */
  takeBytes(): Uint8Array {
    return this.sink.takeBytes();
  }
}

const enum Kind {
  Map,
  Seq,
}

/**
 * Block-style YAML the way PyYAML writes it (2-space indent, sequences under a key not
 * indented, the first key of a mapping in a sequence on the dash's line):
 *
 *     jobs:
 *     - type: job
 *       uses:
 *       - lfn: f.a
 */
export class YamlEmitter extends SinkEmitter implements Emitter {
  private readonly kinds: Kind[] = [];
  private readonly indents: number[] = [];
  /** Whether the next entry of the top frame goes right after a "- " already written. */
  private inline = false;
  /** A key was written ("    key:") and its value has not come yet. */
  private afterKey = false;

  private add(text: string): void {
    this.sink.write(text);
  }

  /** Writes what comes before a value: a space after a key, or a dash in a sequence. Returns the column a nested block would use. */
  private beforeValue(): void {
    if (this.afterKey) return;
    const depth = this.kinds.length;
    if (depth > 0 && this.kinds[depth - 1] === Kind.Seq) {
      if (this.inline) {
        this.add('- ');
        this.inline = false;
      } else this.add(DASHES[this.indents[depth - 1]!] ?? `${spaces(this.indents[depth - 1]!)}- `);
    }
  }

  mapStart(): void {
    const depth = this.kinds.length;
    if (depth === 0) {
      this.push(Kind.Map, 0, false);
      return;
    }
    if (this.afterKey) {
      this.add('\n');
      this.afterKey = false;
      this.push(Kind.Map, this.indents[depth - 1]! + 2, false);
      return;
    }
    this.beforeValue();
    this.push(Kind.Map, this.indents[depth - 1]! + 2, true);
  }

  seqStart(): void {
    const depth = this.kinds.length;
    if (depth === 0) {
      this.push(Kind.Seq, 0, false);
      return;
    }
    if (this.afterKey) {
      this.add('\n');
      this.afterKey = false;
      // Indentless: the dashes sit at the key's column.
      this.push(Kind.Seq, this.indents[depth - 1]!, false);
      return;
    }
    this.beforeValue();
    this.push(Kind.Seq, this.indents[depth - 1]! + 2, true);
  }

  private push(kind: Kind, indent: number, inline: boolean): void {
    this.kinds.push(kind);
    this.indents.push(indent);
    this.inline = inline;
  }

  mapEnd(): void {
    this.kinds.pop();
    this.indents.pop();
    this.inline = false;
  }

  seqEnd(): void {
    this.mapEnd();
  }

  key(key: string, plain = false): void {
    const indent = this.indents[this.kinds.length - 1]!;
    const text = plain ? key : yamlString(key);
    if (this.inline) this.inline = false;
    else this.add(spaces(indent));
    // YAML caps implicit keys at 1024 characters: longer ones take the explicit "? key" form.
    if (text.length > 1000) this.add(`? ${text}\n${spaces(indent)}:`);
    else {
      this.add(text);
      this.add(':');
    }
    this.afterKey = true;
  }

  private value(text: string): void {
    if (this.afterKey) {
      this.add(' ');
      this.afterKey = false;
    } else this.beforeValue();
    this.add(text);
    this.add('\n');
  }

  scalar(value: EmitScalar): void {
    this.value(yamlScalar(value));
  }

  emptySeq(): void {
    this.value('[]');
  }

  emptyMap(): void {
    this.value('{}');
  }
}

function yamlScalar(value: EmitScalar): string {
  if (typeof value === 'string') return yamlString(value);
  if (typeof value === 'number') return yamlNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value === null) return 'null';
  return isNumberLiteral(value) ? yamlNumberLiteral(value) : yamlString(String(value));
}

/** JSON, indented by 2 like `JSON.stringify(value, null, 2)`. */
export class JsonEmitter extends SinkEmitter implements Emitter {
  private readonly counts: number[] = [];
  private afterKey = false;

  private beforeValue(): void {
    if (this.afterKey) {
      this.afterKey = false;
      return;
    }
    const depth = this.counts.length;
    if (depth === 0) return;
    this.sink.write(`${this.counts[depth - 1]! > 0 ? ',' : ''}\n${spaces(depth * 2)}`);
    this.counts[depth - 1]!++;
  }

  mapStart(): void {
    this.beforeValue();
    this.sink.write('{');
    this.counts.push(0);
  }

  seqStart(): void {
    this.beforeValue();
    this.sink.write('[');
    this.counts.push(0);
  }

  private end(close: string): void {
    this.counts.pop();
    this.sink.write(`\n${spaces(this.counts.length * 2)}${close}`);
    if (this.counts.length === 0) this.sink.write('\n');
  }

  mapEnd(): void {
    this.end('}');
  }

  seqEnd(): void {
    this.end(']');
  }

  key(key: string): void {
    const depth = this.counts.length;
    this.sink.write(`${this.counts[depth - 1]! > 0 ? ',' : ''}\n${spaces(depth * 2)}${jsonString(key)}: `);
    this.counts[depth - 1]!++;
    this.afterKey = true;
  }

  scalar(value: EmitScalar): void {
    this.beforeValue();
    this.sink.write(jsonScalar(value));
  }

  emptySeq(): void {
    this.beforeValue();
    this.sink.write('[]');
  }

  emptyMap(): void {
    this.beforeValue();
    this.sink.write('{}');
  }
}

function jsonScalar(value: EmitScalar): string {
  if (typeof value === 'string') return jsonString(value);
  if (typeof value === 'number') return jsonNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value === null) return 'null';
  return isNumberLiteral(value) ? jsonNumberLiteral(value) : jsonString(String(value));
}
