import type { PlanOptions } from '../remote/pegasus-plan';
import type { NodeHistory, NodeState } from '../remote/jobstate-log';
import type { CondorJob, DagCounts, DagState } from '../remote/pegasus-status';
import { countStates, type JobCounts, type JobState, type RunState } from './run-state';

/**
 * The record of one run submitted to a remote Pegasus host (ACCESS Pegasus), kept on disk so
 * the app remembers and keeps watching it after a restart. Only names and paths are kept:
 * never a passphrase, password or one-time code.
 */

/** The format tag of a remote run record; bumped when a field changes meaning. */
export const REMOTE_RUN_FORMAT = 'pegasus-canvas-remote-run/1';

/** How to reach the host again (secrets are asked for again or come from the agent). */
export interface RemoteHostRef {
  host: string;
  port: number;
  user?: string;
  /** Local path of the private key file, when one was given. */
  identity?: string;
}

/** One uploaded file: its place on both sides and what it must hash to. */
export interface UploadedFile {
  /** Absolute local path. */
  local: string;
  /** Path relative to the remote run folder. */
  remote: string;
  size: number;
  sha256: string;
  /** Remote file mode when not 0644 (scripts: 0755). */
  mode?: number;
}

/** Where a submission is: uploading, planning, then watching the running workflow. */
export type RemoteRunStage = 'upload' | 'plan' | 'watch';

/** One DAG node as the monitor last saw it. */
export interface RemoteJob {
  state: JobState;
  /** The abstract workflow job id (the canvas node), when this node is a compute job. */
  jobId?: string;
  site?: string;
  exitCode?: number;
  /** Seconds between EXECUTE and JOB_TERMINATED, once known. */
  runtime?: number;
  tries: number;
  holdReason?: string;
  /** Epoch seconds of the last EXECUTE / JOB_TERMINATED (jobstate.log), kept for runtimes. */
  executeAt?: number;
  terminatedAt?: number;
}

/** The last pegasus-status answer, summarised. */
export interface RemoteStatusSnapshot {
  totals: DagCounts;
  dagState: DagState;
  /** ISO time of the poll. */
  at: string;
}

export interface RemoteRunRecord {
  format: typeof REMOTE_RUN_FORMAT;
  /** Generated, `[A-Za-z0-9._-]` only; also the remote run folder's name. */
  id: string;
  createdAt: string;
  updatedAt: string;
  host: RemoteHostRef;
  workflow: {
    /** The workflow's `name:`. */
    name: string;
    /** Absolute local path of the workflow file. */
    file: string;
    /** Abstract job ids, to map DAG nodes back to canvas nodes. */
    jobIds: string[];
  };
  /** Absolute path of the run folder on the host (the uploaded workflow and catalogs). */
  remoteDir: string;
  planOptions: PlanOptions;
  stage: RemoteRunStage;
  state: RunState;
  upload: { files: UploadedFile[]; verified: boolean };
  /** Where outputs are staged on the host (`--output-dir`), for downloading them. */
  outputDir?: string;
  /** Set once pegasus-plan succeeded. */
  submitDir?: string;
  dag?: string;
  wfUuid?: string;
  /** Byte offset of jobstate.log read so far. */
  jobstateOffset: number;
  /** DAG node name → what is known about it. */
  jobs: Record<string, RemoteJob>;
  status?: RemoteStatusSnapshot;
  /** Resubmissions with pegasus-run (rescue DAG). */
  reruns: number;
  removed: boolean;
  /** The last error (a failed command, unreadable output), shown to the user. */
  error?: string;
}

const NODE_TO_JOB: Record<NodeState, JobState> = { queued: 'queued', running: 'running', done: 'succeeded', failed: 'failed', held: 'held' };

/** The shared job state a jobstate.log node state means. */
export function jobStateOfNode(state: NodeState): JobState {
  return NODE_TO_JOB[state];
}

const JOB_TO_NODE: Partial<Record<JobState, NodeState>> = { queued: 'queued', running: 'running', succeeded: 'done', failed: 'failed', held: 'held' };

/**
 * Rebuilds jobstate.log histories from a record's jobs (all, or only the `only` nodes: those a
 * new chunk of the log mentions), so a watch goes on reading the log from the saved offset,
 * also after a restart. O(nodes rebuilt).
 */
export function historiesOf(jobs: Readonly<Record<string, RemoteJob>>, only?: Iterable<string>): Map<string, NodeHistory> {
  const histories = new Map<string, NodeHistory>();
  const nodes = only === undefined ? Object.keys(jobs) : only;
  for (const node of nodes) {
    const job = jobs[node];
    if (job === undefined || histories.has(node)) continue;
    histories.set(node, {
      state: JOB_TO_NODE[job.state] ?? 'queued',
      tries: job.tries,
      ...(job.site === undefined ? {} : { site: job.site }),
      ...(job.exitCode === undefined ? {} : { exitCode: job.exitCode }),
      ...(job.executeAt === undefined ? {} : { executeAt: job.executeAt }),
      ...(job.terminatedAt === undefined ? {} : { terminatedAt: job.terminatedAt }),
    });
  }
  return histories;
}

