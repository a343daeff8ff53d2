/**
 * The Plan view's state: whether it is on, the plan options of the document (kept in its
 * sidecar `NAME.canvas.json` under `plan`), and the last plan made in the worker with its
 * progress, report and diagnostics. Planning follows the document: while the view is on, an
 * edit or an option change plans again (a plan still running is abandoned).
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { PlanReport } from '../../../shared/formats/plan-report';
import type { Diagnostic } from '../../../shared/model';
import type { PlanViewModel } from '../../canvas/plan-view/plan-view-model';
import { documentStore } from '../../store/document-store';
import { type PlanFormOptions, DEFAULT_PLAN_FORM, parsePlanSidecar, toPlanOptions } from './plan-options';
import type { PlanReply, PlanRequest } from './plan-messages';

export interface PlanUiState {
  planView: boolean;
  options: PlanFormOptions;
  status: 'idle' | 'planning' | 'done' | 'failed';
  progress: { step: number; total: number; label: string } | null;
  view: PlanViewModel | null;
  report: PlanReport | null;
  diagnostics: Diagnostic[];
  /** An unexpected failure of the worker. */
  message: string | null;
  millis: number | null;
  /** Document revision the shown plan was made from. */
  revision: number;
}

export const planStore = createStore<PlanUiState>(() => ({
  planView: false,
  options: DEFAULT_PLAN_FORM,
  status: 'idle',
  progress: null,
  view: null,
  report: null,
  diagnostics: [],
  message: null,
  millis: null,
  revision: -1,
}));

export function usePlan<T>(selector: (state: PlanUiState) => T): T {
  return useStore(planStore, selector);
}

let worker: Worker | null = null;
let busy = false;
let nextId = 1;
let currentId = 0;

function getWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('../../workers/plan.worker.ts', import.meta.url), { type: 'module', name: 'plan' });
  worker.onmessage = (event: MessageEvent<PlanReply>) => {
    const reply = event.data;
    if (reply.id !== currentId) return;
    if (reply.type === 'progress') {
      planStore.setState({ progress: { step: reply.step, total: reply.total, label: reply.label } });
      return;
    }
    busy = false;
    if (reply.ok) planStore.setState({ status: 'done', progress: null, view: reply.view, report: reply.report, diagnostics: reply.diagnostics, message: null, millis: reply.millis });
    else planStore.setState({ status: 'failed', progress: null, view: null, report: null, diagnostics: reply.diagnostics, message: reply.message ?? null, millis: null });
  };
  worker.onerror = (event) => {
    busy = false;
    planStore.setState({ status: 'failed', progress: null, message: event.message || 'the plan worker failed' });
    worker?.terminate();
    worker = null;
  };
  return worker;
}

/** Plans the document as it is now, in the worker. */
function planNow(): void {
  if (busy && worker) {
    // The planner cannot be interrupted inside a pass: drop the worker and start a fresh one.
    worker.terminate();
    worker = null;
  }
  const { doc, catalogs, revision } = documentStore.getState();
  const { options } = planStore.getState();
  const id = nextId++;
  currentId = id;
  busy = true;
  planStore.setState({ status: 'planning', progress: { step: 0, total: 1, label: 'starting' }, revision });
  const request: PlanRequest = { id, bundle: { workflow: doc.workflow, catalogs }, options: toPlanOptions(options), slots: options.slots };
  getWorker().postMessage(request);
}

let timer: ReturnType<typeof setTimeout> | undefined;

function planSoon(): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = undefined;
    if (planStore.getState().planView) planNow();
  }, 250);
}

export function setPlanView(on: boolean): void {
  planStore.setState({ planView: on });
  if (on && planStore.getState().revision !== documentStore.getState().revision) planNow();
  else if (on && planStore.getState().status === 'idle') planNow();
}

export function togglePlanView(): void {
  setPlanView(!planStore.getState().planView);
}

/** Changes options and plans again. Marks nothing dirty: the options are saved with the layout. */
export function setPlanOptions(patch: Partial<PlanFormOptions>): void {
  planStore.setState((s) => ({ options: { ...s.options, ...patch } }));
  planSoon();
}

/** The `plan` section of the sidecar, written on save. */
export function planSidecarSection(): { plan: PlanFormOptions } {
  return { plan: planStore.getState().options };
}

/** Takes the options of a document's sidecar (defaults when it has none). */
export function readPlanSidecar(layout: unknown): void {
  const section = layout && typeof layout === 'object' ? (layout as { plan?: unknown }).plan : undefined;
  planStore.setState({ options: parsePlanSidecar(section), revision: -1, status: 'idle', view: null, report: null, diagnostics: [] });
  if (planStore.getState().planView) planSoon();
}

/** Plans again after each edit while the view is on; returns the stop function. */
export function startPlanFollowing(): () => void {
  let revision = documentStore.getState().revision;
  let loadCount = documentStore.getState().loadCount;
  return documentStore.subscribe((state) => {
    // Another document: its own options (an opened file's sidecar sets them right after).
    if (state.loadCount !== loadCount) {
      loadCount = state.loadCount;
      readPlanSidecar(null);
    }
    if (state.revision === revision) return;
    revision = state.revision;
    if (planStore.getState().planView) planSoon();
  });
}
