import { checkAbsolutePath, firstProblem } from './pegasus-args';
import { parseFailure, type ParseResult } from './pegasus-output';

/**
 * Commands around a run folder on the submit host that are not Pegasus tools: where the
 * account's home is (run folders go under it) and which output files a run staged back.
 */

/** `pwd`: a session starts in the account's home, so this prints it (no shell expansion needed). */
export function buildHomeCommand(): readonly string[] {
  return ['pwd'];
}

/** The absolute home directory `pwd` printed. */
export function parseHomeOutput(stdout: string): ParseResult<string> {
  const home = stdout.trim();
  if (!home.startsWith('/') || home.includes('\n')) return parseFailure('pwd', 'one absolute directory', stdout);
  return { ok: true, value: home };
}

/** `find DIR -type f -print0`: every file under an output directory, NUL-separated (any name). */
export function buildListFilesCommand(dir: string): ParseResult<readonly string[]> {
  return firstProblem([checkAbsolutePath('the output directory', dir)], () => ['find', dir, '-type', 'f', '-print0']);
}

/** The paths `find -print0` printed, relative to `dir`, sorted; entries outside `dir` are dropped. */
export function parseFileList(stdout: string, dir: string): string[] {
  const prefix = `${dir.replace(/\/+$/, '')}/`;
  return stdout
    .split('\0')
    .filter((entry) => entry.startsWith(prefix) && !entry.slice(prefix.length).split('/').includes('..'))
    .map((entry) => entry.slice(prefix.length))
    .sort();
}
