import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

interface AskOptions {
  hidden?: boolean;
  input?: Readable;
  output?: Writable;
}

/** One reader per piped input, so that answers given ahead on a pipe are not lost between questions. */
const pipedReaders = new WeakMap<Readable, AsyncIterator<string>>();

async function pipedLine(input: Readable): Promise<string | undefined> {
  let reader = pipedReaders.get(input);
  if (!reader) {
    reader = (createInterface({ input, terminal: false }) as Interface)[Symbol.asyncIterator]();
    pipedReaders.set(input, reader);
  }
  const next = await reader.next();
  return next.done ? undefined : next.value;
}

/**
 * Asks one question on the terminal. With `hidden`, what the user types is not echoed
 * (passphrases, passwords, one-time codes). Without a terminal (a pipe, CI), the question is
 * printed and the next line of standard input is the answer. Resolves undefined at end of
 * input (Ctrl+D), so callers can cancel.
 */
export async function ask(question: string, options: AskOptions = {}): Promise<string | undefined> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stderr;
  if ((input as { isTTY?: boolean }).isTTY !== true) {
    output.write(question);
    const answer = await pipedLine(input);
    output.write('\n');
    return answer;
  }
  return new Promise((resolve) => {
    let muted = false;
    const echo: Writable = Object.assign(Object.create(output) as Writable, {
      write(chunk: string | Uint8Array, ...rest: unknown[]): boolean {
        if (muted) return true;
        return (output.write as (c: string | Uint8Array, ...r: unknown[]) => boolean).call(output, chunk, ...rest);
      },
    });
    const rl = createInterface({ input, output: echo, terminal: true });
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
