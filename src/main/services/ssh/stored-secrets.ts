// Prompts backed by the SecretStore: a remembered passphrase or password is tried first
// (once; if it is refused the user is asked as usual), and what the user typed is saved only
// when they asked to remember it AND the login succeeded (commit()). Keyboard-interactive
// answers (Duo menu, one-time codes) pass straight through and are never stored.
import { secretKeys, SecretStoreRefused, type SecretStore } from '../secrets/secret-store';
import type { ConnectionPrompts } from './types';

export interface StoredSecretPrompts {
  prompts: ConnectionPrompts;
  /**
   * Save the answers typed in this connection (call after it became ready). Returns why
   * nothing was saved when the store refuses (e.g. Linux without a keyring), else undefined.
   */
  commit(): Promise<string | undefined>;
}

export function promptsWithSecretStore(
  prompts: ConnectionPrompts,
  store: SecretStore,
  account: { host: string; port: number; username: string },
  options: { remember: boolean },
): StoredSecretPrompts {
  const typed = new Map<string, string>();
  const tried = new Set<string>();

  const fromStoreOrAsk = async (key: string, ask: () => Promise<string | undefined>): Promise<string | undefined> => {
    if (!tried.has(key)) {
      tried.add(key);
      const stored = await store.get(key).catch(() => undefined);
      if (stored !== undefined) return stored;
    }
    const answer = await ask();
    if (answer !== undefined) typed.set(key, answer);
    return answer;
  };

  const wrapped: ConnectionPrompts = { ...prompts };
  if (prompts.passphrase) {
    const ask = prompts.passphrase.bind(prompts);
    wrapped.passphrase = (request) => {
      const key = secretKeys.passphrase(request.keyPath);
      // A stored passphrase that failed counts as the first try: the user then sees "retry".
      return fromStoreOrAsk(key, () => ask({ ...request, retry: request.retry || tried.has(key) }));
    };
  }
  if (prompts.password) {
    const ask = prompts.password.bind(prompts);
    wrapped.password = (request) => fromStoreOrAsk(secretKeys.password(account.username, account.host, account.port), () => ask(request));
  }

  return {
    prompts: wrapped,
    async commit() {
      if (!options.remember || typed.size === 0) return undefined;
      try {
        for (const [key, secret] of typed) await store.set(key, secret);
        return undefined;
      } catch (error) {
        if (error instanceof SecretStoreRefused) return error.message;
        throw error;
      } finally {
        typed.clear();
      }
    },
  };
}
