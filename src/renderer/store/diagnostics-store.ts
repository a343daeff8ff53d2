/**
 * Diagnostics of the open document, kept up to date after every edit by the core's
 * incremental validator (`shared/incremental`). It runs in a worker that follows the
 * document by its patches (see `validation/validation.worker.ts`): a load checks
 * everything, an edit re-runs only the rules it touched and comes back as a delta (keys of
 * the diagnostics gone, the new ones), which is applied here so that only what changed is
 * updated. Moves, which do not change the workflow, are not sent at all. Where no worker
 * can be made, the same session runs on this thread. Each diagnostic is also counted on
 * the canvas node it points at, for the badges.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { changesWorkflow, fileKey, jobKey } from '../../shared/edit';
import { type DiagnosticsDelta, type KeyedDiagnostic, applyDelta } from '../../shared/incremental';
import type { Diagnostic } from '../../shared/model';
import type { Badge } from '../canvas/node-types';
import {
  type ValidationReply,
  type ValidationRequest,
  ValidationSession,
  combineReplies,
  loadFromText,
} from '../validation/validation-session';
import { documentStore, subscribePatches } from './document-store';
import { registerDocumentWorker } from '../document-worker/worker-registry';
import { takeWireText } from '../api/wire-text';

export interface DiagnosticsState {
  /** Every diagnostic, in the canonical order of `compareDiagnostics` (errors first, then by code and message). */
  diagnostics: Diagnostic[];
  /** The stable key of each diagnostic (same index as `diagnostics`): it stays while the diagnostic does. */
  keys: string[];
  errors: number;
  warnings: number;
  /** Node key → counts, for badges. */
  badges: ReadonlyMap<string, Badge>;
  /**
   * Node keys whose badge changed (appeared, went, or changed counts) in the last update,
   * so the canvas can update only those nodes. `null` means any badge may have changed
   * (a document was loaded or checked from scratch): look at all of `badges`.
   */
  changedBadgeKeys: ReadonlySet<string> | null;
  /** True while an edit has not been checked yet. */
  pending: boolean;
  /** Time the last check took (ms), shown in the panel's tooltip. */
  millis: number;
}

export const diagnosticsStore = createStore<DiagnosticsState>(() => ({
  diagnostics: [],
  keys: [],
  errors: 0,
  warnings: 0,
  badges: new Map(),
  changedBadgeKeys: null,
  pending: false,
  millis: 0,
}));

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

/** The list the store holds, in canonical order, with keys (the state's arrays are derived from it). */
let entries: KeyedDiagnostic[] = [];

function countSeverities(list: readonly KeyedDiagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const { diagnostic } of list) {
    if (diagnostic.severity === 'error') errors++;
    else if (diagnostic.severity === 'warning') warnings++;
  }
  return { errors, warnings };
}

/** Adds `by` (±1) of one diagnostic to the badge of its node; `badges` is a private copy. */
function count(badges: Map<string, Badge>, diagnostic: Diagnostic, by: 1 | -1, changed?: Set<string>): void {
  const key = diagnosticNodeKey(diagnostic);
  if (!key || diagnostic.severity === 'info') return;
  const old = badges.get(key);
  // A new object for a changed badge: the canvas compares badges by identity.
  const badge: Badge = { errors: old?.errors ?? 0, warnings: old?.warnings ?? 0 };
  if (diagnostic.severity === 'error') badge.errors += by;
  else badge.warnings += by;
  if (badge.errors <= 0 && badge.warnings <= 0) badges.delete(key);
  else badges.set(key, badge);
  changed?.add(key);
}

function publishAll(list: KeyedDiagnostic[], millis: number, pending: boolean): void {
  entries = list;
  const badges = new Map<string, Badge>();
  for (const { diagnostic } of list) count(badges, diagnostic, 1);
  diagnosticsStore.setState({
    diagnostics: list.map((entry) => entry.diagnostic),
    keys: list.map((entry) => entry.key),
    ...countSeverities(list),
    badges,
    changedBadgeKeys: null,
    millis,
    pending,
  });
}

/** Applies a delta: O(diagnostics) to rebuild the two arrays, O(changes) for counts and badges. */
function publishDelta(delta: DiagnosticsDelta, millis: number, pending: boolean): void {
  if (delta.removed.length === 0 && delta.added.length === 0) {
    diagnosticsStore.setState({ millis, pending });
    return;
  }
  const { list, removed } = applyDelta(entries, delta);
  entries = list;
  const state = diagnosticsStore.getState();
  const badges = new Map(state.badges);
  const changed = new Set<string>();
  let { errors, warnings } = state;
  for (const { diagnostic } of removed) {
    count(badges, diagnostic, -1, changed);
    if (diagnostic.severity === 'error') errors--;
    else if (diagnostic.severity === 'warning') warnings--;
  }
  for (const { diagnostic } of delta.added) {
    count(badges, diagnostic, 1, changed);
    if (diagnostic.severity === 'error') errors++;
    else if (diagnostic.severity === 'warning') warnings++;
  }
  diagnosticsStore.setState({
    diagnostics: list.map((entry) => entry.diagnostic),
    keys: list.map((entry) => entry.key),
    errors,
    warnings,
    badges,
    changedBadgeKeys: changed,
    millis,
    pending,
  });
}

