/**
 * Which worker holds a copy of the document (the validation worker: the diagnostics store
 * registers it when it starts one, and `null` when it stops). Save requests are written
 * there (`request-frames.ts`); with none registered they go the old way.
 */
let registered: Worker | null = null;

/** Called by whoever starts (`worker`) or stops (`null`) the worker that follows the document. */
export function registerDocumentWorker(worker: Worker | null): void {
  registered = worker;
}

/** The worker that follows the document, if any. */
export function documentWorker(): Worker | null {
  return registered;
}
