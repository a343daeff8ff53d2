/**
 * Which worker holds a copy of the document: the validation worker, registered by the
 * diagnostics store when it starts one. Save requests are written there
 * (`request-frames.ts`); with none registered, or once it has failed, they go the old way.
 */

/** The part of a `Worker` used here (structural, so the store's own worker type fits). */
export interface DocumentWorkerHandle {
  postMessage(message: unknown, transfer: object[]): void;
  addEventListener?(type: 'error', listener: () => void): void;
}

let registered: DocumentWorkerHandle | null = null;

/** Called by whoever starts the worker that follows the document (`null`: there is none any more). */
export function registerDocumentWorker(worker: DocumentWorkerHandle | null): void {
  registered = worker;
  // A worker that fails is replaced by validation on the page's thread: stop sending it requests.
  worker?.addEventListener?.('error', () => {
    if (registered === worker) registered = null;
  });
}

/** The worker that follows the document, if any. */
export function documentWorker(): DocumentWorkerHandle | null {
  return registered;
}
