import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * One sub-command of the `pegasus-canvas` CLI. Each lives in its own file under `src/main/cli/`
 * and is listed once in `commands.ts`.
 *
 * Exit codes follow the validate convention for every command: 0 success, 1 the work failed
 * (errors found, a job failed, a remote tool failed), 2 bad usage or an unreadable file.
 */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Working directory that relative paths are resolved against. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Aborted on Ctrl+C, so long commands (run, watch) can stop cleanly. */
  signal: AbortSignal;
}

export interface CliCommand {
  name: string;
  /** One line for the usage list. */
  summary: string;
  /** Full usage text printed by `pegasus-canvas help NAME` and on a usage error. */
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** Thrown by argument parsing; the CLI prints the message and the command's usage, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * `node:util` parseArgs, strict and with positionals, whose complaints (an unknown option, a
 * missing value) become usage errors: the CLI prints them with the command's usage, exit 2.
 */
export function parseCommandLine<const O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
