// The authentication order of one connection attempt (security.md §4.2): agent → key files
// → keyboard-interactive → password, each tried at most once, so a refused Duo answer is
// never re-sent on its own (that would be another push). The function form of ssh2's
// authHandler sees partial success (publickey accepted, keyboard-interactive still wanted).
import { readFile } from 'node:fs/promises';
import ssh2, { type AnyAuthMethod, type AuthHandlerMiddleware, type AuthenticationType, type ParsedKey } from 'ssh2';

// ssh2 is CommonJS and Node's ESM loader cannot see `utils` as a named export.
const { utils } = ssh2;
import { SshError } from './errors';
import type { ConnectionPrompts, InteractivePrompt, SshLogger } from './types';

export interface AuthContext {
  username: string;
  host: string;
  agent: string | null;
  identityFiles: readonly string[];
  prompts: ConnectionPrompts;
  /** Passphrases that worked before (memory only), by key path. */
  passphraseCache: Map<string, string>;
  maxPassphraseAttempts: number;
  maxInteractiveRounds: number;
  /** End the connection attempt (too many rounds: answering more could loop forever). */
  abort: () => void;
  /** false during automatic reconnection: no keyboard-interactive or password (a push nobody asked for). */
  allowInteractive: boolean;
  logger?: SshLogger;
}

/** Why authentication ended without success, for the error the caller sees. */
export interface AuthOutcome {
  started: boolean;
  /** The server wanted keyboard-interactive or a password, which this attempt was not allowed to use. */
  needsUser: boolean;
  /** A person was asked something on the server's behalf (keyboard-interactive round or password): a retry would ask again, maybe push again. */
  interactive: boolean;
  /** The user was asked anything (including a key passphrase, which stays local). */
  askedUser: boolean;
  tried: string[];
  cancelled: boolean;
  problems: string[];
}

type Step = { kind: 'agent' } | { kind: 'key'; path: string } | { kind: 'keyboard-interactive' } | { kind: 'password' };

const METHOD: Record<Step['kind'], AuthenticationType> = {
  agent: 'publickey',
  key: 'publickey',
  'keyboard-interactive': 'keyboard-interactive',
  password: 'password',
};

/** Control characters (but newline and tab) and bidi overrides removed: server text shown as plain text. */
export function cleanServerText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
}