/** Where requests go and replies come from: the worker, or a session on this thread. */
interface Channel {
  post(request: ValidationRequest): void;
  stop(): void;
  /** The requests go to a worker (where parsing a load's text costs the page nothing). */
  inWorker: boolean;
}

/**
 * The part of the DOM's `Worker` used here, declared in this module so that the store
 * type-checks without DOM types too (the unit tests run it in Node, which has no Worker and
 * so takes the main-thread path). At run time the name is the page's global `Worker`.
 */
interface ValidationWorker {
  onmessage: ((event: { data: ValidationReply }) => void) | null;
  onerror: (() => void) | null;
  postMessage(message: ValidationRequest): void;
  terminate(): void;
}
declare const Worker: new (url: URL, options: { type: 'module'; name: string }) => ValidationWorker;

function workerChannel(onReply: (reply: ValidationReply) => void, onFailure: () => void): Channel | null {
  let worker: ValidationWorker;
  try {
    worker = new Worker(new URL('../validation/validation.worker.ts', import.meta.url), {
      type: 'module',
      name: 'validation',
    });
  } catch {
    return null;
  }
  registerDocumentWorker(worker); // Save requests are written by this worker too (document-worker/).
  worker.onmessage = (event) => onReply(event.data);
  // The worker could not run (a blocked script, say): check on this thread from now on.
  worker.onerror = () => onFailure();
  return { post: (request) => worker.postMessage(request), stop: () => worker.terminate(), inWorker: true };
}

function loadInSession(
  session: ValidationSession,
  request: Extract<ValidationRequest, { kind: 'load' }>,
): ValidationReply | undefined {
  return session.load(request.seq, request.workflow, request.catalogs);
}

/** The same session on this thread; replies come in a later task, so a burst of edits is answered once. */
function mainThreadChannel(onReply: (reply: ValidationReply) => void): Channel {
  const session = new ValidationSession();
  let waiting: ValidationReply | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    post(request) {
      const reply =
        request.kind === 'load' || request.kind === 'loadText'
          ? loadInSession(session, request.kind === 'load' ? request : loadFromText(request))
          : session.patch(request.seq, request.patch);
      if (!reply) return;
      waiting = waiting ? combineReplies(waiting, reply) : reply;
      timer ??= setTimeout(() => {
        timer = undefined;
        const next = waiting;
        waiting = undefined;
        if (next) onReply(next);
      }, 0);
    },
    stop() {
      if (timer !== undefined) clearTimeout(timer);
    },
    inWorker: false,
  };
}

/** The page's `requestIdleCallback` where there is one (not in Node, where the store is tested). */
declare const requestIdleCallback: ((callback: () => void, options: { timeout: number }) => number) | undefined;

/** Runs `task` when the thread is idle (at the latest after a second), or in the next task. */
function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 1000 });
  else setTimeout(task, 0);
}

/** Starts following the document; returns the stop function. */
export function startValidation(): () => void {
  let seq = 0;
  const onReply = (reply: ValidationReply): void => {
    const pending = reply.seq !== seq;
    if (reply.kind === 'reset') {
      publishAll(reply.diagnostics, reply.millis, pending);
      // The session lost the document after a failed edit: send it again.
      if (reply.failed) load();
    } else publishDelta(reply.delta, reply.millis, pending);
  };
  const load = (): void => {
    const { doc, catalogs } = documentStore.getState();
    // The worker parses the JSON the document arrived in (browser mode) rather than the page
    // copying 10^5 jobs into it; after an edit, or without that text, the workflow itself goes.
    const wire = channel.inWorker ? takeWireText(doc.workflow) : undefined;
    const edits = folded > 0 ? { folded } : {};
    folded = 0;
    channel.post(
      wire
        ? { kind: 'loadText', seq: ++seq, text: wire.text, path: wire.path, catalogs, ...edits }
        : { kind: 'load', seq: ++seq, workflow: doc.workflow, catalogs, ...edits },
    );
    diagnosticsStore.setState({ pending: true });
  };
  // A new document goes to the worker when the page is next idle (while the layout worker
  // runs, for a large one): copying 10^5 jobs into the worker takes hundreds of milliseconds
  // that the first picture need not wait for. Edits until then are in the document it reads.
  let loadWaiting = false;
  /** Workflow edits made while the load waited: in the document it sends, counted for the save path. */
  let folded = 0;
  const scheduleLoad = (): void => {
    folded = 0;
    diagnosticsStore.setState({ pending: true });
    if (loadWaiting) return;
    loadWaiting = true;
    whenIdle(() => {
      loadWaiting = false;
      load();
    });
  };
  let channel: Channel =
    workerChannel(onReply, () => {
      channel.stop();
      channel = mainThreadChannel(onReply);
      load();
    }) ?? mainThreadChannel(onReply);
  scheduleLoad();
  const unsubscribe = subscribePatches((patch) => {
    if (patch === null) scheduleLoad();
    else if (loadWaiting) {
      if (changesWorkflow(patch)) folded++;
    } else if (changesWorkflow(patch)) {
      channel.post({ kind: 'patch', seq: ++seq, patch });
      diagnosticsStore.setState({ pending: true });
    }
  });
  return () => {
    unsubscribe();
    channel.stop();
  };
}
