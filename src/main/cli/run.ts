import path from 'node:path';
import { loadWorkflowBundle } from '../services/workspace/load-bundle';
import { startLocalRun, type BundleLoader, type JobEvent } from '../services/executor/local-run';
import { readProperties } from '../services/executor/properties';
import { openRun } from '../services/executor/run-store';
import { exists } from '../services/executor/staging';
import type { Diagnostic } from '../../shared/model';
import { formatCounts, totalCount } from '../../shared/run/run-state';
import { UsageError, type CliCommand, type CliIo } from './command';

const usage = `usage: pegasus-canvas run FILE [--jobs N] [--run-dir DIR] [--conf FILE] [--symlink-inputs]
       pegasus-canvas run [FILE] --resume RUNDIR [--jobs N] [--conf FILE]

Runs the workflow FILE on this machine: jobs start as processes in dependency order, at most
N cores at once (default: every core), with stdout and stderr saved per job. Prints a line per
job state change and exits 1 if a job failed or the run was refused or cancelled (Ctrl+C).

  --jobs N          cores in use at once
  --run-dir DIR     folder for this run (default FILE's folder/.pegasus-canvas/runs/NAME-TIME)
  --resume RUNDIR   finish a stopped or failed run; jobs that succeeded are not run again
  --conf FILE       properties file (default: pegasus.properties beside FILE); the run uses
                    dagman.retry and env.* from it
  --symlink-inputs  link inputs into the scratch folder instead of copying them
`;

interface RunArgs {
  file?: string;
  jobs?: number;
  runDir?: string;
  resume?: string;
  conf?: string;
  symlink: boolean;
}

function parse(args: string[], cwd: string): RunArgs {
  const parsed: RunArgs = { symlink: false };
  const value = (i: number, flag: string): string => {
    const v = args[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--jobs' || arg === '-j') {
      const n = Number(value(i++, arg));
      if (!Number.isInteger(n) || n < 1) throw new UsageError(`--jobs wants a whole number of at least 1, not '${args[i]}'`);
      parsed.jobs = n;
    } else if (arg === '--run-dir') parsed.runDir = path.resolve(cwd, value(i++, arg));
    else if (arg === '--resume') parsed.resume = path.resolve(cwd, value(i++, arg));
    else if (arg === '--conf') parsed.conf = path.resolve(cwd, value(i++, arg));
    else if (arg === '--symlink-inputs') parsed.symlink = true;
    else if (arg.startsWith('-')) throw new UsageError(`unknown option '${arg}'`);
    else if (parsed.file === undefined) parsed.file = path.resolve(cwd, arg);
    else throw new UsageError(`one workflow file only ('${arg}' is extra)`);
  }
  if (parsed.file === undefined && parsed.resume === undefined) throw new UsageError('missing the workflow FILE');
  if (parsed.resume !== undefined && parsed.runDir !== undefined) throw new UsageError('--resume and --run-dir exclude each other');
  return parsed;
}

function describe(d: Diagnostic): string {
  const target = d.target?.kind === 'job' ? ` [job ${d.target.jobId}]` : d.target?.kind === 'file' ? ` [file ${d.target.lfn}]` : '';
  return `${d.severity} ${d.code}${target}: ${d.message}${d.location?.file ? ` (${d.location.file}:${d.location.line})` : ''}`;
}

const loader: BundleLoader = async (file) => {
  const loaded = await loadWorkflowBundle(file);
  return loaded.ok ? { ok: true, bundle: loaded.bundle } : { ok: false, diagnostics: loaded.diagnostics };
};

