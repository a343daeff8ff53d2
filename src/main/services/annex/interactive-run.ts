import type { InteractiveCommand } from '../ssh/types';

/** A question the remote side asks on its terminal (an SSH key passphrase, a Duo menu, a passcode…). */
export interface TerminalPrompt {
  text: string;
  /** True when the answer should be typed hidden (passwords, passphrases, one-time codes). */
  secret: boolean;
}

export interface InteractiveRunOptions {
  /** Each finished line of output, and the latest state of a `\r` progress line. */
  onLine?(line: string): void;
  /** Ask the user; resolve undefined to cancel the command. Answers are sent, never kept. */
  onPrompt(prompt: TerminalPrompt): Promise<string | undefined>;
  signal?: AbortSignal;
  /** How long output must stay quiet after a prompt-like line before it counts as a question. Default 300 ms. */
  quietMs?: number;
}

export interface InteractiveRunResult {
  exitCode: number;
  /** Every line of output, progress lines at their final state (answers typed hidden never appear). */
  lines: string[];
  cancelled: boolean;
}

/** Text that ends like a question: `…: `, `…? `, `…> `, `(1-3): `. */
const PROMPT_END = /[:?>\])]\s*$/;
const SECRET = /pass(word|phrase|code)|token|otp|one-time|verification|\bcode\b|pin\b/i;

/**
 * Drives a command that asks questions on its terminal, as `htcondor annex create` does when
 * ssh logs in to the HPC system: output is split into lines (a `\r` rewrites the current
 * line, as progress bars do), and text left without a newline that looks like a question and
 * stays quiet for `quietMs` is a prompt. The detection is generic on purpose: the questions
 * come from the remote site's ssh and PAM, not from HTCondor, and differ between sites.
 */
export function runInteractive(command: InteractiveCommand, options: InteractiveRunOptions): Promise<InteractiveRunResult> {
  const quietMs = options.quietMs ?? 300;
  const lines: string[] = [];
  let pending = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asking = false;
  let cancelled = false;
  let exited = false;

  const currentText = () => {
    const carriage = pending.lastIndexOf('\r');
    return carriage >= 0 ? pending.slice(carriage + 1) : pending;
  };

  const finishLine = (raw: string) => {
    const parts = raw.split('\r').filter((part) => part.trim() !== '');
    const line = (parts.length > 0 ? parts[parts.length - 1]! : '').replace(/\s+$/, '');
    lines.push(line);
    options.onLine?.(line);
  };

  const ask = async () => {
    const text = currentText().trim();
    if (asking || exited || text === '' || !PROMPT_END.test(text)) return;
    asking = true;
    pending = '';
    lines.push(text);
    options.onLine?.(text);
    try {
      const answer = await options.onPrompt({ text, secret: SECRET.test(text) });
      if (exited) return;
      if (answer === undefined) {
        cancelled = true;
        command.close();
        return;
      }
      command.write(`${answer}\n`);
    } finally {
      asking = false;
    }
  };

  const unsubscribe = command.onData((chunk) => {
    pending += chunk;
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      finishLine(pending.slice(0, newline).replace(/\r$/, ''));
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
    }
    if (timer) clearTimeout(timer);
    if (pending !== '') timer = setTimeout(() => void ask(), quietMs);
  });

  const abort = () => {
    cancelled = true;
    command.close();
  };
  options.signal?.addEventListener('abort', abort, { once: true });

  return command.exited
    .then(({ exitCode }) => {
      exited = true;
      if (timer) clearTimeout(timer);
      if (currentText().trim() !== '') finishLine(pending);
      return { exitCode, lines, cancelled };
    })
    .finally(() => {
      unsubscribe();
      options.signal?.removeEventListener('abort', abort);
    });
}

/**
 * The error the tool printed (`Error while trying to run annex create:` followed by the
 * message), or the last non-empty lines when it printed none.
 */
export function toolErrorMessage(lines: readonly string[]): string {
  const start = lines.findIndex((line) => /^Error while trying to run annex \w+:/.test(line));
  if (start >= 0) {
    const message = lines.slice(start + 1).join('\n').trim();
    if (message) return message;
  }
  return lines.filter((line) => line.trim() !== '').slice(-3).join('\n');
}
