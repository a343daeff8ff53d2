import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { argumentProblem, commandLine, commandLineIn, quoteArg, RemoteArgumentError } from '../../../src/shared/remote/quote';

const HOSTILE = [
  '',
  ' ',
  "it's",
  "'",
  "''",
  '"double"',
  '$(touch /tmp/pcanvas-pwned)',
  '`id`',
  '$HOME',
  '${PATH}',
  'a b\tc',
  'line1\nline2',
  '\r\n',
  '*',
  '?',
  '[a-z]*',
  '~',
  '~root',
  '-rf',
  '--',
  ';',
  '&&',
  '|',
  '>out',
  '<in',
  '\\',
  '\\n',
  '!',
  '#comment',
  'naïve — ünïcødé ✓ 日本語 🚀',
  "a b'; touch ~/PWNED_$(id -u); echo 'x",
];

const SHELLS = ['/bin/sh', '/bin/bash', '/bin/dash'].filter((shell) => existsSync(shell));

/** What a real shell sees as its arguments after parsing `commandLine(['printf', '%s\0', ...args])`. */
function throughShell(shell: string, args: readonly string[]): string[] {
  const out = execFileSync(shell, ['-c', commandLine(['printf', '%s\\0', ...args])], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

describe('quoteArg', () => {
  it('wraps in single quotes and writes a quote as close-escape-reopen', () => {
    expect(quoteArg('plain')).toBe("'plain'");
    expect(quoteArg('')).toBe("''");
    expect(quoteArg("it's")).toBe("'it'\\''s'");
  });

  it('refuses a NUL byte with a message naming its position', () => {
    expect(() => quoteArg('a\u0000b')).toThrow(RemoteArgumentError);
    expect(() => quoteArg('a\u0000b')).toThrow(/NUL byte at character 2/);
    expect(argumentProblem('fine')).toBeUndefined();
  });
});

describe('commandLine', () => {
  it('names the argument that holds a NUL, and refuses an empty argv', () => {
    expect(() => commandLine(['echo', 'ok', 'bad\u0000'])).toThrow(/argument 2/);
    expect(() => commandLine([])).toThrow(/empty/);
  });

  it('builds cd -- <dir> && <command> for a working directory', () => {
    expect(commandLineIn('/runs/-odd dir', ['ls'])).toBe("cd -- '/runs/-odd dir' && 'ls'");
  });

  for (const shell of SHELLS) {
    it(`every hostile argument arrives literally through ${shell}`, () => {
      expect(throughShell(shell, HOSTILE)).toEqual(HOSTILE);
    });

    it(`arbitrary strings arrive literally through ${shell} (property)`, () => {
      fc.assert(
        fc.property(fc.array(fc.string({ unit: 'binary' }).filter((s) => !s.includes('\u0000')), { minLength: 1, maxLength: 6 }), (args) => {
          expect(throughShell(shell, args)).toEqual(args);
        }),
        { numRuns: 60 },
      );
    });
  }

  it('a working directory with hostile characters is entered literally', () => {
    const base = mkdtempSync(join(tmpdir(), 'pcanvas-quote-'));
    const dir = join(base, "-it's $(x) `y` *\nnext");
    mkdirSync(dir);
    try {
      const out = execFileSync('/bin/sh', ['-c', commandLineIn(dir, ['sh', '-c', 'pwd'])], { encoding: 'utf8' });
      expect(out).toBe(`${dir}\n`);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