/** Build ssh2's authHandler for one attempt; `outcome` records what happened. */
export function createAuthHandler(context: AuthContext, outcome: AuthOutcome, onStart: () => void): AuthHandlerMiddleware {
  const steps: Step[] = [];
  if (context.agent) steps.push({ kind: 'agent' });
  for (const path of context.identityFiles) steps.push({ kind: 'key', path });
  if (context.prompts.keyboardInteractive) steps.push({ kind: 'keyboard-interactive' });
  if (context.prompts.password) steps.push({ kind: 'password' });
  const personal = (step: Step): boolean => step.kind === 'keyboard-interactive' || step.kind === 'password';
  let rounds = 0;

  const nextStep = async (methodsLeft: readonly AuthenticationType[] | null): Promise<AnyAuthMethod | false> => {
    for (let step = steps.shift(); step; step = steps.shift()) {
      // null on the first call: the server has not said yet which methods it allows.
      if (methodsLeft && !methodsLeft.includes(METHOD[step.kind])) continue;
      if (personal(step) && !context.allowInteractive) {
        outcome.needsUser = true;
        continue;
      }
      const method = await prepare(step);
      if (method) {
        outcome.tried.push(step.kind === 'key' ? `key ${step.path}` : step.kind);
        context.logger?.debug('ssh auth method', { method: step.kind, host: context.host });
        return method;
      }
    }
    return false;
  };

  const prepare = async (step: Step): Promise<AnyAuthMethod | undefined> => {
    const username = context.username;
    switch (step.kind) {
      case 'agent':
        return { type: 'agent', username, agent: context.agent! };
      case 'key': {
        const key = await loadKey(step.path);
        return key ? { type: 'publickey', username, key } : undefined;
      }
      case 'keyboard-interactive':
        return {
          type: 'keyboard-interactive',
          username,
          prompt: (name, instructions, _lang, prompts, finish) => {
            rounds += 1;
            outcome.interactive = true;
            outcome.askedUser = true;
            if (rounds > context.maxInteractiveRounds) {
              outcome.problems.push(`the server asked more than ${context.maxInteractiveRounds} rounds of questions`);
              context.abort();
              return;
            }
            const cleaned: InteractivePrompt[] = prompts.map((p) => ({ prompt: cleanServerText(p.prompt), echo: p.echo === true }));
            context.prompts.keyboardInteractive!(cleaned, cleanServerText(name), cleanServerText(instructions)).then(
              (answers) => {
                if (answers === undefined) outcome.cancelled = true;
                finish(answers ?? []);
              },
              () => {
                outcome.cancelled = true;
                finish([]);
              },
            );
          },
        };
      case 'password': {
        outcome.interactive = true;
        outcome.askedUser = true;
        const password = await context.prompts.password!({ host: context.host, username });
        if (password === undefined) {
          outcome.cancelled = true;
          return undefined;
        }
        return { type: 'password', username, password };
      }
    }
  };

  const loadKey = async (path: string): Promise<ParsedKey | undefined> => {
    let data: Buffer;
    try {
      data = await readFile(path);
    } catch (error) {
      outcome.problems.push(`cannot read key file ${path}: ${(error as Error).message}`);
      return undefined;
    }
    const first = parse(data, undefined);
    if (!(first instanceof Error)) return first;
    if (!/passphrase|encrypted/i.test(first.message)) {
      outcome.problems.push(`key file ${path} is not a usable private key (${first.message}); OpenSSH and PuTTY formats are supported`);
      return undefined;
    }
    const cached = context.passphraseCache.get(path);
    if (cached !== undefined) {
      const key = parse(data, cached);
      if (!(key instanceof Error)) return key;
      context.passphraseCache.delete(path);
    }
    if (!context.prompts.passphrase) {
      outcome.problems.push(`key file ${path} is encrypted and no passphrase can be asked`);
      return undefined;
    }
    for (let attempt = 1; attempt <= context.maxPassphraseAttempts; attempt++) {
      outcome.askedUser = true;
      const passphrase = await context.prompts.passphrase({ keyPath: path, attempt, retry: attempt > 1 });
      if (passphrase === undefined) {
        outcome.cancelled = true;
        return undefined;
      }
      const key = parse(data, passphrase);
      if (!(key instanceof Error)) {
        context.passphraseCache.set(path, passphrase);
        return key;
      }
      context.logger?.info('ssh key passphrase refused', { keyPath: path, attempt });
    }
    outcome.problems.push(`wrong passphrase for ${path} (${context.maxPassphraseAttempts} attempts)`);
    return undefined;
  };

  return (methodsLeft, _partialSuccess, next) => {
    if (!outcome.started) {
      outcome.started = true;
      onStart();
    }
    nextStep(methodsLeft).then((method) => next(method as AnyAuthMethod), (error: unknown) => {
      outcome.problems.push(error instanceof Error ? error.message : String(error));
      next(false as unknown as AnyAuthMethod);
    });
  };
}

function parse(data: Buffer, passphrase: string | undefined): ParsedKey | Error {
  const parsed = passphrase === undefined ? utils.parseKey(data) : utils.parseKey(data, passphrase);
  if (parsed instanceof Error) return parsed;
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  return key ?? new Error('no key in file');
}

/** The SshError for a failed authentication, with what was tried (never the answers). */
export function authError(outcome: AuthOutcome, host: string, username: string): SshError {
  if (outcome.needsUser) {
    return new SshError(
      'AUTH_NEEDS_USER',
      `Reconnecting to ${username}@${host} needs you: the server asks for a second factor or a password, and the app does not start that (it could send a Duo push) without you. Reconnect when you are ready.`,
    );
  }
  const tried = outcome.tried.length > 0 ? outcome.tried.join(', ') : 'nothing (no usable method)';
  const problems = outcome.problems.length > 0 ? ` Problems: ${outcome.problems.join('; ')}.` : '';
  if (outcome.cancelled && outcome.tried.length === 0) {
    return new SshError('AUTH_CANCELLED', `Authentication to ${username}@${host} was cancelled.${problems}`);
  }
  return new SshError(
    'AUTH_FAILED',
    `The server refused authentication as ${username}@${host}. Tried: ${tried}.${problems} Not retried automatically (a retry could send another Duo push).`,
  );
}
