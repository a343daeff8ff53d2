/**
 * Builds the bytes of a save, save-as or autosave request (a request frame,
 * `shared/ipc-frame.ts`) from the request's small fields, the workflow and the sidecar
 * layout's JSON. Runs in the worker that holds the document, so the page's thread neither
 * stringifies 40 MB nor copies it again into the socket. Decoded and parsed, the body is
 * exactly the request object the page would have sent: same fields, same order, fields
 * whose value is `undefined` left out (as `JSON.stringify` does).
 */
import { joinFrame, type FrameChannel } from '../../shared/ipc-frame';
import type { Workflow } from '../../shared/model';

/**
 * The request without its two large values: `workflow` and `layout` are placeholders (any
 * value) that say where those go in the field order. `layout: null` stays `null`.
 */
export type RequestHead = Readonly<Record<string, unknown>>;

/** The request as JSON text: the head's fields in order, the workflow's and the layout's JSON in their places. */
export function requestJson(head: RequestHead, workflowJson: string, layoutJson: string | null): string {
  const parts: string[] = [];
  for (const key of Object.keys(head)) {
    const value = head[key];
    let json: string | undefined;
    if (key === 'workflow') json = workflowJson;
    else if (key === 'layout') json = value === null || layoutJson === null ? 'null' : layoutJson;
    else json = JSON.stringify(value);
    // `undefined` (and functions) have no JSON: the field is left out, as JSON.stringify does.
    if (json !== undefined) parts.push(`${JSON.stringify(key)}:${json}`);
  }
  return `{${parts.join(',')}}`;
}

const encoder = new TextEncoder();

/** The request frame for `channel`: header, then {@link requestJson} as UTF-8 (`workflow` as an object, or as its JSON already made). Cost: O(request size). */
export function requestFrame(channel: FrameChannel, head: RequestHead, workflow: Workflow | string, layoutJson: string | null): Uint8Array {
  const workflowJson = typeof workflow === 'string' ? workflow : JSON.stringify(workflow);
  return joinFrame(channel, encoder.encode(requestJson(head, workflowJson, layoutJson)));
}
