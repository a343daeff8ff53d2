import { checkAbsolutePath, firstProblem } from './pegasus-args';
import { type ParseResult } from './pegasus-output';

/**
 * `jobstate.log`, written by pegasus-monitord in the submit directory, is where each DAG node's
 * life is recorded: `<epoch> <job> <EVENT> <condor id or exit code> <site> - <seq>`
 * (PARSING.md §7). pegasus-status -j gives counts only, so the per-job states that paint the
 * canvas come from here, read incrementally.
 */

/**
 * A constant script (values arrive as its positional parameters, never inside it): the log's
 * size on one line, then the bytes from OFFSET+1 on. The size tells a rotated or rewritten log
 * (smaller than what was read) from one with nothing new.
 */
const TAIL_SCRIPT = 'wc -c < "$1" && tail -c +"$2" -- "$1"';

/** The size of SUBMIT_DIR/jobstate.log and the bytes appended since `offset`. */
export function buildJobstateTailCommand(submitDir: string, offset: number): ParseResult<readonly string[]> {
  return firstProblem(
    [checkAbsolutePath('the submit directory', submitDir), Number.isSafeInteger(offset) && offset >= 0 ? undefined : `offset ${offset} is not a byte count`],
    () => ['sh', '-c', TAIL_SCRIPT, 'sh', `${submitDir.replace(/\/+$/, '')}/jobstate.log`, String(offset + 1)],
  );
}

/** What the tail command printed: the log's size, and the new bytes when it did not shrink. */
export interface JobstateTail {
  size: number;
  /** The log is smaller than the offset read so far: it was rotated; read it again from 0. */
  rotated: boolean;
  chunk: string;
}

/** Parses the tail command's output (see buildJobstateTailCommand). */
export function parseJobstateTail(stdout: string, offset: number): ParseResult<JobstateTail> {
  const newline = stdout.indexOf('\n');
  const size = Number((newline < 0 ? stdout : stdout.slice(0, newline)).trim());
  if (newline < 0 || !Number.isSafeInteger(size) || size < 0) {
    return { ok: false, error: `jobstate.log: expected its size on the first line, got: ${stdout.slice(0, 80).replace(/\s+/g, ' ')}` };
  }
  return { ok: true, value: { size, rotated: size < offset, chunk: size < offset ? '' : stdout.slice(newline + 1) } };
}

export interface JobstateEvent {
  time: number;
  job: string;
  event: string;
  /** The condor id (`41.0`) or, for `JOB_SUCCESS`/`*_FAILURE`, the exit code. */
  detail: string;
  site: string;
}

export interface JobstateChunk {
  events: JobstateEvent[];
  /** UTF-8 bytes consumed: whole lines only, so a half-written last line is read next time. */
  consumedBytes: number;
}

/**
 * Parses the complete lines of a chunk of jobstate.log. `INTERNAL` lines and lines that do not
 * have the five leading fields are skipped (monitord writes nothing else). Linear in the chunk.
 */
export function parseJobstateChunk(chunk: string): JobstateChunk {
  const end = chunk.lastIndexOf('\n');
  if (end < 0) return { events: [], consumedBytes: 0 };
  const complete = chunk.slice(0, end + 1);
  const events: JobstateEvent[] = [];
  for (const line of complete.split('\n')) {
    const [time, job, event, detail, site] = line.trim().split(/\s+/);
    if (time === undefined || job === undefined || event === undefined || detail === undefined || site === undefined) continue;
    if (job === 'INTERNAL' || !/^\d+$/.test(time)) continue;
    events.push({ time: Number(time), job, event, detail, site });
  }
  return { events, consumedBytes: utf8Length(complete) };
}

/** A DAG node's state as the canvas paints it. */
export type NodeState = 'queued' | 'running' | 'done' | 'failed' | 'held';

/** What is known about one DAG node after folding its events. */
export interface NodeHistory {
  state: NodeState;
  /** Epoch seconds of the last EXECUTE and JOB_TERMINATED, for runtimes. */
  executeAt?: number;
  terminatedAt?: number;
  site?: string;
  /** Exit code given with JOB_FAILURE / JOB_SUCCESS. */
  exitCode?: number;
  /** 1-based try number (a SUBMIT after a failure is a retry). */
  tries: number;
}

const TRANSITIONS: Record<string, NodeState> = {
  PRE_SCRIPT_STARTED: 'queued',
  PRE_SCRIPT_SUCCESS: 'queued',
  SUBMIT: 'queued',
  JOB_RELEASED: 'queued',
  EXECUTE: 'running',
  JOB_TERMINATED: 'running',
  JOB_SUCCESS: 'done',
  POST_SCRIPT_STARTED: 'running',
  POST_SCRIPT_TERMINATED: 'running',
  JOB_HELD: 'held',
  POST_SCRIPT_SUCCESS: 'done',
  JOB_FAILURE: 'failed',
  JOB_ABORTED: 'failed',
  PRE_SCRIPT_FAILURE: 'failed',
  POST_SCRIPT_FAILURE: 'failed',
  POST_SCRIPT_FAILED: 'failed',
  SUBMIT_FAILED: 'failed',
};

/**
 * Applies events to per-node histories (mutating `nodes`, so a watch folds each new chunk into
 * what it has). A node with no POST script (a sub-workflow job) ends at JOB_SUCCESS; monitord
 * writes POST_SCRIPT_STARTED after JOB_SUCCESS, which takes a compute job back to `running`
 * until POST_SCRIPT_SUCCESS. O(events).
 */
export function foldJobstate(nodes: Map<string, NodeHistory>, events: readonly JobstateEvent[]): Map<string, NodeHistory> {
  for (const event of events) {
    const next = TRANSITIONS[event.event] ?? (/_(FAILURE|FAILED)$/.test(event.event) ? 'failed' : undefined);
    if (next === undefined) continue;
    const node = nodes.get(event.job) ?? { state: 'queued', tries: 0 };
    if (event.event === 'SUBMIT') node.tries += 1;
    if (event.event === 'EXECUTE') node.executeAt = event.time;
    if (event.event === 'JOB_TERMINATED') node.terminatedAt = event.time;
    if ((event.event === 'JOB_SUCCESS' || event.event === 'JOB_FAILURE') && /^-?\d+$/.test(event.detail)) node.exitCode = Number(event.detail);
    if (event.site !== '-' && event.site !== '') node.site = event.site;
    node.state = next;
    nodes.set(event.job, node);
  }
  return nodes;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      index += 1;
    } else bytes += 3;
  }
  return bytes;
}
