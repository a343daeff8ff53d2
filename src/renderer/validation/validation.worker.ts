/// <reference lib="webworker" />
/**
 * The validation worker: keeps its own copy of the document, follows it by the same patches
 * the editor applies (so an edit costs the worker a patch, not a copy of the workflow), and
 * runs the core's `validateWorkflow` off the main thread, once per burst of edits.
 */
import { type EditableDocument, type Patch, applyPatch } from '../../shared/edit';
import type { CatalogFiles, Diagnostic, Workflow } from '../../shared/model';
import { validateWorkflow } from '../../shared/validate';
import { documentWorkerMessage } from '../document-worker/worker-branch';

export type ValidationRequest =
  | { kind: 'load'; seq: number; workflow: Workflow; catalogs: CatalogFiles }
  | { kind: 'patch'; seq: number; patch: Patch };

export interface ValidationReply {
  /** The request sequence number the diagnostics belong to (the latest applied). */
  seq: number;
  diagnostics: Diagnostic[];
  millis: number;
}

const scope = self as unknown as DedicatedWorkerGlobalScope;
let doc: EditableDocument | null = null;
let catalogs: CatalogFiles = {};
let seq = 0;
let timer: ReturnType<typeof setTimeout> | undefined;

/** Waits this long after the last change, so a burst of edits is checked once. */
const DEBOUNCE_MS = 60;

function run(): void {
  timer = undefined;
  if (!doc) return;
  const started = performance.now();
  let diagnostics: Diagnostic[];
  try {
    diagnostics = validateWorkflow({ workflow: doc.workflow, catalogs });
  } catch (error) {
    diagnostics = [{ code: 'PC000', severity: 'error', message: `Validation failed: ${error instanceof Error ? error.message : String(error)}` }];
  }
  const reply: ValidationReply = { seq, diagnostics, millis: performance.now() - started };
  scope.postMessage(reply);
}

scope.onmessage = (event: MessageEvent<ValidationRequest>) => {
  // Save requests are built from this copy of the document (document-worker/worker-branch.ts).
  if (documentWorkerMessage(event.data, doc?.workflow ?? null)) return;
  const message = event.data;
  if (message.kind === 'load') {
    doc = { workflow: message.workflow, positions: new Map() };
    catalogs = message.catalogs;
  } else if (doc) {
    doc = applyPatch(doc, message.patch);
  }
  seq = message.seq;
  if (timer !== undefined) clearTimeout(timer);
  timer = setTimeout(run, DEBOUNCE_MS);
};
