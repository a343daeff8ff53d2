export { plan, PLAN_PASSES, type PlanHooks, type PlanPass } from './plan';
export { computeJobName } from './site-selection';
export { PLAN_CODES } from './diagnostics';
export type {
  CleanupMode,
  ClusterStyle,
  DataConfiguration,
  ExecutableWorkflow,
  FileTransfer,
  PlanJob,
  PlanJobKind,
  PlanOptions,
  Registration,
  ResolvedPlanOptions,
  TransferEnd,
} from './types';
export { JOB_CLASS } from './types';
