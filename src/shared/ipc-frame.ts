/**
 * Request frames: one IPC request as bytes, for the requests that carry a whole document
 * (save, save as, autosave). At 10^5 jobs such a request is about 40 MB of JSON; built as a
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
export const FRAME_CHANNELS = ['document.save', 'document.saveAs', 'recovery.write'] as const;
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
