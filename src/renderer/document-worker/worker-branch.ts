/**
 * The document worker's side of save requests. The validation worker hands every message
 * it receives to {@link documentWorkerMessage} first (one line in
 * `validation/validation.worker.ts`). This module keeps its own view of the document from
 * the same `load` and `patch` messages (applying a patch shares every job it does not touch,
 * so the copy costs little), and answers serialize requests from it; it also counts the
 * patches, so the page can tell whether the copy is in step.
 */
import { type Patch, applyPatch } from '../../shared/edit';
import type { FrameChannel } from '../../shared/ipc-frame';
import type { Workflow } from '../../shared/model';
import { type PortLike, onPortMessage } from './port';
import { type LayoutFields, LayoutJsonBuilder } from './layout-json';
import { requestFrame, type RequestHead } from './serialize-request';
import { TO_STRING, documentFor } from '../panels/code/yaml-sync';

/** What the page knows of its document when it asks: the copy must match before it is written. */
export interface DocumentCheck {
  /** Workflow patches sent since the last load. */
  patches: number;
  jobs: number;
  dependencies: number;
  name: string;
}

/**
 * Page → worker: build a request frame. With a `layout`, the positions follow on `port` in
 * slices ({@link PositionsSlice}), then `{ kind: 'end' }`; the answer goes back on `port`.
 */
export interface SerializeMessage {
  kind: 'serializeRequest';
  port: PortLike;
  channel: FrameChannel;
  head: RequestHead;
  layout: LayoutFields | null;
  expect: DocumentCheck;
}

/** Page → worker on the request's port: position keys (`j:id`, `f:lfn`) and their x, y pairs. */
export interface PositionsSlice {
  kind: 'positions';
  keys: string[];
  xy: Float64Array;
}

export type PortMessage = PositionsSlice | { kind: 'end' };

/**
 * Page → worker: the file's YAML text (`original`) merged up to the document, comments and
 * key order kept (what a save writes for a YAML file); the answer goes back on `port`.
 */
export interface KeepCommentsMessage {
  kind: 'keepComments';
  port: PortLike;
  original: string;
  expect: DocumentCheck;
}

/** Worker → page, on the message's port. */
export type KeepCommentsReply = { ok: true; text: string } | { ok: false; reason: string };

/** Page → worker: is this branch there? The answer (`true`) comes back on `port`. */
export interface ProbeMessage {
  kind: 'serializeProbe';
  port: PortLike;
}

/** Worker → page, on the message's port. `frame` is transferred. */
export type SerializeReply = { ok: true; frame: ArrayBuffer } | { ok: false; reason: string };

let patchesSinceLoad = 0;
let current: Workflow | null = null;
/**
 * The JSON of `current` as last written: a save right after an autosave (the usual case: the
 * autosave runs a few seconds after the last edit) does not write 40 MB again. Dropped at the
 * next change, so it holds memory only while the document stays as it was written.
 */
let written: { workflow: Workflow; json: string } | null = null;
const NO_POSITIONS = new Map<string, never>();

function kindOf(data: unknown): unknown {
  return typeof data === 'object' && data !== null ? (data as { kind?: unknown }).kind : undefined;
}

/** Follows the validation worker's `load` and `patch` messages. */
function follow(data: unknown): void {
  const kind = kindOf(data);
  if (kind === 'load') {
    current = (data as { workflow: Workflow }).workflow;
    // Edits the page made before it sent the load are in this workflow already.
    patchesSinceLoad = (data as { folded?: number }).folded ?? 0;
  } else if (kind === 'patch') {
    patchesSinceLoad++;
    if (current) current = applyPatch({ workflow: current, positions: NO_POSITIONS }, (data as { patch: Patch }).patch).workflow;
  }
  if (written && written.workflow !== current) written = null;
  schedulePrewrite();
}

/** Documents with more jobs than this have their JSON written ahead, once they stay as they are. */
const PREWRITE_MIN_JOBS = 10_000;
/** How long a document must stay as it is before its JSON is written ahead. */
const PREWRITE_QUIET_MS = 1000;
let prewriteTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * Writes the JSON of a large document ahead, a second after the last edit, so that a save
 * finds it written (half a second at 10^5 jobs it no longer waits for). It is written in
 * slices with the worker's queue served between them: an edit arriving meanwhile is checked
 * at once, and stops the writing (the document changed).
 */
