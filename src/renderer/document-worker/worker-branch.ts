/**
 * The document worker's side of save requests. The validation worker holds a copy of the
 * document that follows it by patches (`validation/validation.worker.ts`); it hands every
 * message to {@link documentWorkerMessage} first, which answers serialize requests from that
 * copy and counts the document messages, so the page can tell whether the copy is in step.
 */
import type { FrameChannel } from '../../shared/ipc-frame';
import type { Workflow } from '../../shared/model';
import { requestFrame, type RequestHead } from './serialize-request';

/** What the page knows of its document when it asks: the copy must match before it is written. */
export interface DocumentCheck {
  /** Workflow patches sent since the last load. */
  patches: number;
  jobs: number;
  dependencies: number;
  name: string;
}

/** Page → worker: build a request frame. The layout's JSON follows on `port` (`{ layoutJson }`), the answer goes back on it. */
export interface SerializeMessage {
  kind: 'serializeRequest';
  port: MessagePort;
  channel: FrameChannel;
  head: RequestHead;
  expect: DocumentCheck;
}

/** Worker → page, on the message's port. `frame` is transferred. */
export type SerializeReply = { ok: true; frame: ArrayBuffer } | { ok: false; reason: string };

let patchesSinceLoad = 0;

function isSerializeMessage(data: unknown): data is SerializeMessage {
  return typeof data === 'object' && data !== null && (data as { kind?: unknown }).kind === 'serializeRequest';
}

/** Why the worker's copy cannot stand for the page's document, or `null` when it can. */
function outOfStep(workflow: Workflow | null, expect: DocumentCheck): string | null {
  if (!workflow) return 'the worker has no document yet';
  if (expect.patches !== patchesSinceLoad) return `the worker applied ${patchesSinceLoad} edits, the page made ${expect.patches}`;
  if (workflow.jobs.length !== expect.jobs || workflow.dependencies.length !== expect.dependencies || workflow.name !== expect.name) {
    return 'the worker’s copy differs from the page’s document';
  }
  return null;
}

function answer(message: SerializeMessage, workflow: Workflow | null): void {
  const { port } = message;
  const problem = outOfStep(workflow, message.expect);
  if (problem || !workflow) {
    port.postMessage({ ok: false, reason: problem ?? 'no document' } satisfies SerializeReply);
    port.close();
    return;
  }
  // The workflow as of this message (later patches queue behind it), written while the page builds the layout.
  let workflowJson: string;
  try {
    workflowJson = JSON.stringify(workflow);
  } catch (error) {
    port.postMessage({ ok: false, reason: error instanceof Error ? error.message : String(error) } satisfies SerializeReply);
    port.close();
    return;
  }
  port.onmessage = (event: MessageEvent<{ layoutJson: string | null }>) => {
    let reply: SerializeReply;
    let transfer: Transferable[] = [];
    try {
      const frame = requestFrame(message.channel, message.head, workflowJson, event.data.layoutJson);
      reply = { ok: true, frame: frame.buffer as ArrayBuffer };
      transfer = [frame.buffer];
    } catch (error) {
      reply = { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply, transfer);
    port.close();
  };
}

/**
 * To be called with every message the worker receives, before anything else, with the
 * workflow its copy holds. Counts `load` (back to 0) and `patch` messages; answers a
 * serialize request and returns true (the caller then ignores the message).
 */
export function documentWorkerMessage(data: unknown, workflow: Workflow | null): boolean {
  if (isSerializeMessage(data)) {
    answer(data, workflow);
    return true;
  }
  const kind = typeof data === 'object' && data !== null ? (data as { kind?: unknown }).kind : undefined;
  if (kind === 'load') patchesSinceLoad = 0;
  else if (kind === 'patch') patchesSinceLoad++;
  return false;
}
