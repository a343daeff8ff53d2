import { type ParseResult } from './pegasus-output';

/**
 * Checks on the typed values that go into a Pegasus command line. The quoting itself is done
 * by `quote.ts`; these checks refuse values that no quoting makes safe or meaningful on the
 * host (security.md §4.6): newlines and NUL, relative submit paths, site names outside the
 * characters Pegasus allows.
 */

const IDENTIFIER = /^[A-Za-z0-9_.-]+$/;

/** A site, category or property-key name: `[A-Za-z0-9_.-]+`. */
export function checkIdentifier(what: string, value: string): string | undefined {
  return IDENTIFIER.test(value) ? undefined : `${what} '${value}' may only contain letters, digits, '_', '.' and '-'`;
}

/** A value with no NUL, CR or LF (tcsh fails on newlines inside quotes). */
export function checkPlain(what: string, value: string): string | undefined {
  return /[\0\r\n]/.test(value) ? `${what} must not contain a newline or NUL character` : undefined;
}

/** An absolute POSIX path on the host, plain (see checkPlain). */
export function checkAbsolutePath(what: string, value: string): string | undefined {
  if (!value.startsWith('/')) return `${what} must be an absolute path on the host, got '${value}'`;
  return checkPlain(what, value);
}

/** Collects the first problem of several checks into a result. */
export function firstProblem<T>(problems: (string | undefined)[], value: () => T): ParseResult<T> {
  const problem = problems.find((entry) => entry !== undefined);
  return problem === undefined ? { ok: true, value: value() } : { ok: false, error: problem };
}
