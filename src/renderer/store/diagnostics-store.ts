/**
 * Diagnostics of the open document, from the core's `validateWorkflow`, re-run after every
 * edit. The check runs in a worker that follows the document by its patches (see
 * `validation/validation.worker.ts`), so typing and dragging never wait for it, and a burst
 * of edits is checked once; moves, which do not change the workflow, are not sent at all.
 * Where no worker can be made, it runs here, debounced. Each diagnostic is indexed by the
 * canvas node it points at, for the badges.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { type Patch, fileKey, jobKey } from '../../shared/edit';
import type { CatalogFiles, Diagnostic, Workflow } from '../../shared/model';
import { validateWorkflow } from '../../shared/validate';
import type { Badge } from '../canvas/node-types';
import type { ValidationReply, ValidationRequest } from '../validation/validation.worker';
import { documentStore, subscribePatches } from './document-store';

export interface DiagnosticsState {
  diagnostics: Diagnostic[];
  /** Node key → counts, for badges. */
  badges: ReadonlyMap<string, Badge>;
  /** True while an edit has not been checked yet. */
  pending: boolean;
  /** Time the last check took (ms), shown in the panel's tooltip. */
  millis: number;
}

export const diagnosticsStore = createStore<DiagnosticsState>(() => ({ diagnostics: [], badges: new Map(), pending: false, millis: 0 }));

export function useDiagnostics<T>(selector: (state: DiagnosticsState) => T): T {
  return useStore(diagnosticsStore, selector);
}

/** The node a diagnostic points at, if any. */
export function diagnosticNodeKey(diagnostic: Diagnostic): string | undefined {
  const target = diagnostic.target;
  if (!target) return undefined;
  switch (target.kind) {
    case 'job':
      return jobKey(target.jobId);
    case 'file':
      return fileKey(target.lfn);
    case 'replica':
      return fileKey(target.lfn);
    case 'dependency':
      return jobKey(target.child);
    default:
      return undefined;
  }
}

function publish(diagnostics: Diagnostic[], millis: number, pending: boolean): void {
  const badges = new Map<string, Badge>();
  for (const d of diagnostics) {
    const key = diagnosticNodeKey(d);
    if (!key || d.severity === 'info') continue;
    const badge = badges.get(key) ?? { errors: 0, warnings: 0 };
    if (d.severity === 'error') badge.errors++;
    else badge.warnings++;
    badges.set(key, badge);
  }
  diagnosticsStore.setState({ diagnostics, badges, millis, pending });
}

/** Validates on this thread (the fallback when there is no worker). */
function runValidation(workflow: Workflow, catalogs: CatalogFiles): void {
  const started = performance.now();
  let diagnostics: Diagnostic[];
  try {
    diagnostics = validateWorkflow({ workflow, catalogs });
  } catch (error) {
    diagnostics = [{ code: 'PC000', severity: 'error', message: `Validation failed: ${error instanceof Error ? error.message : String(error)}` }];
  }
  publish(diagnostics, performance.now() - started, false);
}

/** True when a patch changes the workflow (positions alone do not need a check). */
function touchesWorkflow(patch: Patch): boolean {
  return patch.some((op) => op.kind !== 'positions');
}

function createWorker(): Worker | null {
  try {
    return new Worker(new URL('../validation/validation.worker.ts', import.meta.url), { type: 'module', name: 'validation' });
  } catch {
    return null;
  }
}

let running: Worker | null = null;

/** The validation worker while it follows the document (save requests are built from its copy: `document-worker/`). */
export function validationWorker(): Worker | null {
  return running;
}

/** Starts following the document; returns the stop function. */
export function startValidation(): () => void {
  const worker = createWorker();
  if (!worker) return startMainThreadValidation();
  running = worker;
  let seq = 0;
  const post = (request: ValidationRequest): void => worker.postMessage(request);
  const load = (): void => {
    const { doc, catalogs } = documentStore.getState();
    post({ kind: 'load', seq: ++seq, workflow: doc.workflow, catalogs });
    diagnosticsStore.setState({ pending: true });
  };
  worker.onmessage = (event: MessageEvent<ValidationReply>) => {
    publish(event.data.diagnostics, event.data.millis, event.data.seq !== seq);
  };
  worker.onerror = () => {
    // The worker could not run (a blocked script, say): check on this thread from now on.
    running = null;
    unsubscribe();
    worker.terminate();
    stopFallback = startMainThreadValidation();
  };
  let stopFallback: (() => void) | undefined;
  load();
  const unsubscribe = subscribePatches((patch) => {
    if (patch === null) load();
    else if (touchesWorkflow(patch)) {
      post({ kind: 'patch', seq: ++seq, patch });
      diagnosticsStore.setState({ pending: true });
    }
  });
  return () => {
    if (running === worker) running = null;
    unsubscribe();
    worker.terminate();
    stopFallback?.();
  };
}

function startMainThreadValidation(delayMs = 150): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let checked: Workflow | null = null;
  const schedule = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    diagnosticsStore.setState({ pending: true });
    timer = setTimeout(() => {
      timer = undefined;
      const { doc, catalogs } = documentStore.getState();
      if (checked === doc.workflow) return;
      checked = doc.workflow;
      runValidation(doc.workflow, catalogs);
    }, delayMs);
  };
  schedule();
  const unsubscribe = documentStore.subscribe((state, previous) => {
    if (state.doc.workflow !== previous.doc.workflow || state.catalogs !== previous.catalogs) schedule();
  });
  return () => {
    unsubscribe();
    if (timer !== undefined) clearTimeout(timer);
  };
}
