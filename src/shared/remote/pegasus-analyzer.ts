import { checkAbsolutePath, firstProblem } from './pegasus-args';
import { isObject, numberField, objectField, parseFailure, parseJsonObject, stringField, type JsonObject, type ParseResult } from './pegasus-output';

/** `pegasus-analyzer -j -- SUBMIT_DIR` (JSON mode). */
export function buildAnalyzerCommand(submitDir: string): ParseResult<readonly string[]> {
  return firstProblem([checkAbsolutePath('the submit directory', submitDir)], () => ['pegasus-analyzer', '-j', '--', submitDir]);
}

/** One task (kickstart invocation) of a job, as the analyzer reports it. */
export interface AnalyzerTask {
  seq: number;
  exitCode?: number;
  executable?: string;
  arguments?: string;
  transformation?: string;
  abstractJobId?: string;
}

/** A failed or held job with what the scientist needs to see in its panel. */
export interface AnalyzerJob {
  /** DAG node name, e.g. `ls_ID0000001`. */
  name: string;
  kind: 'failed' | 'held' | 'other';
  /** `POST_SCRIPT_FAILURE`, `JOB_FAILURE`, `JOB_HELD`, …, as printed. */
  state?: string;
  site?: string;
  hostname?: string;
  workDir?: string;
  submitFile?: string;
  stdoutFile?: string;
  stderrFile?: string;
  /** Captured stdout; undefined when the analyzer printed `-` (nothing captured). */
  stdout?: string;
  stderr?: string;
  /** The first non-zero task exit code, else the first task's exit code. */
  exitCode?: number;
  /** Held jobs: HTCondor's hold reason. */
  reason?: string;
  /** For a sub-workflow job: where to run the analyzer next. */
  subWorkflowDir?: string;
  tasks: AnalyzerTask[];
}

export interface AnalyzerWorkflow {
  /** `root` or a sub-workflow key. */
  key: string;
  wfName?: string;
  wfUuid?: string;
  /** `success`, `failure`, `running`, … as printed. */
  status?: string;
  total: number;
  succeeded: number;
  failed: number;
  held: number;
  unsubmitted: number;
  jobs: AnalyzerJob[];
}

export interface AnalyzerReport {
  rootWfUuid?: string;
  submitDirectory?: string;
  workflows: AnalyzerWorkflow[];
}

/**
 * Parses `pegasus-analyzer -j` output (sample-outputs.md §4a). Log warnings before the JSON are
 * skipped (PARSING.md §1). Failed jobs come from `failed_jobs_details`, held ones from
 * `held_jobs_details`; any `*_FAILURE`/`*_FAILED` state counts as failed (PARSING.md §4).
 */
export function parseAnalyzerJson(stdout: string): ParseResult<AnalyzerReport> {
  const expected = 'the JSON object pegasus-analyzer -j prints ({"workflows": {"root": …}})';
  const parsed = parseJsonObject(stdout, 'pegasus-analyzer', expected);
  if (!parsed.ok) return parsed;
  const object = parsed.value;
  if (!isObject(object.workflows)) return parseFailure('pegasus-analyzer', expected, stdout);
  const workflows: AnalyzerWorkflow[] = [];
  for (const [key, value] of Object.entries(object.workflows)) {
    if (isObject(value)) workflows.push(workflowOf(key, value));
  }
  return {
    ok: true,
    value: { rootWfUuid: stringField(object, 'root_wf_uuid'), submitDirectory: stringField(object, 'submit_directory'), workflows },
  };
}

function workflowOf(key: string, object: JsonObject): AnalyzerWorkflow {
  const jobs = objectField(object, 'jobs');
  const details = objectField(jobs, 'job_details');
  const found: AnalyzerJob[] = [];
  for (const [group, entries] of Object.entries(details)) {
    if (!isObject(entries)) continue;
    const kind = group.startsWith('failed') ? 'failed' : group.startsWith('held') ? 'held' : 'other';
    for (const [name, job] of Object.entries(entries)) if (isObject(job)) found.push(jobOf(name, job, kind));
  }
  return {
    key,
    wfName: stringField(object, 'wf_name'),
    wfUuid: stringField(object, 'wf_uuid'),
    status: stringField(object, 'wf_status'),
    total: numberField(jobs, 'total') ?? 0,
    succeeded: numberField(jobs, 'success') ?? 0,
    failed: numberField(jobs, 'failed') ?? 0,
    held: numberField(jobs, 'held') ?? 0,
    unsubmitted: numberField(jobs, 'unsubmitted') ?? 0,
    jobs: found,
  };
}

function jobOf(name: string, job: JsonObject, group: AnalyzerJob['kind']): AnalyzerJob {
  const state = stringField(job, 'state');
  const kind = group === 'other' && state !== undefined && /_(FAILURE|FAILED)$/.test(state) ? 'failed' : group;
  const tasks: AnalyzerTask[] = Object.entries(objectField(job, 'tasks'))
    .filter((entry): entry is [string, JsonObject] => isObject(entry[1]))
    .map(([seq, task]) => ({
      seq: numberField(task, 'task_submit_seq') ?? Number(seq),
      exitCode: numberField(task, 'exitcode'),
      executable: stringField(task, 'executable'),
      arguments: stringField(task, 'arguments'),
      transformation: stringField(task, 'transformation'),
      abstractJobId: stringField(task, 'abs_task_id'),
    }))
    .sort((a, b) => a.seq - b.seq);
  const failing = tasks.find((task) => task.exitCode !== undefined && task.exitCode !== 0) ?? tasks[0];
  const subwf = stringField(job, 'subwf_dir');
  return {
    name: stringField(job, 'job_name') ?? name,
    kind,
    state,
    site: stringField(job, 'site'),
    hostname: stringField(job, 'hostname'),
    workDir: stringField(job, 'work_dir'),
    submitFile: stringField(job, 'submit_file'),
    stdoutFile: stringField(job, 'stdout_file'),
    stderrFile: stringField(job, 'stderr_file'),
    stdout: captured(stringField(job, 'stdout_text')),
    stderr: captured(stringField(job, 'stderr_text')),
    exitCode: failing?.exitCode,
    reason: stringField(job, 'reason') ?? stringField(job, 'hold_reason'),
    subWorkflowDir: subwf === undefined || subwf === '-' ? undefined : subwf,
    tasks,
  };
}

/** The analyzer prints `-` for "nothing captured". */
function captured(text: string | undefined): string | undefined {
  return text === undefined || text === '-' ? undefined : text;
}