/**
 * The abstract job id behind a DAG node name. Pegasus names a compute job's node
 * `<transformation>_<job id>` (`ls_ID0000001`); auxiliary jobs (create_dir_, stage_in_,
 * cleanup_, …) map to nothing. Tries each `_` split from the left, so the longest id wins.
 * Cost: O(length of the name) set look-ups.
 */
export function abstractJobIdOf(node: string, jobIds: ReadonlySet<string>): string | undefined {
  if (jobIds.has(node)) return node;
  for (let index = node.indexOf('_'); index >= 0; index = node.indexOf('_', index + 1)) {
    const suffix = node.slice(index + 1);
    if (jobIds.has(suffix)) return suffix;
  }
  return undefined;
}

/**
 * Folds the monitor's sources into the record's per-node states: jobstate.log histories first,
 * then the HTCondor queue, which knows sooner that a job runs or is held. A node that finished
 * (succeeded/failed) is never moved back by a stale queue entry. Mutates and returns `jobs`.
 */
export function mergeJobStates(
  jobs: Record<string, RemoteJob>,
  histories: ReadonlyMap<string, NodeHistory>,
  queue: readonly CondorJob[],
  jobIds: ReadonlySet<string>,
): Record<string, RemoteJob> {
  for (const [node, history] of histories) {
    const job = jobs[node] ?? { state: 'queued', tries: 0, jobId: abstractJobIdOf(node, jobIds) };
    job.state = jobStateOfNode(history.state);
    job.tries = history.tries;
    if (history.site !== undefined) job.site = history.site;
    if (history.exitCode !== undefined) job.exitCode = history.exitCode;
    if (history.executeAt !== undefined) job.executeAt = history.executeAt;
    if (history.terminatedAt !== undefined) job.terminatedAt = history.terminatedAt;
    if (history.executeAt !== undefined && history.terminatedAt !== undefined && history.terminatedAt >= history.executeAt) {
      job.runtime = history.terminatedAt - history.executeAt;
    }
    if (job.state !== 'held') delete job.holdReason;
    jobs[node] = job;
  }
  for (const entry of queue) {
    if (entry.dagJobId === undefined) continue;
    const job = jobs[entry.dagJobId] ?? { state: 'queued', tries: 0, jobId: entry.daxJobId ?? abstractJobIdOf(entry.dagJobId, jobIds) };
    if (job.state === 'succeeded' || job.state === 'failed') continue;
    if (entry.status === 'held') {
      job.state = 'held';
      if (entry.holdReason !== undefined) job.holdReason = entry.holdReason;
    } else if (entry.status === 'running' || entry.status === 'transferring') job.state = 'running';
    else if (entry.status === 'idle' && job.state !== 'running') job.state = 'queued';
    jobs[entry.dagJobId] = job;
  }
  return jobs;
}

/** Progress of a remote run: DAGMan's counts when known, else the nodes seen so far. */
export interface RemoteProgress {
  counts: JobCounts;
  /** 0–100. */
  percentDone: number;
  total: number;
}

/**
 * Counts for the progress bar. DAGMan's totals are authoritative (they include nodes not yet
 * in jobstate.log as UNREADY/READY); per-node states fill in held and running.
 */
export function remoteProgress(record: Pick<RemoteRunRecord, 'jobs' | 'status'>): RemoteProgress {
  const seen = countStates(Object.values(record.jobs).map((job) => job.state));
  const totals = record.status?.totals;
  if (!totals) {
    const total = Object.keys(record.jobs).length;
    return { counts: seen, total, percentDone: total === 0 ? 0 : (seen.succeeded * 100) / total };
  }
  const running = Math.min(seen.running, totals.queued + totals.post);
  const held = Math.min(seen.held, totals.queued - Math.min(running, totals.queued));
  const counts: JobCounts = {
    ...seen,
    unready: totals.unready,
    ready: totals.ready + totals.pre,
    queued: Math.max(0, totals.queued + totals.post - running - held),
    running,
    held,
    succeeded: totals.succeeded,
    failed: totals.failed,
  };
  return { counts, total: totals.total, percentDone: totals.percentDone };
}

/** The run state a pegasus-status answer means (held jobs keep a run `running`). */
export function runStateOfDag(state: DagState, removed: boolean): RunState {
  if (state === 'Success') return 'succeeded';
  if (state === 'Failure') return removed ? 'cancelled' : 'failed';
  return removed ? 'cancelling' : 'running';
}

/**
 * The state of each canvas job (abstract job id) in a remote run, for painting nodes: jobs the
 * run has not reached yet are `unready`. A job whose DAG node was retried shows its latest
 * state. Jobs clustered into one DAG node by pegasus-plan have no node of their own and stay
 * `unready` here; the run's counts still include them. O(jobs + nodes).
 */
export function canvasJobStates(record: Pick<RemoteRunRecord, 'jobs' | 'workflow'>): Record<string, JobState> {
  const states: Record<string, JobState> = {};
  for (const id of record.workflow.jobIds) states[id] = 'unready';
  for (const job of Object.values(record.jobs)) {
    if (job.jobId !== undefined && job.jobId in states) states[job.jobId] = job.state;
  }
  return states;
}
