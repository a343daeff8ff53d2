/** The local executor's public API (see CONTEXT.md). */
export { startLocalRun, LocalRun, type LocalRunOptions, type LocalRunDeps, type JobEvent, type LocalRunEvents, type StartResult, type BundleLoader } from './local-run';
export { openRun, listRuns, defaultRunsRoot, type OpenedRun } from './run-store';
export { readJobLog, type LogTail } from './job-logs';
export { LocalRunService, type RunUpdate, type RunSummary, type StartRunAnswer, type LocalRunServiceOptions } from './run-service';