async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parse(args, io.cwd);
  let file = parsed.file;
  if (file === undefined) {
    try {
      file = (await openRun(parsed.resume!)).record.workflow.file;
    } catch (error) {
      io.stderr(`pegasus-canvas run: ${(error as Error).message}\n`);
      return 2;
    }
    if (file === undefined) throw new UsageError(`the run in ${parsed.resume} does not record its workflow file; give FILE`);
  }
  const loaded = await loadWorkflowBundle(file);
  if (!loaded.ok) {
    for (const d of loaded.diagnostics) io.stderr(`${describe(d)}\n`);
    return 2;
  }
  let properties: Map<string, string>;
  try {
    properties = await readProperties(parsed.conf ?? path.join(path.dirname(file), 'pegasus.properties'));
    if (parsed.conf && !(await exists(parsed.conf))) throw new Error(`${parsed.conf}: no such file`);
  } catch (error) {
    io.stderr(`pegasus-canvas run: ${(error as Error).message}\n`);
    return 2;
  }
  const started = await startLocalRun(loaded.bundle, {
    properties,
    workflowDir: path.dirname(file),
    workflowFile: file,
    ...(parsed.jobs !== undefined ? { slots: parsed.jobs } : {}),
    ...(parsed.runDir ? { runDir: parsed.runDir } : {}),
    ...(parsed.resume ? { resume: parsed.resume } : {}),
    ...(parsed.symlink ? { stageIn: 'symlink' as const } : {}),
    baseEnv: io.env,
    loadSubWorkflow: loader,
  });
  if (!started.ok) {
    io.stderr(`pegasus-canvas run: this machine cannot run ${path.basename(file)}:\n`);
    for (const d of started.diagnostics) io.stderr(`  ${describe(d)}\n`);
    return 1;
  }
  const { run: localRun } = started;
  for (const d of started.diagnostics) io.stderr(`${describe(d)}\n`);
  const total = localRun.record.jobs.length;
  const width = String(total).length;
  io.stdout(`${parsed.resume ? 'resuming' : 'running'} ${loaded.bundle.workflow.name} (${total} jobs) in ${localRun.dir}\n`);
  const onAbort = () => {
    io.stdout('cancelling: stopping running jobs…\n');
    void localRun.cancel();
  };
  io.signal.addEventListener('abort', onAbort, { once: true });
  if (io.signal.aborted) onAbort();

  localRun.on('job', (event: JobEvent) => {
    const line = progressLine(event, localRun.jobCounts.succeeded, total, width);
    if (line) io.stdout(line);
  });
  const record = await localRun.done;
  io.signal.removeEventListener('abort', onAbort);

  const counts = localRun.jobCounts;
  io.stdout(`run ${record.state}: ${formatCounts(counts)} (${totalCount(counts)} jobs)\n`);
  const failed = record.jobs.filter((job) => job.state === 'failed');
  for (const job of failed.slice(0, 10)) {
    const last = job.attempts.at(-1);
    if (last) io.stdout(`  ${job.id}: ${last.error ?? `exit ${last.exitCode ?? last.signal}`}, see ${path.join(localRun.dir, last.stderr)}\n`);
  }
  if (failed.length > 10) io.stdout(`  … and ${failed.length - 10} more failed jobs\n`);
  if (record.state !== 'succeeded') io.stdout(`resume with: pegasus-canvas run ${file} --resume ${localRun.dir}\n`);
  return record.state === 'succeeded' ? 0 : 1;
}

function progressLine(event: JobEvent, done: number, total: number, width: number): string | undefined {
  const time = new Date().toISOString().slice(11, 19);
  const prefix = `${time} [${String(done).padStart(width)}/${total}] ${event.jobId}`;
  const attempt = event.attempt > 0 ? ` (attempt ${event.attempt + 1})` : '';
  switch (event.state) {
    case 'running':
      return `${prefix} started${attempt}\n`;
    case 'succeeded':
      return `${prefix} succeeded\n`;
    case 'ready':
      return event.attempt > 0 ? `${prefix} failed (${event.error ?? `exit ${event.exitCode}`}), retrying\n` : undefined;
    case 'failed':
      return `${prefix} FAILED (${event.error ?? `exit ${event.exitCode}`})${attempt}\n`;
    case 'cancelled':
      return `${prefix} cancelled\n`;
    default:
      return undefined;
  }
}

/** `pegasus-canvas run`: runs a workflow on this machine. */
export const runCommand: CliCommand = {
  name: 'run',
  summary: 'run a workflow on this machine (local executor)',
  usage,
  run,
};
