/**
 * The page's side of request frames (`shared/ipc-frame.ts`): asks the validation worker,
 * which holds a copy of the document, to write a save or autosave request as bytes, while
 * this thread writes the layout in slices. The page's thread never holds the request as one
 * string, so saving a 10^5-job document costs it a few short tasks instead of seconds.
 *
 * The worker's copy follows the document by the patches the diagnostics store sends it. Its
 * count of them is compared with the count kept here (and the job count, dependency count and
 * name); when they disagree, when there is no worker or it has not yet answered the probe
 * (it may lack the branch), the caller gets `null` and sends the request as an object, as before.
 */
import type { Patch, Position } from '../../shared/edit';
import type { FrameChannel } from '../../shared/ipc-frame';
import type { Workflow } from '../../shared/model';
import { subscribePatches } from '../store/document-store';
import { layoutJson } from './layout-json';
import { onPortMessage } from './port';
import type { RequestHead } from './serialize-request';
import type { DocumentCheck, ProbeMessage, SerializeMessage, SerializeReply } from './worker-branch';
import { type DocumentWorkerHandle, documentWorker } from './worker-registry';

/** Workflow patches sent to the worker since the last load; it counts the same messages. */
let patchesSinceLoad = 0;
let following = false;

/** True when the diagnostics store sends this patch to its worker (moves alone are not sent). */
function sentToWorker(patch: Patch): boolean {
  return patch.some((op) => op.kind !== 'positions');
}

/** Starts counting the patches (at start, before the first edit); idempotent. */
export function followDocumentForFrames(): void {
  if (following) return;
  following = true;
  const worker = documentWorker();
  if (worker) probe(worker);
  subscribePatches((patch) => {
    if (patch === null) patchesSinceLoad = 0;
    else if (sentToWorker(patch)) patchesSinceLoad++;
  });
}

/** What the sidecar holds besides positions; `null`: the request carries no layout. */
export interface LayoutParts {
  positions: ReadonlyMap<string, Position>;
  view: 'files' | 'jobs';
  viewport: { x: number; y: number; zoom: number } | undefined;
  extras: Readonly<Record<string, unknown>>;
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
  const worker = documentWorker();
  if (!worker || !following) return null;
  if (!capable.has(worker)) {
    probe(worker);
    return null;
  }
  const expect: DocumentCheck = { patches: patchesSinceLoad, jobs: workflow.jobs.length, dependencies: workflow.dependencies.length, name: workflow.name };
  const { port1, port2 } = new MessageChannel();
  const reply = new Promise<SerializeReply>((resolve) => {
    const timer = setTimeout(() => resolve({ ok: false, reason: 'the worker did not answer' }), WORKER_TIMEOUT_MS);
    onPortMessage<SerializeReply>(port1, (data) => {
      clearTimeout(timer);
      resolve(data);
    });
  });
  const message: SerializeMessage = { kind: 'serializeRequest', port: port2, channel, head, expect };
  worker.postMessage(message, [port2]);
  const json = layout ? await layoutJson(layout.positions, layout.view, layout.viewport, layout.extras) : null;
  port1.postMessage({ layoutJson: json });
  const answer = await reply;
  port1.close();
  return answer.ok ? answer.frame : null;
}
