import type { ExecutableWorkflow, PlanJob, PlanJobKind } from '../../plan/types';
import { depthOrder } from '../../plan/graph-utils';
import { listSchedule } from './makespan';

/** Options of the plan report. */
export interface PlanReportOptions {
  /** Slots (cores, condor slots) for the makespan estimate. Default 1. */
  slots?: number;
  /** Seconds a compute job takes when it has no `runtime` profile. Default 60. */
  defaultRuntime?: number;
  /** Seconds an auxiliary job (transfer, create-dir, cleanup, registration) takes. Default 10. */
  auxiliaryRuntime?: number;
}

/** Totals of one kind of transfer. */
export interface TransferTotals {
  jobs: number;
  files: number;
  /** Bytes of the files whose size is known. */
  bytes: number;
  /** Files whose size is not known (no `uses[].size`, no replica `size` metadata). */
  unknownSizes: number;
}

/** What `plan.json` holds, and the human summary shows. */
export interface PlanReport {
  workflow: string;
  index: number;
  relativeDir: string;
  options: ExecutableWorkflow['options'];
  jobs: number;
  edges: number;
  jobsByKind: Partial<Record<PlanJobKind, number>>;
  /** Abstract jobs pruned by data reuse. */
  prunedJobs: number;
  /** Levels of the executable workflow (longest distance from a root, plus one). */
  levels: number;
  /** The most jobs on one level, and which level (0-based). */
  width: { jobs: number; level: number };
  criticalPath: { seconds: number; jobs: string[] };
  transfers: { stageIn: TransferTotals; interSite: TransferTotals; stageOut: TransferTotals };
  makespan: {
    slots: number;
    seconds: number;
    defaultRuntime: number;
    auxiliaryRuntime: number;
    jobsWithoutRuntime: number;
  };
}

const AUXILIARY = new Set<PlanJobKind>([
  'stage-in',
  'inter-site',
  'stage-out',
  'registration',
  'create-dir',
  'stage-worker',
  'cleanup',
  'leaf-cleanup',
  'noop',
]);

/**
 * The plan report: jobs by kind, levels and width, the runtime-weighted critical path,
 * transfers and their bytes where sizes are known, and a list-scheduling makespan estimate on
 * `slots` slots. Runtimes come from the pegasus `runtime` profile; jobs without one count as
 * `defaultRuntime` (compute) or `auxiliaryRuntime` (auxiliary) seconds, and the report says
 * how many did. Cost: O((jobs + edges) log jobs).
 */
export function buildPlanReport(workflow: ExecutableWorkflow, options: PlanReportOptions = {}): PlanReport {
  const slots = Math.max(1, Math.floor(options.slots ?? 1));
  const defaultRuntime = options.defaultRuntime ?? 60;
  const auxiliaryRuntime = options.auxiliaryRuntime ?? 10;
  const jobs = workflow.jobs;
  const graph = workflow.graph;

  const jobsByKind: Partial<Record<PlanJobKind, number>> = {};
  const runtime = new Float64Array(jobs.length);
  let jobsWithoutRuntime = 0;
  jobs.forEach((job, v) => {
    jobsByKind[job.kind] = (jobsByKind[job.kind] ?? 0) + 1;
    if (job.runtime !== undefined) runtime[v] = job.runtime;
    else if (AUXILIARY.has(job.kind)) runtime[v] = auxiliaryRuntime;
    else {
      runtime[v] = defaultRuntime * Math.max(1, job.tasks.length);
      jobsWithoutRuntime++;
    }
  });

  let maxDepth = 0;
  const perDepth = new Map<number, number>();
  for (const job of jobs) {
    const d = job.depth ?? 0;
    maxDepth = Math.max(maxDepth, d);
    perDepth.set(d, (perDepth.get(d) ?? 0) + 1);
  }
  let width = { jobs: 0, level: 0 };
  for (const [level, count] of perDepth)
    if (count > width.jobs || (count === width.jobs && level < width.level)) width = { jobs: count, level };

  const order = depthOrder(jobs);
  const schedule = listSchedule(graph, order, runtime, slots);

  return {
    workflow: workflow.name,
    index: workflow.index,
    relativeDir: workflow.relativeDir,
    options: workflow.options,
    jobs: jobs.length,
    edges: graph.offsets[graph.nodeCount]!,
    jobsByKind,
    prunedJobs: workflow.prunedJobs.length,
    levels: jobs.length === 0 ? 0 : maxDepth + 1,
    width,
    criticalPath: {
      seconds: schedule.criticalPath.seconds,
      jobs: schedule.criticalPath.nodes.map((v) => jobs[v]!.name),
    },
    transfers: {
      stageIn: totals(jobs, (job) => job.kind === 'stage-in' || job.kind === 'stage-worker'),
      interSite: totals(jobs, (job) => job.kind === 'inter-site'),
      stageOut: totals(jobs, (job) => job.kind === 'stage-out'),
    },
    makespan: { slots, seconds: schedule.makespan, defaultRuntime, auxiliaryRuntime, jobsWithoutRuntime },
  };
}

function totals(jobs: readonly PlanJob[], pick: (job: PlanJob) => boolean): TransferTotals {
  const result: TransferTotals = { jobs: 0, files: 0, bytes: 0, unknownSizes: 0 };
  for (const job of jobs) {
    if (!pick(job)) continue;
    result.jobs++;
    for (const transfer of job.transfers ?? []) {
      result.files++;
      if (transfer.bytes === undefined) result.unknownSizes++;
      else result.bytes += transfer.bytes;
    }
  }
  return result;
}
