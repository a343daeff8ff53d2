/**
 * Request frames: one IPC request as bytes, for the requests that carry a whole document
 * (save, save as, autosave, export). At 10^5 jobs such a request is about 40 MB of JSON; built as a
 * string on the page's thread and sent as text, it froze the page for over a second
 * (stringify, then the socket's own UTF-8 copy). As bytes it is built off that thread and
 * handed over without a copy: one binary WebSocket message in browser mode, one ArrayBuffer
 * through the preload in Electron. The receiver decodes the body and validates it with the
 * channel's zod schema like any other request.
 *
 * Layout (little-endian):
 *
 * | bytes | content |
 * | --- | --- |
 * | 0–3 | `PCR1` (format and version) |
 * | 4–7 | request id (u32), paired with the answer in browser mode; 0 in Electron |
 * | 8–9 | length of the channel name (u16) |
 * | 10… | channel name (ASCII), then the request as UTF-8 JSON to the end |
 */

/** The channels whose request may travel as a frame. */
export const FRAME_CHANNELS = ['document.save', 'document.saveAs', 'recovery.write', 'document.export'] as const;
export type FrameChannel = (typeof FRAME_CHANNELS)[number];

/** Electron: the one IPC channel that carries request frames (the answer is the channel's usual `IpcResult`). */
export const FRAME_IPC_CHANNEL = 'request.frame';

const MAGIC = [0x50, 0x43, 0x52, 0x31]; // "PCR1"
const FIXED_HEADER = 10;
/** Where the request id sits in a frame. */
const ID_OFFSET = 4;

/** True for a channel that may travel as a frame. */
export function isFrameChannel(value: unknown): value is FrameChannel {
  return typeof value === 'string' && (FRAME_CHANNELS as readonly string[]).includes(value);
}

/** The header of a frame for `channel` (id 0). Cost: O(channel name). */
export function frameHeader(channel: FrameChannel): Uint8Array {
  const header = new Uint8Array(FIXED_HEADER + channel.length);
  header.set(MAGIC, 0);
  new DataView(header.buffer).setUint16(8, channel.length, true);
  for (let i = 0; i < channel.length; i++) header[FIXED_HEADER + i] = channel.charCodeAt(i);
  return header;
}

/** Header then body in one buffer (the body is the request's UTF-8 JSON). Cost: one copy of the body. */
export function joinFrame(channel: FrameChannel, body: Uint8Array): Uint8Array {
  const header = frameHeader(channel);
  const frame = new Uint8Array(header.length + body.length);
  frame.set(header, 0);
  frame.set(body, header.length);
  return frame;
}

/** Writes the request id into a frame (in place: the sender pairs the answer with it). */
export function setFrameId(frame: ArrayBuffer, id: number): void {
  new DataView(frame).setUint32(ID_OFFSET, id >>> 0, true);
}

/** A frame taken apart: the body is still bytes (the receiver decodes and parses it). */
export type FrameParts =
  | { ok: true; id: number; channel: FrameChannel; body: Uint8Array }
  /** `id` is `null` when even the header could not be read (there is no request to answer). */
  | { ok: false; id: number | null; message: string };

