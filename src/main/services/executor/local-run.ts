import { spawn as nodeSpawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Diagnostic, WorkflowBundle } from '../../../shared/model';
import type { AttemptRecord, RunRecord } from '../../../shared/run/run-record';
import { countStates, finalRunState, isJobDone, type JobCounts, type JobState } from '../../../shared/run/run-state';
import { DagScheduler, ResourcePool } from '../../../shared/run/scheduler';
import { containerCommand, runtimeProblem } from './container';
import { startProcess, type RunningProcess } from './job-process';
import type { JobEvent, LocalRunEvents, LocalRunOptions } from './run-options';
import { preflight, type ExecutionPlan, type PlannedJob } from './preflight';
import { runProperties } from './properties';
import { createRunFolder, reopenForResume } from './run-folder';
import { defaultRunsRoot, RunRecordWriter } from './run-store';
import { eachLimited, exists, lfnPath, sha256File, stageExecutable, stageFile } from './staging';
import { isExecutable, isFile, which as findOnPath } from './which';

export type { BundleLoader, JobEvent, LocalRunDeps, LocalRunEvents, LocalRunOptions } from './run-options';

/** Inputs staged at once (copies run on libuv's thread pool of 4 by default). */
const STAGE_AT_ONCE = 8;

export type StartResult = { ok: true; run: LocalRun; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

function memo(probe: (file: string) => boolean): (file: string) => boolean {
  const known = new Map<string, boolean>();
  return (file) => {
    let answer = known.get(file);
    if (answer === undefined) known.set(file, (answer = probe(file)));
    return answer;
  };
}

function failure(code: string, error: unknown): StartResult {
  return { ok: false, diagnostics: [{ code: (error as { code?: string }).code?.startsWith('PC') ? (error as { code: string }).code : code, severity: 'error', message: (error as Error).message, target: { kind: 'workflow' } }] };
}

/**
 * Runs a workflow on this machine. Checks it first (a job this machine cannot run refuses
 * the whole run, with PC5xx diagnostics), creates or reopens the run folder, stages the inputs
 * and starts the jobs. The returned run emits `job`, `progress` and `state` events and its
 * `done` promise resolves with the final record.
 */
export async function startLocalRun(bundle: WorkflowBundle, options: LocalRunOptions): Promise<StartResult> {
  const machine = options.machine ?? { cores: os.availableParallelism(), memoryMb: os.totalmem() / 2 ** 20 };
  const now = options.now ?? (() => new Date());
  const fromProperties = runProperties(options.properties ?? new Map());
  const defaultRetries = options.defaultRetries ?? fromProperties.defaultRetries ?? 1;
  const checked = await preflight(bundle, {
    propertyEnv: fromProperties.env,
    baseDir: options.workflowDir,
    machine,
    defaultRetries,
    // Thousands of jobs share a few executables: probe each path once.
    isFile: memo(isFile),
    isExecutable: memo(isExecutable),
    which: options.which ?? findOnPath,
    runtimeProblem: (runtime) => runtimeProblem(runtime, (file) => isFile(file) || existsSync(file)),
    ...(options.providedLfns ? { providedLfns: options.providedLfns } : {}),
    ...(options.inheritedReplicas ? { inheritedReplicas: options.inheritedReplicas } : {}),
    ...(options.loadSubWorkflow ? { loadSubWorkflow: options.loadSubWorkflow } : {}),
  });
  if (!checked.plan) return { ok: false, diagnostics: checked.diagnostics };

  const slots = Math.max(1, Math.floor(options.slots ?? machine.cores));
  const runOptions = {
    slots,
    memoryMb: options.memoryMb ?? Math.floor(machine.memoryMb),
    stageIn: options.stageIn ?? 'copy',
    stageOut: options.stageOut ?? true,
    defaultRetries,
  } as const;
  let folder: { dir: string; record: RunRecord };
  try {
    folder = options.resume
      ? await reopenForResume(options.resume, bundle.workflow, { ...(options.slots !== undefined ? { slots } : {}) })
      : await createRunFolder({
          workflow: bundle.workflow,
          workflowDir: options.workflowDir,
          ...(options.workflowFile ? { workflowFile: options.workflowFile } : {}),
          runsRoot: options.runsRoot ?? defaultRunsRoot(options.workflowDir),
          ...(options.runDir ? { runDir: options.runDir } : {}),
          ...(options.scratchDir ? { scratchDir: options.scratchDir } : {}),
          ...(options.outputsDir ? { outputsDir: options.outputsDir } : {}),
          options: runOptions,
          now: now(),
        });
  } catch (error) {
    return failure('PC521', error);
  }
  folder.record.diagnostics = checked.diagnostics;
  const run = new LocalRun(folder.dir, folder.record, checked.plan, options, now);
  try {
    await run.save(); // the run is listed (and reopens) from the moment it exists
    await run.stage();
  } catch (error) {
    const refused = failure('PC531', error);
    Object.assign(folder.record, { state: 'failed', endedAt: now().toISOString() });
    folder.record.diagnostics.push(...refused.diagnostics);
    await run.save().catch(() => undefined);
    return refused;
  }
  // Start on the next turn, so that the caller subscribes before the first event.
  setImmediate(() => run.start());
  return { ok: true, run, diagnostics: checked.diagnostics };
}

/**
 * A run in progress (or finished). Owns its processes; `cancel()` stops them.
 * Created by {@link startLocalRun}.
 */
export class LocalRun extends EventEmitter<LocalRunEvents> {
  readonly done: Promise<RunRecord>;
  private resolveDone!: (record: RunRecord) => void;
  private readonly writer: RunRecordWriter;
  private readonly pool: ResourcePool;
  private scheduler!: DagScheduler;
  private started = false;
  private readonly states: JobState[];
  /** Attempts each job had before this session: a resumed run gets its retries afresh, as a rescue DAG does. */
  private readonly attemptBase: number[];
  private counts: JobCounts;
  private readonly processes = new Map<number, RunningProcess>();
  private readonly children = new Map<number, LocalRun>();
  private readonly executables = new Map<string, string>();
  private cancelling = false;
  private finished = false;
  private stopListening: () => void = () => undefined;
  readonly scratch: string;
  readonly outputs: string;

  constructor(
    readonly dir: string,
    readonly record: RunRecord,
    private readonly plan: ExecutionPlan,
    private readonly options: LocalRunOptions,
    private readonly now: () => Date,
  ) {
    super();
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    this.writer = new RunRecordWriter(dir, record);
    this.pool = options.pool ?? new ResourcePool({ cores: record.options.slots, memoryMb: record.options.memoryMb ?? Infinity });
    this.states = record.jobs.map((job) => job.state);
    this.attemptBase = record.jobs.map((job) => job.attempts.length);
    this.counts = countStates(this.states);
    this.scratch = path.resolve(dir, record.scratchDir);
    this.outputs = path.resolve(dir, record.outputsDir);
  }

  /** Counts of jobs per state now. */
  get jobCounts(): JobCounts {
    return { ...this.counts };
  }

  /** Writes the record now. */
  async save(): Promise<void> {
    this.writer.changed();
    await this.writer.flush();
  }

  /** Stages inputs into the scratch directory and stageable executables into `bin/`. */
  async stage(): Promise<void> {
    await eachLimited(this.plan.stageIn, STAGE_AT_ONCE, async ({ lfn, source, sha256 }) => {
      const target = lfnPath(this.scratch, lfn);
      await stageFile(source, target, this.record.options.stageIn);
      // Integrity check of inputs with a checksum in the replica catalog, as Pegasus does.
      if (sha256 !== undefined) {
        const actual = await sha256File(target);
        if (actual !== sha256.toLowerCase()) {
          throw Object.assign(new Error(`Input '${lfn}' (${source}) has sha256 ${actual}, but the replica catalog says ${sha256}`), { code: 'PC532' });
        }
      }
    });
    for (const job of this.plan.jobs) {
      const exe = job.executable;
      if (!exe) continue;
      if (!exe.stage) this.executables.set(exe.name, exe.source);
      else if (!this.executables.has(exe.name)) this.executables.set(exe.name, await stageExecutable(exe.source, path.join(this.dir, 'bin'), exe.name));
    }
  }

  /** Starts the jobs that are ready. */
  start(): void {
    const done = (i: number) => isJobDone(this.states[i]!);
    this.scheduler = new DagScheduler(this.plan.graph, (i) => this.plan.jobs[i]!, this.pool, done);
    this.started = true;
    if (this.cancelling) this.scheduler.drain();
    this.record.state = 'running';
    this.record.startedAt ??= this.now().toISOString();
    this.emit('state', 'running');
    for (const i of this.scheduler.initiallyReady()) this.setState(i, 'ready', 0);
    this.stopListening = this.pool.onRelease(() => this.pump());
    this.writer.changed();
    this.pump();
    this.checkFinished();
  }

  /**
   * Stops the run: no new job starts, running processes get SIGTERM (their whole process
   * group), then SIGKILL after the grace time; sub-workflow runs are cancelled too.
   */
  async cancel(): Promise<RunRecord> {
    if (!this.started) {
      // Not started yet: start with nothing to run, so the record ends `cancelled`.
      this.cancelling = true;
      return this.done;
    }
    if (!this.finished && !this.cancelling) {
      this.cancelling = true;
      this.record.state = 'cancelling';
      this.emit('state', 'cancelling');
      for (const i of this.scheduler.drain()) this.setState(i, 'cancelled', this.attemptsOf(i));
      for (const child of this.children.values()) void child.cancel();
      for (const proc of this.processes.values()) proc.kill('SIGTERM');
      const grace = this.options.killGraceMs ?? 2000;
      const timer = setTimeout(() => {
        for (const proc of this.processes.values()) proc.kill('SIGKILL');
      }, grace);
      void this.done.then(() => clearTimeout(timer));
      this.checkFinished();
    }
    return this.done;
  }

  private attemptsOf(i: number): number {
    return Math.max(0, this.record.jobs[i]!.attempts.length - 1);
  }

  private setState(i: number, state: JobState, attempt: number, extra: Pick<JobEvent, 'exitCode' | 'error'> = {}): void {
    const previous = this.states[i]!;
    this.counts[previous]--;
    this.counts[state]++;
    this.states[i] = state;
    this.record.jobs[i]!.state = state;
    this.writer.changed();
    this.emit('job', { jobId: this.record.jobs[i]!.id, index: i, state, attempt, ...extra });
    this.emit('progress', { ...this.counts });
  }

  private pump(): void {
    if (this.cancelling || this.finished) return;
    for (let i = this.scheduler.take(); i !== undefined; i = this.cancelling ? undefined : this.scheduler.take()) void this.launch(i);
  }

  private async launch(i: number): Promise<void> {
    const job = this.plan.jobs[i]!;
    const jobRecord = this.record.jobs[i]!;
    const attempt = jobRecord.attempts.length;
    const suffix = String(attempt).padStart(3, '0');
    // LFNs were checked by the preflight (PC530), so lfnPath cannot throw here.
    const attemptRecord: AttemptRecord = {
      attempt,
      startedAt: this.now().toISOString(),
      stdout: job.stdout !== undefined ? path.relative(this.dir, lfnPath(this.scratch, job.stdout)) : `logs/${job.id}.out.${suffix}`,
      stderr: job.stderr !== undefined ? path.relative(this.dir, lfnPath(this.scratch, job.stderr)) : `logs/${job.id}.err.${suffix}`,
    };
    jobRecord.attempts.push(attemptRecord);
    this.setState(i, 'running', attempt);

    let exit: { exitCode: number | null; signal?: string | null; error?: string };
    try {
      exit = job.kind === 'subworkflow' ? await this.runChild(i, job, attemptRecord) : await this.runProcess(i, job, attemptRecord);
      if (exit.exitCode === 0 && !exit.error) {
        const problem = await this.collectOutputs(job);
        if (problem) exit.error = problem;
      }
    } catch (error) {
      exit = { exitCode: null, error: (error as Error).message };
    }
    attemptRecord.endedAt = this.now().toISOString();
    attemptRecord.exitCode = exit.exitCode;
    if (exit.signal) attemptRecord.signal = exit.signal;
    if (exit.error) attemptRecord.error = exit.error;
    const result = { exitCode: exit.exitCode, ...(exit.error ? { error: exit.error } : {}) };

    if (exit.exitCode === 0 && !exit.error) {
      this.setState(i, 'succeeded', attempt, result);
      for (const child of this.scheduler.finish(i)) this.setState(child, this.cancelling ? 'cancelled' : 'ready', 0);
      if (this.cancelling) this.scheduler.drain();
    } else if (this.cancelling) {
      this.scheduler.fail(i);
      this.setState(i, 'cancelled', attempt, result);
    } else if (attempt - this.attemptBase[i]! < job.retries) {
      this.setState(i, 'ready', attempt + 1, result);
      this.scheduler.retry(i);
    } else {
      this.scheduler.fail(i);
      this.setState(i, 'failed', attempt, result);
    }
    this.pump();
    this.checkFinished();
  }

  private async runProcess(i: number, job: PlannedJob, attempt: AttemptRecord): Promise<{ exitCode: number | null; signal?: string | null; error?: string }> {
    const exe = this.executables.get(job.executable!.name)!;
    const env: NodeJS.ProcessEnv = { ...(this.options.baseEnv ?? process.env), ...job.env };
    const argv = job.container ? containerCommand(job.container, this.scratch, [exe, ...job.args], job.env) : [exe, ...job.args];
    let stdinPath: string | undefined;
    try {
      stdinPath = job.stdin === undefined ? undefined : lfnPath(this.scratch, job.stdin);
      // One mkdir per folder, not per output: a split writing 100,000 chunks makes one.
      const folders = new Set<string>();
      for (const output of job.outputs) folders.add(path.dirname(lfnPath(this.scratch, output.lfn)));
      for (const folder of folders) await mkdir(folder, { recursive: true });
      // logs/ exists from the start; only stdout/stderr LFNs may need a folder (deep LFNs).
      if (job.stdout !== undefined) await mkdirFor(path.resolve(this.dir, attempt.stdout));
      if (job.stderr !== undefined) await mkdirFor(path.resolve(this.dir, attempt.stderr));
    } catch (error) {
      return { exitCode: null, error: (error as Error).message };
    }
    // A listener of the `running` event may have cancelled the run: start nothing new then.
    if (this.cancelling) return { exitCode: null, error: 'cancelled before it started' };
    const proc = startProcess(this.options.spawn ?? nodeSpawn, {
      argv,
      cwd: this.scratch,
      env,
      ...(stdinPath !== undefined ? { stdinPath } : {}),
      stdoutPath: path.resolve(this.dir, attempt.stdout),
      stderrPath: path.resolve(this.dir, attempt.stderr),
    });
    this.processes.set(i, proc);
    const exit = await proc.exit;
    this.processes.delete(i);
    return exit;
  }

  private async runChild(i: number, job: PlannedJob, attempt: AttemptRecord): Promise<{ exitCode: number | null; error?: string }> {
    const log = path.resolve(this.dir, attempt.stdout);
    await writeFile(log, '');
    await writeFile(path.resolve(this.dir, attempt.stderr), '');
    const loader = this.options.loadSubWorkflow;
    if (!loader) return { exitCode: null, error: 'sub-workflows need a workflow loader' };
    const file = job.subWorkflow!.path || lfnPath(this.scratch, job.subWorkflow!.lfn);
    const loaded = await loader(file);
    if (!loaded.ok) return { exitCode: null, error: `${file}: ${loaded.diagnostics.map((d) => d.message).join('; ')}` };
    const childDir = path.join(this.dir, 'children', job.id);
    const resume = (await exists(path.join(childDir, 'run.json'))) ? childDir : undefined;
    const provided = new Set(this.plan.stageIn.map((s) => s.lfn));
    for (const j of this.plan.jobs) for (const o of j.outputs) provided.add(o.lfn);
    // The child has its own folder: the parent's resume/runDir/runsRoot must not leak into it.
    const { resume: _resume, runDir: _runDir, runsRoot: _runsRoot, ...inherited } = this.options;
    const started = await startLocalRun(loaded.bundle, {
      ...inherited,
      workflowDir: path.dirname(file),
      workflowFile: file,
      ...(resume ? { resume } : { runDir: childDir }),
      pool: this.pool,
      scratchDir: this.scratch,
      outputsDir: this.outputs,
      providedLfns: provided,
      inheritedReplicas: this.plan.inheritedReplicas,
    });
    if (!started.ok) return { exitCode: null, error: started.diagnostics.map((d) => `${d.code} ${d.message}`).join('; ') };
    this.record.jobs[i]!.childRun = path.relative(this.dir, childDir);
    this.children.set(i, started.run);
    if (this.cancelling) void started.run.cancel(); // cancelled while the child was being set up
    started.run.on('job', (event) => void appendFile(log, `${this.now().toISOString()} ${event.jobId} ${event.state}\n`));
    const record = await started.run.done;
    this.children.delete(i);
    return record.state === 'succeeded' ? { exitCode: 0 } : { exitCode: 1, error: `sub-workflow run ${record.state}` };
  }

  /** Checks the job's outputs exist and copies the `stageOut` ones to the outputs folder. */
  private async collectOutputs(job: PlannedJob): Promise<string | undefined> {
    // Probed a few at a time (a split writing 100,000 chunks), then judged in order, so the
    // output named in an error is the same as one by one.
    const present: boolean[] = new Array<boolean>(job.outputs.length);
    await eachLimited([...job.outputs.keys()], STAGE_AT_ONCE, async (k) => {
      present[k] = await exists(lfnPath(this.scratch, job.outputs[k]!.lfn));
    });
    for (const [k, output] of job.outputs.entries()) {
      const file = lfnPath(this.scratch, output.lfn);
      if (!present[k]) {
        if (output.optional) continue;
        return `output '${output.lfn}' was not produced`;
      }
      if (output.stageOut && this.record.options.stageOut) {
        try {
          await stageFile(file, lfnPath(this.outputs, output.lfn), 'copy');
        } catch (error) {
          return `stage-out of '${output.lfn}' failed: ${(error as Error).message}`;
        }
      }
    }
    return undefined;
  }

  private checkFinished(): void {
    if (this.finished || this.scheduler.runningCount > 0 || this.children.size > 0) return;
    if (!this.cancelling && this.scheduler.readyCount > 0) return;
    this.finished = true;
    this.stopListening();
    const state = finalRunState(this.counts, this.cancelling);
    this.record.state = state;
    this.record.endedAt = this.now().toISOString();
    this.writer.changed();
    const end = () => {
      this.emit('state', state);
      this.resolveDone(this.record);
    };
    this.writer.flush().then(end, end);
  }
}

async function mkdirFor(file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
}
