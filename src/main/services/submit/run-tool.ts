import type { ParseResult } from '../../../shared/remote/pegasus-output';
import { commandLine } from '../../../shared/remote/quote';
import type { ExecOptions, ExecResult } from '../ssh';
import { SubmitError } from './submit-error';
import type { SubmitHost } from './submit-host';

/** Runs a command built in src/shared/remote; a build error (bad option) becomes BAD_OPTION. */
export async function runTool(host: SubmitHost, built: ParseResult<readonly string[]>, options: ExecOptions = {}): Promise<ExecResult> {
  if (!built.ok) throw new SubmitError('BAD_OPTION', built.error);
  return host.exec(built.value, options);
}

/** The error for a tool that exited non-zero: its name, exit code and the end of its stderr. */
export function toolFailure(argv: ParseResult<readonly string[]>, result: ExecResult): SubmitError {
  const name = argv.ok ? argv.value[0] : 'command';
  const detail = lastLines(result.stderr || result.stdout, 12);
  return new SubmitError('TOOL_FAILED', `${name} exited with code ${result.exitCode}${detail ? `:\n${detail}` : ''}`);
}

/** Unwraps a parser's result; garbage becomes BAD_OUTPUT with the parser's message. */
export function parsed<T>(result: ParseResult<T>): T {
  if (!result.ok) throw new SubmitError('BAD_OUTPUT', result.error);
  return result.value;
}

/** The command line as the user would type it, for messages and logs (no secrets ever go into one). */
export function shown(argv: ParseResult<readonly string[]>): string {
  return argv.ok ? commandLine(argv.value) : '(invalid command)';
}

function lastLines(text: string, count: number): string {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}