/** Reads a frame's header; says what is wrong with a malformed one. Cost: O(header). */
export function splitFrame(bytes: Uint8Array): FrameParts {
  if (bytes.length < FIXED_HEADER || MAGIC.some((b, i) => bytes[i] !== b)) {
    return { ok: false, id: null, message: 'binary request: not a request frame (it must start with "PCR1")' };
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const id = view.getUint32(ID_OFFSET, true);
  const length = view.getUint16(8, true);
  if (FIXED_HEADER + length > bytes.length) return { ok: false, id, message: 'binary request: the channel name runs past the end of the frame' };
  let channel = '';
  for (let i = 0; i < length; i++) channel += String.fromCharCode(bytes[FIXED_HEADER + i]!);
  if (!isFrameChannel(channel)) {
    return { ok: false, id, message: `binary request: channel ${JSON.stringify(channel)} cannot be sent as bytes (only ${FRAME_CHANNELS.join(', ')})` };
  }
  return { ok: true, id, channel, body: bytes.subarray(FIXED_HEADER + length) };
}

// ---------------------------------------------------------------- parts (browser mode)

/**
 * Browser mode sends a large frame as parts, each its own binary WebSocket message, so that
 * the page never hands the socket 40 MB at once (one `send` of that size held the page's
 * thread for hundreds of milliseconds) and can yield between parts. A part is
 * `PCP1`, the request id (u32), the frame's total length (u32), then the next bytes of the
 * frame; parts of one frame come in order, parts of different frames may interleave.
 */
export const FRAME_PART_BYTES = 256 * 1024;

const PART_MAGIC = [0x50, 0x43, 0x50, 0x31]; // "PCP1"
const PART_HEADER = 12;

/** True when `bytes` is a part rather than a whole frame. */
export function isFramePart(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && PART_MAGIC.every((b, i) => bytes[i] === b);
}

/** Bytes a part needs at most (header and data): the size of a buffer to pass to {@link framePart}. */
export const FRAME_PART_MAX = PART_HEADER + FRAME_PART_BYTES;

/**
 * The part of `frame` from `offset` (at most {@link FRAME_PART_BYTES}), for request `id`,
 * written into `into` when given (a sender that copies what it sends, as `WebSocket.send`
 * does, can reuse one buffer for every part). Cost: a copy of the part.
 */
export function framePart(frame: Uint8Array, id: number, offset: number, into?: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  const data = frame.subarray(offset, Math.min(frame.length, offset + FRAME_PART_BYTES));
  const part = into && into.length >= PART_HEADER + data.length ? into.subarray(0, PART_HEADER + data.length) : new Uint8Array(PART_HEADER + data.length);
  part.set(PART_MAGIC, 0);
  const view = new DataView(part.buffer, part.byteOffset, part.byteLength);
  view.setUint32(4, id >>> 0, true);
  view.setUint32(8, frame.length, true);
  part.set(data, PART_HEADER);
  return part;
}

/** What adding a part gave: a whole frame, nothing yet, or a problem (with the id when known). */
export type PartResult = { kind: 'frame'; frame: Uint8Array } | { kind: 'more' } | { kind: 'error'; id: number | null; message: string };

/**
 * Puts parts back together, per connection. Refuses a frame larger than `maxBytes`, more
 * than `maxOpen` frames under way at once, and a part that runs past its frame's length.
 */
export class FrameAssembler {
  private readonly open = new Map<number, { frame: Uint8Array; received: number }>();

  constructor(
    private readonly maxBytes: number,
    private readonly maxOpen = 4,
  ) {}

  add(bytes: Uint8Array): PartResult {
    if (bytes.length < PART_HEADER || !isFramePart(bytes)) return { kind: 'error', id: null, message: 'binary request: not a request part' };
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const id = view.getUint32(4, true);
    const total = view.getUint32(8, true);
    const data = bytes.subarray(PART_HEADER);
    let entry = this.open.get(id);
    if (!entry) {
      if (total > this.maxBytes) return { kind: 'error', id, message: `binary request: ${total} bytes is more than the ${this.maxBytes} accepted` };
      if (this.open.size >= this.maxOpen) return { kind: 'error', id, message: `binary request: more than ${this.maxOpen} requests under way at once` };
      entry = { frame: new Uint8Array(total), received: 0 };
      this.open.set(id, entry);
    }
    if (total !== entry.frame.length || entry.received + data.length > total) {
      this.open.delete(id);
      return { kind: 'error', id, message: 'binary request: a part does not fit its request (wrong length)' };
    }
    entry.frame.set(data, entry.received);
    entry.received += data.length;
    if (entry.received < total) return { kind: 'more' };
    this.open.delete(id);
    return { kind: 'frame', frame: entry.frame };
  }
}
