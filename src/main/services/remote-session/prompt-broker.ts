// Questions to the user from the main process (a host key, a key passphrase, a Duo menu, a
// question of `htcondor annex create` on its terminal), sent to the page as `prompt` events and
// answered through the `prompt.answer` channel. Answers are handed to the asker and never kept
// here; nothing here is logged.
import { randomBytes } from 'node:crypto';
import type { AppEvent, PromptRequest } from '../../../shared/ipc-events';

/** What the page answered: the fields' values, a host-key verdict, whether to remember, or nothing (cancelled). */
export interface PromptAnswer {
  answers?: string[];
  trust?: boolean;
  remember?: boolean;
  cancel?: boolean;
}

interface Pending {
  request: PromptRequest;
  resolve: (answer: PromptAnswer | undefined) => void;
}

export class PromptBroker {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly emit: (event: AppEvent) => void) {}

  /** Asks the page; resolves with the answer, or undefined when cancelled (or when {@link cancelAll} runs). */
  ask(request: Omit<PromptRequest, 'id'>): Promise<PromptAnswer | undefined> {
    const id = randomBytes(9).toString('base64url');
    const prompt: PromptRequest = { ...request, id };
    return new Promise((resolve) => {
      this.pending.set(id, { request: prompt, resolve });
      this.emit({ type: 'prompt', prompt });
    });
  }

  /** The page's answer to prompt `id`; false when no such question is waiting (answered already, or unknown). */
  answer(id: string, answer: PromptAnswer): boolean {
    const entry = this.pending.get(id);
    if (!entry) return false;
    this.pending.delete(id);
    this.emit({ type: 'prompt.closed', id });
    entry.resolve(answer.cancel ? undefined : answer);
    return true;
  }

  /** How many questions are waiting. */
  get waiting(): number {
    return this.pending.size;
  }

  /** The questions still waiting, oldest first (a page opened or reloaded meanwhile shows them). */
  requests(): PromptRequest[] {
    return [...this.pending.values()].map((entry) => entry.request);
  }

  /** Cancels every waiting question (disconnect, shutdown). */
  cancelAll(): void {
    for (const [id, entry] of this.pending) {
      this.emit({ type: 'prompt.closed', id });
      entry.resolve(undefined);
    }
    this.pending.clear();
  }
}
