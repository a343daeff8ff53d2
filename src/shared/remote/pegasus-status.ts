import { checkAbsolutePath, firstProblem } from './pegasus-args';
import { isObject, numberField, objectField, parseFailure, parseJsonObject, stringField, type JsonObject, type ParseResult } from './pegasus-output';

/** `pegasus-status -j -- SUBMIT_DIR` (JSON mode; the text layouts change between versions). */
export function buildStatusCommand(submitDir: string): ParseResult<readonly string[]> {
  return firstProblem([checkAbsolutePath('the submit directory', submitDir)], () => ['pegasus-status', '-j', '--', submitDir]);
}

/** DAGMan's node counts for one DAG or for all of them (the `totals` of `-j`). */
export interface DagCounts {
  unready: number;
  ready: number;
  pre: number;
  queued: number;
  post: number;
  succeeded: number;
  failed: number;
  /** 0–100, as pegasus-status computes it (succeeded / total). */
  percentDone: number;
  total: number;
}

/** The state pegasus-status gives a DAG; an unreported state means Running (PARSING.md §1). */
export type DagState = 'Running' | 'Success' | 'Failure';

export interface DagStatus extends DagCounts {
  /** `root` or the sub-workflow's key. */
  key: string;
  dagName?: string;
  state: DagState;
}

/** How HTCondor sees one queued job (`condor_q` classad, summarised). */
export type CondorJobStatus = 'idle' | 'running' | 'removed' | 'completed' | 'held' | 'transferring' | 'suspended' | 'unknown';

export interface CondorJob {
  clusterId?: number;
  /** The DAG node name (`pegasus_wf_dag_job_id`); absent for the DAGMan job itself. */
  dagJobId?: string;
  /** The abstract workflow job id (`pegasus_wf_dax_job_id`), when HTCondor has it. */
  daxJobId?: string;
  status: CondorJobStatus;
  site?: string;
  holdReason?: string;
  /** Epoch seconds when the job entered its current status. */
  enteredCurrentStatus?: number;
  transformation?: string;
}

export interface StatusReport {
  totals: DagCounts;
  /** `root` first, then the sub-workflows in the order printed. */
  dags: DagStatus[];
  /** Every job in the HTCondor queue for this workflow (empty when nothing is queued). */
  condorJobs: CondorJob[];
  /** The root DAG's state: the workflow's state. */
  state: DagState;
}

const COUNT_KEYS = ['unready', 'ready', 'pre', 'queued', 'post', 'succeeded', 'failed', 'total'] as const;

/**
 * Parses `pegasus-status -j` output: `{totals, dags:{root,…}, condor_jobs?}` (PARSING.md §1,
 * sample-outputs.md §3c). Anything else is an error naming what was expected. Linear in the
 * output size.
 */
export function parseStatusJson(stdout: string): ParseResult<StatusReport> {
  const expected = 'the JSON object pegasus-status -j prints ({"totals": …, "dags": …})';
  const parsed = parseJsonObject(stdout, 'pegasus-status', expected);
  if (!parsed.ok) return parsed;
  const object = parsed.value;
  if (!isObject(object.totals) || !isObject(object.dags)) return parseFailure('pegasus-status', expected, stdout);
  const totals = countsOf(object.totals);
  if (totals === undefined) return parseFailure('pegasus-status', `${expected} with numeric totals`, stdout);
  const dags: DagStatus[] = [];
  for (const [key, value] of Object.entries(object.dags)) {
    if (!isObject(value)) continue;
    const counts = countsOf(value);
    if (counts === undefined) return parseFailure('pegasus-status', `numeric counts for DAG '${key}'`, JSON.stringify(value));
    dags.push({ key, dagName: stringField(value, 'dagname'), state: dagState(stringField(value, 'state')), ...counts });
  }
  dags.sort((a, b) => (a.key === 'root' ? -1 : b.key === 'root' ? 1 : 0));
  const condorJobs = condorJobsOf(objectField(object, 'condor_jobs'));
  const root = dags.find((dag) => dag.key === 'root');
  return { ok: true, value: { totals, dags, condorJobs, state: root?.state ?? 'Running' } };
}

function countsOf(object: JsonObject): DagCounts | undefined {
  const counts: Partial<Record<(typeof COUNT_KEYS)[number], number>> = {};
  for (const key of COUNT_KEYS) {
    const value = numberField(object, key);
    if (value === undefined && key !== 'total') return undefined;
    counts[key] = value;
  }
  const sum = COUNT_KEYS.slice(0, 7).reduce((acc, key) => acc + (counts[key] ?? 0), 0);
  // `total` is absent for a DAG that has only just started (expected-status.json, sample_started).
  const total = counts.total ?? sum;
  const percent = numberField(object, 'percent_done') ?? (total > 0 ? ((counts.succeeded ?? 0) * 100) / total : 0);
  return {
    unready: counts.unready ?? 0,
    ready: counts.ready ?? 0,
    pre: counts.pre ?? 0,
    queued: counts.queued ?? 0,
    post: counts.post ?? 0,
    succeeded: counts.succeeded ?? 0,
    failed: counts.failed ?? 0,
    percentDone: percent,
    total,
  };
}

function dagState(value: string | undefined): DagState {
  return value === 'Success' || value === 'Failure' ? value : 'Running';
}

function condorJobsOf(byWorkflow: JsonObject): CondorJob[] {
  const jobs: CondorJob[] = [];
  for (const entry of Object.values(byWorkflow)) {
    if (!isObject(entry) || !Array.isArray(entry.DAG_CONDOR_JOBS)) continue;
    for (const ad of entry.DAG_CONDOR_JOBS) {
      if (!isObject(ad)) continue;
      jobs.push({
        clusterId: numberField(ad, 'ClusterId'),
        dagJobId: stringField(ad, 'pegasus_wf_dag_job_id'),
        daxJobId: stringField(ad, 'pegasus_wf_dax_job_id'),
        status: condorStatus(ad.JobStatus),
        site: stringField(ad, 'pegasus_site'),
        holdReason: stringField(ad, 'HoldReason'),
        enteredCurrentStatus: numberField(ad, 'EnteredCurrentStatus'),
        transformation: stringField(ad, 'pegasus_wf_xformation'),
      });
    }
  }
  return jobs;
}

const STATUS_BY_CODE: Record<number, CondorJobStatus> = { 1: 'idle', 2: 'running', 3: 'removed', 4: 'completed', 5: 'held', 6: 'transferring', 7: 'suspended' };
const STATUS_BY_NAME: Record<string, CondorJobStatus> = {
  idle: 'idle', run: 'running', running: 'running', removed: 'removed', completed: 'completed',
  held: 'held', 'transferring output': 'transferring', suspended: 'suspended',
};

/** HTCondor's JobStatus, as the number condor_q gives or the name pegasus-status prints (`Run`). */
function condorStatus(value: unknown): CondorJobStatus {
  if (typeof value === 'number') return STATUS_BY_CODE[value] ?? 'unknown';
  if (typeof value === 'string') return STATUS_BY_NAME[value.toLowerCase()] ?? STATUS_BY_CODE[Number(value)] ?? 'unknown';
  return 'unknown';
}
