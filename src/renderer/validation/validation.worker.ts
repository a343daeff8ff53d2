/// <reference lib="webworker" />
/**
 * The validation worker: follows the document by the same patches the editor applies (so
 * an edit costs the worker a patch, not a copy of the workflow) and keeps the core's
 * incremental validator (`shared/incremental`): a load checks everything once, an edit
 * re-runs only the rules it touched and the reply is the delta. Edits that arrive together
 * are answered once, as soon as the queue is empty (no fixed delay).
 */
import { documentWorkerMessage } from '../document-worker/worker-branch';
import { type ValidationReply, type ValidationRequest, ValidationSession, combineReplies, loadFromText } from './validation-session';

export type { ValidationReply, ValidationRequest } from './validation-session';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const session = new ValidationSession();
let waiting: ValidationReply | undefined;
let flushScheduled = false;

function send(reply: ValidationReply | undefined): void {
  if (!reply) return;
  waiting = waiting ? combineReplies(waiting, reply) : reply;
  if (flushScheduled) return;
  flushScheduled = true;
  // A task after the messages already queued: a burst of edits becomes one reply.
  setTimeout(() => {
    flushScheduled = false;
    const reply = waiting;
    waiting = undefined;
    if (reply) scope.postMessage(reply);
  }, 0);
}

scope.onmessage = (event: MessageEvent<ValidationRequest>) => {
  // A large document comes as the JSON it reached the page in: parsed here, off the page's thread.
  const message = event.data.kind === 'loadText' ? loadFromText(event.data) : event.data;
  // Save requests are written from the document this worker follows (document-worker/worker-branch.ts).
  if (documentWorkerMessage(message)) return;
  switch (message.kind) {
    case 'load':
      send(session.load(message.seq, message.workflow, message.catalogs));
      break;
    case 'patch':
      send(session.patch(message.seq, message.patch));
      break;
    default:
      break;
  }
};
