/**
 * The page's side of request frames (`shared/ipc-frame.ts`): asks the validation worker,
 * which holds a copy of the document, to write a save or autosave request as bytes, and
 * sends it the positions in slices for the layout. The page's thread never holds the request
 * as one string, so saving a 10^5-job document costs it short tasks instead of seconds.
 *
 * The worker's copy follows the document by the patches the diagnostics store sends it. Its
 * count of them is compared with the count kept here (and the job count, dependency count and
 * name); when they disagree, when there is no worker or it has not yet answered the probe
 * (it may lack the branch), the caller gets `null` and sends the request as an object, as before.
 */
import { type Position, changesWorkflow } from '../../shared/edit';
import type { FrameChannel } from '../../shared/ipc-frame';
import type { Workflow } from '../../shared/model';
import { subscribePatches } from '../store/document-store';
import type { LayoutFields } from './layout-json';
import { type PortLike, onPortMessage, yieldToPage } from './port';
import type { RequestHead } from './serialize-request';
import type {
  DocumentCheck,
  KeepCommentsMessage,
  KeepCommentsReply,
  PortMessage,
  PositionsSlice,
  ProbeMessage,
  SerializeMessage,
  SerializeReply,
} from './worker-branch';
import { type DocumentWorkerHandle, documentWorker } from './worker-registry';

/** Workflow patches sent to the worker since the last load; it counts the same messages. */
let patchesSinceLoad = 0;
let following = false;

/** Starts counting the patches (at start, before the first edit); idempotent. */
export function followDocumentForFrames(): void {
  if (following) return;
  following = true;
  const worker = documentWorker();
  if (worker) probe(worker);
  subscribePatches((patch) => {
    if (patch === null) patchesSinceLoad = 0;
    else if (changesWorkflow(patch)) patchesSinceLoad++;
  });
}

/** The positions and the sidecar's other fields; `null`: the request carries no layout. */
export interface LayoutParts extends LayoutFields {
  positions: ReadonlyMap<string, Position>;
}

/** Positions per slice message (keys are the map's own strings: nothing new is built here). */
const SLICE = 8192;
/** Work on this thread between two yields. */
const SLICE_MS = 8;

/**
 * Sends the positions to the worker in slices, yielding to the page between them. Positions
 * maps are never changed in place (an edit makes a new map), so the slices read one snapshot.
 */
async function sendPositions(port: PortLike, positions: ReadonlyMap<string, Position>): Promise<void> {
  let started = performance.now();
  let keys: string[] = [];
  let xy = new Float64Array(2 * Math.min(SLICE, positions.size));
  const flush = (): void => {
    const slice: PositionsSlice = { kind: 'positions', keys, xy: xy.subarray(0, 2 * keys.length) };
    port.postMessage(slice, [xy.buffer]);
    keys = [];
    xy = new Float64Array(2 * SLICE);
  };
  for (const [key, p] of positions) {
    xy[2 * keys.length] = p.x;
    xy[2 * keys.length + 1] = p.y;
    keys.push(key);
    if (keys.length === SLICE) {
      flush();
      if (performance.now() - started > SLICE_MS) {
        await yieldToPage();
        started = performance.now();
      }
    }
  }
  if (keys.length > 0) flush();
}

/** How long to wait for a busy worker before sending the request the old way. */
const WORKER_TIMEOUT_MS = 60_000;

/** Workers that answered the probe: they have the serialize branch. */
const capable = new WeakSet<DocumentWorkerHandle>();
const probed = new WeakSet<DocumentWorkerHandle>();

/**
 * Asks a worker once whether it can write requests; until it has answered, requests go the
 * old way (so a worker without the branch never makes a save wait).
 */
function probe(worker: DocumentWorkerHandle): void {
  if (probed.has(worker)) return;
  probed.add(worker);
  const { port1, port2 } = new MessageChannel();
  onPortMessage<boolean>(port1, (yes) => {
    if (yes === true) capable.add(worker);
    port1.close();
  });
  worker.postMessage({ kind: 'serializeProbe', port: port2 } satisfies ProbeMessage, [port2]);
}

/** A question to the document worker on a port of its own: the port, and the reply to come. */
interface WorkerQuestion<R> {
  worker: DocumentWorkerHandle;
  /** The page's end of the port. */
  port: PortLike;
  /** The worker's end, to send with the message (transferred). */
  workerPort: PortLike;
  /** What the page knows of `workflow`, for the worker to check its copy against. */
  expect: DocumentCheck;
  /** The worker's answer, or a refusal after {@link WORKER_TIMEOUT_MS}. */
  reply: Promise<R | { ok: false; reason: string }>;
}

/**
 * Opens a question to a worker that can answer one about `workflow` (the document's workflow
 * now); `null` when there is none yet (the caller then does the work the old way).
 */
function askWorker<R>(workflow: Workflow): WorkerQuestion<R> | null {
  const worker = documentWorker();
  if (!worker || !following) return null;
  if (!capable.has(worker)) {
    probe(worker);
    return null;
  }
  const expect: DocumentCheck = { patches: patchesSinceLoad, jobs: workflow.jobs.length, dependencies: workflow.dependencies.length, name: workflow.name };
  const { port1, port2 } = new MessageChannel();
  const reply = new Promise<R | { ok: false; reason: string }>((resolve) => {
    const timer = setTimeout(() => resolve({ ok: false, reason: 'the worker did not answer' }), WORKER_TIMEOUT_MS);
    onPortMessage<R>(port1, (data) => {
      clearTimeout(timer);
      resolve(data);
    });
  });
  return { worker, port: port1, workerPort: port2, expect, reply };
}

/**
 * The request frame for `channel`, or `null` when the worker cannot make it. `workflow` must
 * be the document's workflow now (the worker writes its copy as of this call); `head` is the
 * request with placeholders where `workflow` and `layout` go (see `serialize-request.ts`).
 */
export async function requestFrameFromWorker(
  channel: FrameChannel,
  head: RequestHead,
  workflow: Workflow,
  layout: LayoutParts | null,
): Promise<ArrayBuffer | null> {
  const question = askWorker<SerializeReply>(workflow);
  if (!question) return null;
  const { worker, port, workerPort, expect } = question;
  const fields: LayoutFields | null = layout ? { view: layout.view, viewport: layout.viewport, extras: layout.extras } : null;
  const message: SerializeMessage = { kind: 'serializeRequest', port: workerPort, channel, head, layout: fields, expect };
  worker.postMessage(message, [workerPort]);
  if (layout) await sendPositions(port, layout.positions);
  port.postMessage({ kind: 'end' } satisfies PortMessage, []);
  const answer = await question.reply;
  port.close();
  return answer.ok ? answer.frame : null;
}

/**
 * `original` (the file's YAML) merged up to `workflow` by the worker, comments and key order
 * kept, or `null` when the worker cannot (then the caller merges on this thread). `workflow`
 * must be the document's workflow now.
 */
export async function keepCommentsInWorker(original: string, workflow: Workflow): Promise<string | null> {
  const question = askWorker<KeepCommentsReply>(workflow);
  if (!question) return null;
  const { worker, port, workerPort, expect } = question;
  worker.postMessage({ kind: 'keepComments', port: workerPort, original, expect } satisfies KeepCommentsMessage, [workerPort]);
  const answer = await question.reply;
  port.close();
  return answer.ok ? answer.text : null;
}
