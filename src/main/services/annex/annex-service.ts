import { commandLine } from '../../../shared/remote/quote';
import {
  annexCreateArgv,
  annexShutdownArgv,
  annexSlotsArgv,
  annexStatusArgv,
  annexSystemsArgv,
  annexTargetJobsArgv,
  ensureAnnexTmpDirArgv,
  isSafeAnnexName,
  whoamiArgv,
} from '../../../shared/remote/annex-command';
import { parseAnnexSlots, parseAnnexStatus, type AnnexSlot, type AnnexStatus } from '../../../shared/remote/annex-status';
import { bundledAnnexSystems, mergeLiveSystems, parseAnnexSystemsOutput, type AnnexSystem } from '../../../shared/remote/annex-systems';
import { validateAnnexRequest, type AnnexField, type AnnexRequest } from '../../../shared/remote/annex-validate';
import type { ExecOptions, ExecResult, InteractiveCommand, ShellCommandOptions } from '../ssh/types';
import { runInteractive, toolErrorMessage, type TerminalPrompt } from './interactive-run';

/** What the annex service needs of the connection to the ACCESS Pegasus host. */
export interface AnnexHost {
  exec(argv: readonly string[], options?: ExecOptions): Promise<ExecResult>;
  openShellCommand(argv: readonly string[], options?: ShellCommandOptions): Promise<InteractiveCommand>;
}

export interface SystemsList {
  systems: AnnexSystem[];
  /** `host`: from `htcondor annex systems` on the host; `bundled`: the table shipped with the app. */
  source: 'host' | 'bundled';
  /** Why the bundled table is used. */
  reason?: string;
}

export type CreateOutcome =
  | { ok: true; lines: string[]; command: string }
  | { ok: false; stage: 'validate' | 'name' | 'jobs' | 'tool' | 'cancelled'; message: string; field?: AnnexField; lines: string[]; command?: string };

export interface CreateOptions {
  onPrompt(prompt: TerminalPrompt): Promise<string | undefined>;
  onLine?(line: string): void;
  signal?: AbortSignal;
  /** Systems to validate against (default: asked of the host, bundled as a fallback). */
  systems?: AnnexSystem[];
}

export interface AnnexCard {
  status: AnnexStatus;
  slots: AnnexSlot[];
  /** Set when the slots could not be read (the card still shows the status). */
  slotsError?: string;
}

/** `whoami` on the host: the ACCESS username, which names annexes and Jetstream2 instances. */
export async function readUsername(host: Pick<AnnexHost, 'exec'>): Promise<string> {
  const result = await host.exec(whoamiArgv());
  const name = result.stdout.trim();
  if (result.exitCode !== 0 || !isSafeAnnexName(name)) throw new Error(`Could not read the username on the host (whoami said "${(result.stdout + result.stderr).trim()}").`);
  return name;
}

/** The slots carrying `AnnexName == name` in the pool (annex nodes and Jetstream2 instances alike). */
export async function readAnnexSlots(host: Pick<AnnexHost, 'exec'>, name: string): Promise<AnnexSlot[]> {
  const result = await host.exec(annexSlotsArgv(name));
  if (result.exitCode !== 0) throw new Error(`condor_status failed: ${(result.stderr || result.stdout).trim()}`);
  const parsed = parseAnnexSlots(result.stdout);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.slots;
}

/**
 * `htcondor annex` on the ACCESS Pegasus host, for the Resources panel and the CLI: the
 * systems list, create/add run on a terminal so the HPC site's questions reach the user,
 * status with the annex's slots, and shutdown. Requests are checked with the tool's own
 * rules before anything runs, and the annex is named after the user, as ACCESS Pegasus
 * requires (its job transform routes a user's jobs to the annex of that name).
 */
export class AnnexService {
  private username: string | undefined;

  constructor(private readonly host: AnnexHost) {}

  /** The ACCESS username (`whoami` on the host), cached for the connection. */
  async whoami(): Promise<string> {
    this.username ??= await readUsername(this.host);
    return this.username;
  }

