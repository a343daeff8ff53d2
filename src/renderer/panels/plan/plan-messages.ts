/** Messages between the page and the plan worker (`workers/plan.worker.ts`). */
import type { Diagnostic, WorkflowBundle } from '../../../shared/model';
import type { PlanReport } from '../../../shared/formats/plan-report';
import type { PlanOptions } from '../../../shared/plan';
import type { PlanViewModel } from '../../canvas/plan-view/plan-view-model';

export interface PlanRequest {
  id: number;
  bundle: WorkflowBundle;
  options: PlanOptions;
  /** Slots for the makespan estimate. */
  slots: number;
}

/** Progress: `step` of `total` done, named (a planner pass, then the report and the layout). */
export interface PlanProgress {
  id: number;
  type: 'progress';
  step: number;
  total: number;
  label: string;
}

export type PlanDone =
  | { id: number; type: 'done'; ok: true; view: PlanViewModel; report: PlanReport; diagnostics: Diagnostic[]; millis: number }
  | { id: number; type: 'done'; ok: false; diagnostics: Diagnostic[]; message?: string };

export type PlanReply = PlanProgress | PlanDone;
