import path from 'node:path';
import { remoteProgress, type RemoteRunRecord } from '../../shared/run/remote-run';
import { formatCounts } from '../../shared/run/run-state';
import { isSshError } from '../services/ssh';
import type { RemoteHost } from '../services/ssh/remote-host';
import { watchRun } from '../services/submit/monitor';
import { defaultRunsDir, RunStore } from '../services/submit/run-store';
import { SubmitError } from '../services/submit/submit-error';
import { UsageError, type CliIo } from './command';
import { connectFromArgs } from './remote-connection';

/**
 * What the run commands (status, analyze, remove, rerun, fetch) share: finding the run record
 * given as an id or a path, connecting to its host again, and printing progress.
 */

export const RUN_USAGE = `RUN is a run id (as printed by submit) or the path of its record file.
Run records are kept in $PEGASUS_CANVAS_RUNS (default ~/.pegasus-canvas/remote-runs);
--runs-dir DIR reads them from DIR instead.`;

export function runStoreFor(io: CliIo, runsDir: string | undefined): RunStore {
  return new RunStore(runsDir ?? defaultRunsDir(io.env));
}

/** Loads RUN; a missing or unreadable record is a usage-level error (exit 2). */
export async function loadRun(store: RunStore, run: string | undefined): Promise<RemoteRunRecord> {
  if (!run) throw new UsageError('which run? Give its id or record file');
  try {
    return await store.load(run);
  } catch (error) {
    if (error instanceof SubmitError) throw new UsageError(error.message);
    throw error;
  }
}

/** Connects to the run's host with what the record remembers (the agent or key asked again). */
export function connectToRun(record: RemoteRunRecord, io: CliIo): Promise<RemoteHost> {
  return connectFromArgs(
    {
      host: record.host.host,
      port: String(record.host.port),
      ...(record.host.user === undefined ? {} : { user: record.host.user }),
      ...(record.host.identity === undefined ? {} : { identity: record.host.identity }),
    },
    io,
  );
}

/** One line: `diamond (ID): running, 57.14% done — 4/7 done, 1 running`. */
export function progressLine(record: RemoteRunRecord): string {
  const progress = remoteProgress(record);
  const percent = `${Number(progress.percentDone.toFixed(2))}% done`;
  return `${record.workflow.name} (${record.id}): ${record.state}, ${percent} — ${formatCounts(progress.counts)}`;
}

/** One line per DAG node that maps to a canvas job, then the auxiliary nodes. */
export function jobLines(record: RemoteRunRecord): string[] {
  const entries = Object.entries(record.jobs).sort(
    ([a, left], [b, right]) =>
      Number(left.jobId === undefined) - Number(right.jobId === undefined) || a.localeCompare(b),
  );
  const width = Math.max(0, ...entries.map(([node, job]) => (job.jobId ?? node).length));
  return entries.map(([node, job]) => {
    const details = [
      job.jobId === undefined ? undefined : node,
      job.runtime === undefined ? undefined : `${job.runtime} s`,
      job.exitCode === undefined || job.exitCode === 0 ? undefined : `exit ${job.exitCode}`,
      job.tries > 1 ? `try ${job.tries}` : undefined,
      job.holdReason,
    ].filter(Boolean);
    return `  ${(job.jobId ?? node).padEnd(width)}  ${job.state.padEnd(9)}${details.length ? `  ${details.join(', ')}` : ''}`;
  });
}

/** Prints a failure of the service or the connection and returns the exit code 1. */
export function reportFailure(error: unknown, io: CliIo, command: string): number {
  if (error instanceof SubmitError || isSshError(error)) {
    io.stderr(`pegasus-canvas ${command}: ${error.message}\n`);
    return 1;
  }
  throw error;
}

/** Seconds → ms for `--interval` (fractions allowed, at least 50 ms). */
export function intervalMs(text: string | undefined): number {
  if (text === undefined) return 5000;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new UsageError(`--interval wants a number of seconds, not '${text}'`);
  return Math.max(50, seconds * 1000);
}

/** The run named by the command's one positional argument, from --runs-dir or the default store. */
export async function openRunArgument(
  positionals: string[],
  runsDir: string | undefined,
  io: CliIo,
): Promise<{ store: RunStore; record: RemoteRunRecord }> {
  if (positionals.length > 1) throw new UsageError(`one run, not ${positionals.length}`);
  const store = runStoreFor(io, runsDir === undefined ? undefined : path.resolve(io.cwd, runsDir));
  return { store, record: await loadRun(store, positionals[0]) };
}

/**
 * Connects to the run's host, runs `body`, and closes the connection; a failure of the
 * service or the connection is printed and gives exit code 1.
 */
export async function withRunHost(
  record: RemoteRunRecord,
  io: CliIo,
  command: string,
  body: (host: RemoteHost) => Promise<number>,
): Promise<number> {
  let host: RemoteHost | undefined;
  try {
    host = await connectToRun(record, io);
    return await body(host);
  } catch (error) {
    return reportFailure(error, io, command);
  } finally {
    host?.close();
  }
}

/**
 * Watches the run until it ends, printing a progress line per update (unless `quiet`) and
 * each connection error with the wait before the next try. Ends on Ctrl+C too.
 */
export function watchWithProgress(
  host: RemoteHost,
  record: RemoteRunRecord,
  store: RunStore,
  interval: number,
  io: CliIo,
  quiet = false,
): Promise<RemoteRunRecord> {
  return watchRun(host, record, {
    store,
    intervalMs: interval,
    signal: io.signal,
    onUpdate: (update) => {
      if (!quiet) io.stdout(`${progressLine(update.record)}\n`);
    },
    onError: (error, retryInMs) => io.stderr(`${error.message} (trying again in ${Math.round(retryInMs / 1000)} s)\n`),
  });
}
