/**
 * Command lines (argv, quoted by `commandLine` in quote.ts) for the file work SFTP cannot
 * do itself, and the parser of their output.
 */

/** `mkdir -p -- PATH`: a remote folder and its parents. */
export function mkdirpArgv(remotePath: string): string[] {
  return ['mkdir', '-p', '--', remotePath];
}

/** `sha256sum -- PATH…`: checksums of many remote files in one command. */
export function sha256sumArgv(remotePaths: readonly string[]): string[] {
  return ['sha256sum', '--', ...remotePaths];
}

/**
 * Parse GNU `sha256sum` output. A line starting with `\` has an escaped file name
 * (`\\` for a backslash, `\n` for a newline); `*` before the name marks binary mode. Lines of
 * another shape (errors for missing files) are skipped. Cost: linear in the output.
 */
export function parseSha256sum(output: string): { path: string; hash: string }[] {
  const entries: { path: string; hash: string }[] = [];
  for (const line of output.split('\n')) {
    const match = /^(\\?)([0-9a-f]{64}) [ *](.*)$/.exec(line);
    if (!match) continue;
    const path = match[1] ? match[3]!.replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c)) : match[3]!;
    entries.push({ path, hash: match[2]! });
  }
  return entries;
}
