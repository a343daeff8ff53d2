import { splitFrame, type FrameChannel } from '../../shared/ipc-frame';
import type { IpcResult } from '../../shared/ipc';
import { dispatch, type HandlerTable, type InternalErrorSink } from '../handlers';

/** A request frame read back to a request (not yet validated: {@link answerFrame} does that). */
export type FrameRequest =
  | { ok: true; id: number; channel: FrameChannel; request: unknown }
  | { ok: false; id: number | null; message: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a request frame (`src/shared/ipc-frame.ts`): its header, then its body as strict
 * UTF-8 and JSON. Each failure says what is wrong; `id` is kept when the header could be
 * read, so the sender still gets its answer. Cost: one decode and one JSON parse of the body.
 */
export function readRequestFrame(bytes: Uint8Array): FrameRequest {
  const parts = splitFrame(bytes);
  if (!parts.ok) return parts;
  let text: string;
  try {
    text = utf8.decode(parts.body);
  } catch {
    return { ok: false, id: parts.id, message: `${parts.channel}: the request is not valid UTF-8` };
  }
  try {
    return { ok: true, id: parts.id, channel: parts.channel, request: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, id: parts.id, message: `${parts.channel}: the request is not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
}

/**
 * Answers a request frame through the handler table: a malformed frame gets `BAD_REQUEST`
 * with the reason; a readable one is validated by its channel's schema and dispatched like a
 * text request. `id` is `null` when the frame had no readable header.
 */
export async function answerFrame(
  table: HandlerTable,
  bytes: Uint8Array,
  onInternalError?: InternalErrorSink,
): Promise<{ id: number | null; response: IpcResult<unknown> }> {
  const read = readRequestFrame(bytes);
  if (!read.ok) return { id: read.id, response: { ok: false, error: { code: 'BAD_REQUEST', message: read.message } } };
  return { id: read.id, response: await dispatch(table, read.channel, read.request, onInternalError) };
}