  /** The systems and queues the host's HTCondor knows, falling back to the bundled table. */
  async systems(): Promise<SystemsList> {
    const bundled = bundledAnnexSystems();
    try {
      const result = await this.host.exec(annexSystemsArgv());
      if (result.exitCode !== 0) {
        return { systems: bundled, source: 'bundled', reason: `htcondor annex systems failed (exit ${result.exitCode}): ${(result.stderr || result.stdout).trim()}` };
      }
      const parsed = parseAnnexSystemsOutput(result.stdout);
      if (!parsed.ok) return { systems: bundled, source: 'bundled', reason: parsed.message };
      return { systems: mergeLiveSystems(bundled, parsed.systems), source: 'host' };
    } catch (error) {
      return { systems: bundled, source: 'bundled', reason: `The host could not be asked: ${(error as Error).message}` };
    }
  }

  /** Jobs in the queue waiting for the annex named `name` (the tool refuses to start without any). */
  async queuedJobs(name: string): Promise<number> {
    const result = await this.host.exec(annexTargetJobsArgv(name));
    if (result.exitCode !== 0) throw new Error(`condor_q failed (exit ${result.exitCode}): ${(result.stderr || result.stdout).trim()}`);
    return result.stdout.split('\n').filter((line) => /^\d+\s+\d+/.test(line.trim())).length;
  }

  /** The exact command line `create`/`add` will run. */
  commandFor(request: AnnexRequest): string {
    return commandLine(annexCreateArgv(request));
  }

  /**
   * Creates an annex, or adds to one: checks the request, checks the name is the user's and
   * that jobs are queued for it, makes `~/.hpc-annex`, then runs the tool on a terminal,
   * passing each question to `onPrompt` and each output line to `onLine`.
   */
  async create(request: AnnexRequest, options: CreateOptions): Promise<CreateOutcome> {
    const systems = options.systems ?? (await this.systems()).systems;
    const validation = validateAnnexRequest(systems, request);
    if (!validation.ok) return { ok: false, stage: 'validate', message: validation.message, field: validation.field, lines: [] };

    const user = await this.whoami();
    if (request.annexName !== user) {
      return {
        ok: false,
        stage: 'name',
        field: 'annexName',
        message: `On ACCESS Pegasus the annex must be named after you ('${user}'): the host sends your jobs to the annex of that name.`,
        lines: [],
      };
    }
    if (request.verb === 'create') {
      const queued = await this.queuedJobs(request.annexName);
      if (queued === 0) {
        return {
          ok: false,
          stage: 'jobs',
          message: `No jobs for '${request.annexName}' are in the queue. Submit the workflow first: htcondor annex only starts when jobs are waiting for the annex.`,
          lines: [],
        };
      }
    }
    await this.host.exec(ensureAnnexTmpDirArgv());

    const argv = annexCreateArgv(request);
    const command = commandLine(argv);
    const session = await this.host.openShellCommand(argv, { pty: true });
    const run = await runInteractive(session, {
      onPrompt: options.onPrompt,
      ...(options.onLine ? { onLine: options.onLine } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (run.cancelled) return { ok: false, stage: 'cancelled', message: 'Cancelled; nothing was requested.', lines: run.lines, command };
    if (run.exitCode !== 0) return { ok: false, stage: 'tool', message: toolErrorMessage(run.lines), lines: run.lines, command };
    return { ok: true, lines: run.lines, command };
  }

  /** `htcondor annex status NAME` read into a card, with the annex's slots. */
  async status(name: string): Promise<AnnexCard> {
    const result = await this.host.exec(annexStatusArgv(name));
    if (result.exitCode !== 0) throw new Error(toolErrorMessage((result.stdout + result.stderr).split('\n')) || `htcondor annex status failed (exit ${result.exitCode})`);
    const status = parseAnnexStatus(result.stdout);
    try {
      return { status, slots: await readAnnexSlots(this.host, name) };
    } catch (error) {
      return { status, slots: [], slotsError: (error as Error).message };
    }
  }

  /** `htcondor annex shutdown NAME`: the established resources stop; pending requests are not affected. */
  async shutdown(name: string): Promise<string[]> {
    const result = await this.host.exec(annexShutdownArgv(name));
    const lines = (result.stdout + result.stderr).split('\n').filter((line) => line.trim() !== '');
    if (result.exitCode !== 0) throw new Error(toolErrorMessage(lines));
    return lines;
  }
}
