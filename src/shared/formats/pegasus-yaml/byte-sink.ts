/**
 * Text written straight into UTF-8 bytes, in a growable buffer.
 *
 * Why: building a 500 MB YAML file from tens of millions of small strings (keys, values,
 * indentation) costs more in string allocation, joining and garbage collection than in
 * anything else. Encoding each piece into one byte buffer makes no string at all until a
 * chunk is handed out. Cost: O(characters written).
 */
export class ByteSink {
  private buffer: Uint8Array;
  private length = 0;

  constructor(initial = 1 << 17) {
    this.buffer = new Uint8Array(initial);
  }

  /** Bytes written and not yet taken. */
  get size(): number {
    return this.length;
  }

  private grow(needed: number): void {
    let capacity = this.buffer.length * 2;
    while (capacity < needed) capacity *= 2;
    const next = new Uint8Array(capacity);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }

  /** Appends `text` as UTF-8 (a lone surrogate becomes U+FFFD, as any UTF-8 encoder does). */
  write(text: string): void {
    const n = text.length;
    if (this.length + n * 3 > this.buffer.length) this.grow(this.length + n * 3);
    const buffer = this.buffer;
    let p = this.length;
    for (let i = 0; i < n; i++) {
      let c = text.charCodeAt(i);
      if (c < 0x80) {
        buffer[p++] = c;
      } else if (c < 0x800) {
        buffer[p++] = 0xc0 | (c >> 6);
        buffer[p++] = 0x80 | (c & 0x3f);
      } else {
        if (c >= 0xd800 && c <= 0xdfff) {
          const d = i + 1 < n ? text.charCodeAt(i + 1) : 0;
          if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
            const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
            buffer[p++] = 0xf0 | (cp >> 18);
            buffer[p++] = 0x80 | ((cp >> 12) & 0x3f);
            buffer[p++] = 0x80 | ((cp >> 6) & 0x3f);
            buffer[p++] = 0x80 | (cp & 0x3f);
            i++;
            continue;
          }
          c = 0xfffd;
        }
        buffer[p++] = 0xe0 | (c >> 12);
        buffer[p++] = 0x80 | ((c >> 6) & 0x3f);
        buffer[p++] = 0x80 | (c & 0x3f);
      }
    }
    this.length = p;
  }

  /** The bytes so far (a copy), which are then cleared. */
  takeBytes(): Uint8Array {
    const out = this.buffer.slice(0, this.length);
    this.length = 0;
    return out;
  }

  /** The text so far, which is then cleared. */
  takeText(): string {
    const text = decodeUtf8(this.buffer.subarray(0, this.length));
    this.length = 0;
    return text;
  }
}

interface Utf8Decoder {
  decode(bytes: Uint8Array): string;
}

const PlatformDecoder = (globalThis as { TextDecoder?: new (label: string) => Utf8Decoder }).TextDecoder;
const platformDecoder = PlatformDecoder ? new PlatformDecoder('utf-8') : undefined;

/** UTF-8 bytes (known valid) to text: the platform decoder when there is one (Node, browsers). */
function decodeUtf8(bytes: Uint8Array): string {
  if (platformDecoder) return platformDecoder.decode(bytes);
  let out = '';
  let units: number[] = [];
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    let cp: number;
    if (b < 0x80) {
      cp = b;
      i += 1;
    } else if (b < 0xe0) {
      cp = ((b & 0x1f) << 6) | (bytes[i + 1]! & 0x3f);
      i += 2;
    } else if (b < 0xf0) {
      cp = ((b & 0x0f) << 12) | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f);
      i += 3;
    } else {
      cp = ((b & 0x07) << 18) | ((bytes[i + 1]! & 0x3f) << 12) | ((bytes[i + 2]! & 0x3f) << 6) | (bytes[i + 3]! & 0x3f);
      i += 4;
    }
    if (cp < 0x10000) units.push(cp);
    else units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
    if (units.length >= 8192) {
      out += String.fromCharCode(...units);
      units = [];
    }
  }
  return out + String.fromCharCode(...units);
}

