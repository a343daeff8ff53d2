/**
 * The `localRun.*` channels (ipc-local-run.ts) as calls into {@link LocalRunService}. A
 * workflow file goes through the window's {@link PathGuard} first; a run folder is usable when
 * this window was given it (it started or listed that run from a file it may read) or when the
 * guard allows it, so neither browser mode nor Electron's per-file grants are bypassed. The executor's own errors (PC52x: no such run, no such job) become
 * `NOT_FOUND`; a run the preflight refuses is an answer with its diagnostics.
 */
import path from 'node:path';
import type { IpcRequest, IpcValue } from '../../../shared/ipc';
import type { LocalRunSnapshot, LocalRunStartValue, localRunChannels } from '../../../shared/ipc-local-run';
import type { RunRecord } from '../../../shared/run/run-record';
import { countStates, isRunFinal, type JobState } from '../../../shared/run/run-state';
import type { LocalRunService, StartRunAnswer } from '../executor';
import type { PathGuard } from '../workspace/path-guard';
import { ServiceError } from '../workspace/service-error';

type LocalRunChannel = keyof typeof localRunChannels;

export type LocalRunHandlers = { [C in LocalRunChannel]: (request: IpcRequest<C>) => Promise<IpcValue<C>> };

/** A run record as the page sees it. Cost: O(jobs). */
export function snapshotOf(runDir: string, record: RunRecord, active: boolean): LocalRunSnapshot {
  const jobs: LocalRunSnapshot['jobs'] = {};
  const states: JobState[] = [];
  for (const job of record.jobs) {
    const last = job.attempts.at(-1);
    jobs[job.id] = { state: job.state, attempts: job.attempts.length };
    if (last?.exitCode !== undefined) jobs[job.id]!.exitCode = last.exitCode;
    if (last?.error !== undefined) jobs[job.id]!.error = last.error;
    states.push(job.state);
  }
  const snapshot: LocalRunSnapshot = { runDir, name: record.name, state: record.state, counts: countStates(states), jobs, createdAt: record.createdAt, active };
  if (record.workflow.file) snapshot.workflowFile = record.workflow.file;
  return snapshot;
}

function startAnswer(answer: StartRunAnswer): LocalRunStartValue {
  if (!answer.ok) return { started: false, diagnostics: answer.diagnostics };
  return { started: true, run: snapshotOf(answer.runDir, answer.record, true), diagnostics: answer.diagnostics };
}

/** Runs a service call, turning the executor's coded errors into answers the page can show. */
async function serviceCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ServiceError) throw error;
    const code = (error as { code?: unknown } | null)?.code;
    const message = error instanceof Error ? error.message : String(error);
    if (code === 'ENOENT') throw new ServiceError('NOT_FOUND', message);
    if (typeof code === 'string' && /^PC5\d\d$/.test(code)) throw new ServiceError('NOT_FOUND', message);
    throw error;
  }
}

/** The handlers; without a service (a shell that runs nothing) every channel answers `NOT_AVAILABLE`. */
export function createLocalRunHandlers(service: LocalRunService | undefined, guard: PathGuard): LocalRunHandlers {
  const runs = (): LocalRunService => {
    if (!service) throw new ServiceError('NOT_AVAILABLE', 'Local runs are not available here');
    return service;
  };
  const known = new Set<string>();
  const remember = <T extends { runDir: string }>(run: T): T => {
    known.add(path.resolve(run.runDir));
    return run;
  };
  const runDirOf = async (runDir: string): Promise<string> => {
    const absolute = path.resolve(runDir);
    if (path.isAbsolute(runDir) && known.has(absolute)) return absolute;
    return path.resolve(await guard.check(runDir, 'read'));
  };
  const startValue = (answer: StartRunAnswer): LocalRunStartValue => {
    const value = startAnswer(answer);
    if (value.started) remember(value.run);
    return value;
  };
  return {
    'localRun.start': async ({ workflowFile, slots }) => {
      const file = await guard.check(workflowFile, 'read');
      return startValue(await serviceCall(() => runs().start(file, slots !== undefined ? { slots } : {})));
    },
    'localRun.list': async ({ workflowFile }) => {
      const file = await guard.check(workflowFile, 'read');
      return (await serviceCall(() => runs().list(file))).map(remember);
    },
    'localRun.get': async ({ runDir }) => {
      const dir = await runDirOf(runDir);
      const record = await serviceCall(() => runs().record(dir));
      // A record read from disk that was left running is reported `interrupted` by openRun.
      return snapshotOf(dir, record, !isRunFinal(record.state));
    },
    'localRun.cancel': async ({ runDir }) => {
      const dir = await runDirOf(runDir);
      return snapshotOf(dir, await serviceCall(() => runs().cancel(dir)), false);
    },
    'localRun.resume': async ({ runDir }) => {
      const dir = await runDirOf(runDir);
      const record = await serviceCall(() => runs().record(dir));
      if (!record.workflow.file) throw new ServiceError('NOT_FOUND', `Run ${record.name} does not name its workflow file; resume it with \`pegasus-canvas run --resume\``);
      const file = await guard.check(record.workflow.file, 'read');
      return startValue(await serviceCall(() => runs().start(file, { resume: dir })));
    },
    'localRun.logs': async ({ runDir, jobId, stream, attempt }) => {
      const dir = await runDirOf(runDir);
      return serviceCall(() => runs().log(dir, jobId, stream, attempt !== undefined ? { attempt } : {}));
    },
  };
}
