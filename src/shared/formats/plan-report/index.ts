export { buildPlanReport, type PlanReport, type PlanReportOptions, type TransferTotals } from './report';
export { formatPlanSummary, formatBytes, formatDuration } from './summary';
export { listSchedule, type Schedule } from './makespan';
