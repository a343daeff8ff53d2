/**
 * POSIX shell quoting for remote command lines.
 *
 * sshd hands an exec request to the remote account's login shell as `$SHELL -c <line>`, so
 * every argument we send is parsed by a shell we do not control. The only quoting that means
 * the same thing in sh, bash, dash, ksh and zsh is the single quote: inside '…' nothing is
 * special except the closing quote itself, which we write as '\'' (close, escaped quote,
 * reopen). Every argument is quoted, even "safe" ones, so no argument can ever be read as an
 * operator, a glob, an expansion or an option of the shell.
 *
 * NUL cannot be represented in a C string (the shell would cut the argument there), so it is
 * refused. Newlines are kept literally: sh and bash accept them inside single quotes (csh and
 * tcsh do not; ACCESS hosts give bash).
 */

/** Thrown when an argument cannot be sent through a remote shell at all. */
export class RemoteArgumentError extends Error {
  /** Position of the offending argument in argv (or -1 for a lone argument). */
  readonly index: number;
  constructor(message: string, index: number) {
    super(message);
    this.name = 'RemoteArgumentError';
    this.index = index;
  }
}

/**
 * Why `arg` cannot be quoted, or undefined when it can. Never throws.
 * Cost: one scan of the string.
 */
export function argumentProblem(arg: string): string | undefined {
  const nul = arg.indexOf('\u0000');
  if (nul >= 0) {
    return `contains a NUL byte at character ${nul + 1}; a remote shell cannot receive it`;
  }
  return undefined;
}

/**
 * Quote one argument for a POSIX shell: `it's` → `'it'\''s'`, `` → `''`.
 * Throws RemoteArgumentError for a NUL byte (see argumentProblem for a non-throwing check).
 * Cost: linear in the argument's length.
 */
export function quoteArg(s: string): string {
  const problem = argumentProblem(s);
  if (problem !== undefined) {
    throw new RemoteArgumentError(`Remote argument ${JSON.stringify(shorten(s))} ${problem}`, -1);
  }
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

/**
 * Build the command line that runs argv[0] with the other elements as literal arguments.
 * Throws RemoteArgumentError (naming the argument's position) for an empty argv or a NUL byte.
 * Cost: linear in the total length of argv.
 */
export function commandLine(argv: readonly string[]): string {
  if (argv.length === 0) {
    throw new RemoteArgumentError('Remote command is empty: argv needs at least the program name', -1);
  }
  return argv
    .map((arg, index) => {
      const problem = argumentProblem(arg);
      if (problem !== undefined) {
        throw new RemoteArgumentError(`Remote argument ${index} (${JSON.stringify(shorten(arg))}) ${problem}`, index);
      }
      return quoteArg(arg);
    })
    .join(' ');
}

/**
 * The command line that runs argv inside directory `cwd`: `cd -- '<cwd>' && <argv>`.
 * The command does not run when the directory cannot be entered (the shell's `cd` error is
 * on stderr and the exit code is non-zero).
 */
export function commandLineIn(cwd: string, argv: readonly string[]): string {
  return `cd -- ${quoteArg(cwd)} && ${commandLine(argv)}`;
}

function shorten(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
