import type { Result } from '../../model/diagnostic';
import { READ_CODES } from './codes';
import { DEFAULT_MAX_SIZE, formatSize } from './source';

/**
 * Turns the bytes of a file into text, refusing what is not UTF-8 (YAML files are UTF-8;
 * pegasus-plan reads them so), with the byte offset, line and column of the first bad byte.
 * A leading byte-order mark is dropped. Files above `maxSize` (500 MB, the planner's
 * `pegasus.parser.document.size`) are refused before anything is decoded.
 * A hand-written validator because the pure core has no `TextDecoder`. Cost: O(bytes).
 */
export function decodeWorkflowBytes(bytes: Uint8Array, options: { file?: string; maxSize?: number } = {}): Result<string> {
  const file = options.file;
  const maxSize = options.maxSize ?? DEFAULT_MAX_SIZE;
  const where = (line: number, column: number) => (file === undefined ? { line, column } : { file, line, column });
  if (bytes.length > maxSize) {
    return {
      ok: false,
      diagnostics: [
        {
          code: READ_CODES.tooLarge,
          severity: 'error',
          message: `the file is ${formatSize(bytes.length)}, more than the ${formatSize(maxSize)} that pegasus-plan reads (pegasus.parser.document.size)`,
          location: where(1, 1),
        },
      ],
    };
  }
  const n = bytes.length;
  let i = n >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const start = i;
  let line = 1;
  let column = 1;
  while (i < n) {
    const b = bytes[i]!;
    let cp: number;
    let length: number;
    if (b < 0x80) {
      cp = b;
      length = 1;
    } else {
      let min: number;
      if (b >= 0xc2 && b <= 0xdf) {
        length = 2;
        cp = b & 0x1f;
        min = 0x80;
      } else if (b >= 0xe0 && b <= 0xef) {
        length = 3;
        cp = b & 0x0f;
        min = 0x800;
      } else if (b >= 0xf0 && b <= 0xf4) {
        length = 4;
        cp = b & 0x07;
        min = 0x10000;
      } else {
        return bad(i, line, column, `the byte 0x${hex(b)} cannot start a UTF-8 character`);
      }
      if (i + length > n) return bad(i, line, column, `the file ends inside a ${length}-byte UTF-8 character`);
      for (let k = 1; k < length; k++) {
        const c = bytes[i + k]!;
        if ((c & 0xc0) !== 0x80) return bad(i, line, column, `the byte 0x${hex(c)} at offset ${i + k} does not continue the UTF-8 character`);
        cp = (cp << 6) | (c & 0x3f);
      }
      if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        return bad(i, line, column, `the bytes at offset ${i} encode an invalid character (overlong, surrogate or above U+10FFFF)`);
      }
    }
    i += length;
    if (cp === 10) {
      line++;
      column = 1;
    } else column++;
  }
  return { ok: true, value: decodeValid(bytes, start), diagnostics: [] };

  function bad(offset: number, atLine: number, atColumn: number, what: string): Result<string> {
    return {
      ok: false,
      diagnostics: [
        {
          code: READ_CODES.notUtf8,
          severity: 'error',
          message: `the file is not UTF-8 text: at byte offset ${offset}, ${what}`,
          location: where(atLine, atColumn),
        },
      ],
    };
  }
}

function hex(b: number): string {
  return b.toString(16).padStart(2, '0').toUpperCase();
}

interface Utf8Decoder {
  decode(bytes: Uint8Array): string;
}

/** The platform's decoder when there is one (Node, browsers); the core's types do not declare it. */
const PlatformDecoder = (globalThis as { TextDecoder?: new (label: string) => Utf8Decoder }).TextDecoder;

/** Decodes bytes already known to be valid UTF-8. */
function decodeValid(bytes: Uint8Array, start: number): string {
  const body = start === 0 ? bytes : bytes.subarray(start);
  if (PlatformDecoder) return new PlatformDecoder('utf-8').decode(body);
  const parts: string[] = [];
  let units: number[] = [];
  for (let i = 0; i < body.length; ) {
    const b = body[i]!;
    let cp: number;
    if (b < 0x80) {
      cp = b;
      i += 1;
    } else if (b < 0xe0) {
      cp = ((b & 0x1f) << 6) | (body[i + 1]! & 0x3f);
      i += 2;
    } else if (b < 0xf0) {
      cp = ((b & 0x0f) << 12) | ((body[i + 1]! & 0x3f) << 6) | (body[i + 2]! & 0x3f);
      i += 3;
    } else {
      cp = ((b & 0x07) << 18) | ((body[i + 1]! & 0x3f) << 12) | ((body[i + 2]! & 0x3f) << 6) | (body[i + 3]! & 0x3f);
      i += 4;
    }
    if (cp < 0x10000) units.push(cp);
    else units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
    if (units.length >= 8192) {
      parts.push(String.fromCharCode(...units));
      units = [];
    }
  }
  parts.push(String.fromCharCode(...units));
  return parts.join('');
}
