import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { buildAnalyzerCommand, parseAnalyzerJson, type AnalyzerJob, type AnalyzerReport } from '../../../shared/remote/pegasus-analyzer';
import { buildRemoveCommand, parseRemoveOutput } from '../../../shared/remote/pegasus-remove';
import { buildRunCommand, parseRunOutput } from '../../../shared/remote/pegasus-run';
import { buildListFilesCommand, parseFileList } from '../../../shared/remote/pegasus-run-folder';
import { buildStatisticsCommand, parseStatisticsText, type StatisticsSummary } from '../../../shared/remote/pegasus-statistics';
import { abstractJobIdOf, type RemoteRunRecord } from '../../../shared/run/remote-run';
import type { JobState } from '../../../shared/run/run-state';
import type { RunStore } from './run-store';
import { parsed, runTool, toolFailure } from './run-tool';
import { SubmitError } from './submit-error';
import type { SubmitHost } from './submit-host';

function submitDirOf(record: RemoteRunRecord): string {
  if (record.submitDir === undefined) throw new SubmitError('NOT_PLANNED', `run ${record.id} has no submit directory yet (stage: ${record.stage})`);
  return record.submitDir;
}

/** A failed or held job as the job panel shows it, tied back to its canvas node. */
export interface JobDiagnosis extends AnalyzerJob {
  /** The abstract job id (canvas node), when the DAG node is a compute job. */
  jobId?: string;
}

export interface RunAnalysis {
  report: AnalyzerReport;
  /** Failed and held jobs of every workflow in the report. */
  jobs: JobDiagnosis[];
}

/**
 * `pegasus-analyzer -j`: each failed job's exit code, stdout and stderr, and each held job's
 * reason. The analyzer exits non-zero when it found failures, so its JSON is read whatever
 * the exit code; only a run without readable JSON and a non-zero exit is a tool failure.
 */
export async function analyzeRun(host: SubmitHost, record: RemoteRunRecord): Promise<RunAnalysis> {
  const argv = buildAnalyzerCommand(submitDirOf(record));
  const result = await runTool(host, argv);
  const report = parseAnalyzerJson(result.stdout);
  if (!report.ok && result.exitCode !== 0) throw toolFailure(argv, result);
  const value = parsed(report);
  const ids = new Set(record.workflow.jobIds);
  const jobs = value.workflows.flatMap((workflow) => workflow.jobs).map((job) => {
    const jobId = job.tasks.find((task) => task.abstractJobId !== undefined && ids.has(task.abstractJobId))?.abstractJobId ?? abstractJobIdOf(job.name, ids);
    return jobId === undefined ? job : { ...job, jobId };
  });
  return { report: value, jobs };
}

/** `pegasus-remove`: stops the run (condor_rm of its DAGMan job). The record notes it. */
export async function removeRun(host: SubmitHost, record: RemoteRunRecord, store: RunStore): Promise<string> {
  const result = await runTool(host, buildRemoveCommand(submitDirOf(record)));
  const outcome = parseRemoveOutput(result.exitCode, result.stdout, result.stderr);
  if (!outcome.ok) throw new SubmitError('TOOL_FAILED', outcome.error);
  record.removed = true;
  record.state = 'cancelling';
  record.updatedAt = new Date().toISOString();
  await store.save(record);
  return outcome.value.message;
}

/**
 * `pegasus-run`: resubmits a failed or removed run; DAGMan runs the rescue DAG, so jobs that
 * succeeded are not run again. The record goes back to `running` for the watch.
 */
export async function rerunRun(host: SubmitHost, record: RemoteRunRecord, store: RunStore): Promise<RemoteRunRecord> {
  const argv = buildRunCommand(submitDirOf(record));
  const result = await runTool(host, argv);
  if (result.exitCode !== 0) throw toolFailure(argv, result);
  parsed(parseRunOutput(result.stdout, result.stderr));
  record.reruns += 1;
  record.removed = false;
  record.state = 'running';
  delete record.error;
  record.updatedAt = new Date().toISOString();
  await store.save(record);
  return record;
}

/** One bar of the runtime chart. */
export interface JobRuntime {
  node: string;
  jobId?: string;
  state: JobState;
  /** Seconds from EXECUTE to JOB_TERMINATED of the last try. */
  runtime: number;
}

export interface RunStatistics {
  summary: StatisticsSummary;
  /** Per-job runtimes from jobstate.log, longest first. */
  runtimes: JobRuntime[];
}

/** `pegasus-statistics -s all`, plus per-job runtimes from what the watch read in jobstate.log. */
export async function statisticsOfRun(host: SubmitHost, record: RemoteRunRecord): Promise<RunStatistics> {
  const argv = buildStatisticsCommand(submitDirOf(record));
  const result = await runTool(host, argv);
  if (result.exitCode !== 0) throw toolFailure(argv, result);
  const summary = parsed(parseStatisticsText(result.stdout));
  const runtimes = Object.entries(record.jobs)
    .filter(([, job]) => job.runtime !== undefined)
    .map(([node, job]) => ({ node, state: job.state, runtime: job.runtime ?? 0, ...(job.jobId === undefined ? {} : { jobId: job.jobId }) }))
    .sort((a, b) => b.runtime - a.runtime || a.node.localeCompare(b.node));
  return { summary, runtimes };
}

/**
 * Downloads the outputs staged to the submit host (the run's output directory) into
 * `localDir`, keeping their relative paths. Returns the relative paths downloaded.
 */
export async function fetchOutputs(host: SubmitHost, record: RemoteRunRecord, localDir: string): Promise<string[]> {
  const outputDir = record.outputDir;
  if (outputDir === undefined) {
    throw new SubmitError('NOT_PLANNED', `run ${record.id} stages its outputs to ${record.planOptions.outputSites?.join(', ') ?? 'its output site'}, not to the submit host`);
  }
  const argv = buildListFilesCommand(outputDir);
  const result = await runTool(host, argv);
  if (result.exitCode !== 0) {
    if ((await host.sftp.stat(outputDir)) === undefined) return [];
    throw toolFailure(argv, result);
  }
  const files = parseFileList(result.stdout, outputDir);
  const root = path.resolve(localDir);
  for (const file of files) {
    const target = path.resolve(root, file);
    if (!target.startsWith(`${root}${path.sep}`)) continue;
    await mkdir(path.dirname(target), { recursive: true });
    await host.sftp.download(`${outputDir}/${file}`, target);
  }
  return files;
}