function schedulePrewrite(): void {
  if (prewriteTimer !== undefined) clearTimeout(prewriteTimer);
  prewriteTimer = undefined;
  if (!current || current.jobs.length <= PREWRITE_MIN_JOBS || written?.workflow === current) return;
  prewriteTimer = setTimeout(() => {
    prewriteTimer = undefined;
    const target = current;
    if (!target || written?.workflow === target) return;
    void workflowJsonInSlices(target, () => current !== target).then(
      (json) => {
        if (json !== null && current === target) written = { workflow: target, json };
      },
      () => undefined,
    );
  }, PREWRITE_QUIET_MS);
}

/** Jobs written per slice (about 10 ms at 10^5-job sizes). */
const JOBS_PER_SLICE = 2000;
const JOBS_MARK = '\u0000jobs\u0000';

/**
 * `JSON.stringify(workflow)`, the same text, made in slices of jobs with a task boundary
 * between them; `null` when `stop()` says to give up.
 */
export async function workflowJsonInSlices(workflow: Workflow, stop: () => boolean): Promise<string | null> {
  const outline = JSON.stringify({ ...workflow, jobs: JOBS_MARK });
  const mark = JSON.stringify(JOBS_MARK);
  const at = outline.indexOf(mark);
  // The mark once, where the jobs go (a field holding that very text is written in one go).
  if (at < 0 || outline.indexOf(mark, at + 1) >= 0) return JSON.stringify(workflow);
  const slices: string[] = [];
  for (let i = 0; i < workflow.jobs.length; i += JOBS_PER_SLICE) {
    const slice = workflow.jobs.slice(i, i + JOBS_PER_SLICE);
    slices.push(slice.map((job) => JSON.stringify(job)).join(','));
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    if (stop()) return null;
  }
  return `${outline.slice(0, at)}[${slices.join(',')}]${outline.slice(at + mark.length)}`;
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

/** The merge of a save that keeps the file's comments, here rather than on the page's thread (about 1 s at 4,000 jobs). */
function keepComments(message: KeepCommentsMessage, workflow: Workflow | null): KeepCommentsReply {
  const problem = outOfStep(workflow, message.expect);
  if (problem || !workflow) return { ok: false, reason: problem ?? 'no document' };
  try {
    return { ok: true, text: documentFor(workflow, message.original).toString(TO_STRING) };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

function answer(message: SerializeMessage, workflow: Workflow | null): void {
  const { port } = message;
  const problem = outOfStep(workflow, message.expect);
  if (problem || !workflow) {
    port.postMessage({ ok: false, reason: problem ?? 'no document' } satisfies SerializeReply, []);
    port.close();
    return;
  }
  // The workflow as of this message (later patches queue behind it), written while the page sends the positions.
  let workflowJson: string;
  try {
    workflowJson = written?.workflow === workflow ? written.json : JSON.stringify(workflow);
    written = { workflow, json: workflowJson };
  } catch (error) {
    port.postMessage({ ok: false, reason: error instanceof Error ? error.message : String(error) } satisfies SerializeReply, []);
    port.close();
    return;
  }
  const layout = message.layout ? new LayoutJsonBuilder() : null;
  onPortMessage<PortMessage>(port, (data) => {
    if (data.kind === 'positions') {
      for (let i = 0; i < data.keys.length; i++) layout?.add(data.keys[i]!, data.xy[2 * i]!, data.xy[2 * i + 1]!);
      return;
    }
    let reply: SerializeReply;
    let transfer: ArrayBuffer[] = [];
    try {
      const layoutJson = layout && message.layout ? layout.finish(message.layout) : null;
      const frame = requestFrame(message.channel, message.head, workflowJson, layoutJson);
      reply = { ok: true, frame: frame.buffer as ArrayBuffer };
      transfer = [frame.buffer as ArrayBuffer];
    } catch (error) {
      reply = { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply, transfer);
    port.close();
  });
}

/**
 * To be called with every message the worker receives, before anything else. Follows `load`
 * and `patch` messages (and returns false: the worker handles them too); answers a serialize
 * request or a probe and returns true (the worker then ignores the message).
 */
export function documentWorkerMessage(data: unknown): boolean {
  const kind = kindOf(data);
  if (kind === 'serializeRequest') {
    answer(data as SerializeMessage, current);
    return true;
  }
  if (kind === 'keepComments') {
    const message = data as KeepCommentsMessage;
    message.port.postMessage(keepComments(message, current), []);
    message.port.close();
    return true;
  }
  if (kind === 'serializeProbe') {
    const { port } = data as ProbeMessage;
    port.postMessage(true, []);
    port.close();
    return true;
  }
  try {
    follow(data);
  } catch {
    // Never in the way of the worker's own work: without a copy, requests are refused (and go the old way).
    current = null;
    written = null;
  }
  return false;
}
