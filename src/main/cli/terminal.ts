import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

/**
 * Asks one question on the terminal. With `hidden`, what the user types is not echoed
 * (passphrases, passwords, one-time codes). Without a terminal (a pipe, CI), reads one line
 * from standard input. Resolves undefined at end of input (Ctrl+D), so callers can cancel.
 */
export function ask(
  question: string,
  options: { hidden?: boolean; input?: Readable; output?: Writable } = {},
): Promise<string | undefined> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stderr;
  return new Promise((resolve) => {
    let muted = false;
    const echo: Writable = Object.assign(Object.create(output) as Writable, {
      write(chunk: string | Uint8Array, ...rest: unknown[]): boolean {
        if (muted) return true;
        return (output.write as (c: string | Uint8Array, ...r: unknown[]) => boolean).call(output, chunk, ...rest);
      },
    });
    const rl = createInterface({ input, output: echo, terminal: (input as { isTTY?: boolean }).isTTY === true });
    let answered = false;
    rl.question(question, (answer) => {
      answered = true;
      if (options.hidden) output.write('\n');
      rl.close();
      resolve(answer);
    });
    muted = options.hidden === true;
    rl.on('close', () => {
      if (!answered) resolve(undefined);
    });
  });
}
