/// <reference lib="webworker" />
/**
 * The plan worker: runs the planner (`src/shared/plan`, pure), the plan report and the layout
 * of the executable workflow off the page's thread, reporting each step, so that planning a
 * 10,000-job workflow never blocks input. One request in, one view out (typed arrays
 * transferred, not copied).
 */
import { buildPlanReport } from '../../shared/formats/plan-report';
import { PLAN_PASSES, plan } from '../../shared/plan';
import { buildPlanView } from '../canvas/plan-view/plan-view-model';
import type { PlanDone, PlanProgress, PlanRequest } from '../panels/plan/plan-messages';

const scope = self as unknown as DedicatedWorkerGlobalScope;

/** Planner passes, then the report, then the layout. */
const TOTAL = PLAN_PASSES.length + 2;

scope.onmessage = (event: MessageEvent<PlanRequest>) => {
  const { id, bundle, options, slots } = event.data;
  const started = performance.now();
  const progress = (step: number, label: string): void => {
    const message: PlanProgress = { id, type: 'progress', step, total: TOTAL, label };
    scope.postMessage(message);
  };
  try {
    const result = plan(bundle, options, { onPass: (pass, index) => progress(index, pass) });
    if (!result.ok) {
      const reply: PlanDone = { id, type: 'done', ok: false, diagnostics: result.diagnostics };
      scope.postMessage(reply);
      return;
    }
    const report = buildPlanReport(result.value, { slots });
    progress(PLAN_PASSES.length + 1, 'report');
    const view = buildPlanView(result.value);
    progress(TOTAL, 'layout');
    const reply: PlanDone = { id, type: 'done', ok: true, view, report, diagnostics: result.diagnostics, millis: performance.now() - started };
    scope.postMessage(reply, [view.sources.buffer, view.targets.buffer, view.positions.buffer]);
  } catch (error) {
    // The planner returns diagnostics; an exception here is a bug, shown rather than swallowed.
    const reply: PlanDone = { id, type: 'done', ok: false, diagnostics: [], message: error instanceof Error ? error.message : String(error) };
    scope.postMessage(reply);
  }
};
