// One connection attempt: TCP (or a jump host's forwarded stream) → handshake with host-key
// verification → authentication. Resolves with a ready ssh2 Client or rejects with an
// SshError whose code says whether a retry is safe.
import { Client, type Algorithms, type ClientChannel, type ConnectConfig } from 'ssh2';
import { authError, createAuthHandler, type AuthOutcome } from './auth';
import { SshError } from './errors';
import { keyTypeOfBlob, sha256Fingerprint } from './fingerprint';
import { checkHostKey, trustHostKey } from './known-hosts';
import type { ConnectionPrompts, SshLogger } from './types';

export interface AttemptTarget {
  host: string;
  port: number;
  username: string;
  identityFiles: readonly string[];
}

export interface AttemptSettings {
  agent: string | null;
  knownHostsFile: string;
  extraKnownHostsFiles: readonly string[];
  prompts: ConnectionPrompts;
  passphraseCache: Map<string, string>;
  maxPassphraseAttempts: number;
  maxInteractiveRounds: number;
  keepaliveInterval: number;
  keepaliveCountMax: number;
  readyTimeout: number;
  /** false for automatic reconnections (see auth.ts). */
  allowInteractive: boolean;
  algorithms?: Algorithms;
  /** Abort the attempt (RemoteHost.close() while connecting or while a prompt is open). */
  signal?: AbortSignal;
  logger?: SshLogger;
  onAuthenticating?: () => void;
}

/** Open one authenticated connection to `target`, through `sock` when given (a jump host's channel). */
export function connectOnce(target: AttemptTarget, settings: AttemptSettings, sock?: ClientChannel): Promise<Client> {
  const client = new Client();
  const where = `${target.username}@${target.host}:${target.port}`;
  const outcome: AuthOutcome = { started: false, needsUser: false, interactive: false, askedUser: false, tried: [], cancelled: false, problems: [] };
  let hostKeyError: SshError | undefined;

  const hostVerifier = (keyBlob: Buffer, verify: (valid: boolean) => void): void => {
    const keyType = keyTypeOfBlob(keyBlob);
    const fingerprint = sha256Fingerprint(keyBlob);
    const files = [settings.knownHostsFile, ...settings.extraKnownHostsFiles];
    checkHostKey(files, target.host, target.port, keyType, keyBlob)
      .then(async (verdict) => {
        settings.logger?.debug('ssh host key', { host: target.host, port: target.port, keyType, fingerprint, verdict: verdict.status });
        switch (verdict.status) {
          case 'match':
            return true;
          case 'revoked':
            hostKeyError = new SshError('HOST_KEY_REVOKED', `The host key of ${target.host}:${target.port} (${keyType} ${fingerprint}) is marked @revoked in ${verdict.file} line ${verdict.line}. Connection refused.`);
            return false;
          case 'changed':
            hostKeyError = new SshError(
              'HOST_KEY_CHANGED',
              `WARNING: the host key of ${target.host}:${target.port} has CHANGED. It now presents ${keyType} ${fingerprint}, which differs from the key recorded in ${verdict.file} line ${verdict.line}. Someone could be intercepting the connection, or the host was reinstalled. The connection was stopped. If the administrators confirm the new key, remove line ${verdict.line} from ${verdict.file} and connect again.`,
            );
            return false;
          case 'unknown': {
            const trusted = settings.prompts.confirmHostKey ? await settings.prompts.confirmHostKey({ host: target.host, port: target.port, keyType, fingerprint }) : false;
            if (!trusted) {
              hostKeyError = new SshError('HOST_KEY_REJECTED', `The host key of ${target.host}:${target.port} (${keyType} ${fingerprint}) is not in ${settings.knownHostsFile} and was not trusted. Connection refused.`);
              return false;
            }
            await trustHostKey(settings.knownHostsFile, target.host, target.port, keyType, keyBlob);
            settings.logger?.info('ssh host key trusted', { host: target.host, port: target.port, keyType, fingerprint, file: settings.knownHostsFile });
            return true;
          }
        }
      })
      .then(verify, (error: unknown) => {
        hostKeyError = new SshError('CONNECT_FAILED', `Cannot check the host key of ${target.host}:${target.port}: ${(error as Error).message}`, { cause: error });
        verify(false);
      });
  };

  const config: ConnectConfig = {
    host: target.host,
    port: target.port,
    username: target.username,
    hostVerifier,
    authHandler: createAuthHandler(
      {
        username: target.username,
        host: target.host,
        agent: settings.agent,
        identityFiles: target.identityFiles,
        prompts: settings.prompts,
        passphraseCache: settings.passphraseCache,
        maxPassphraseAttempts: settings.maxPassphraseAttempts,
        maxInteractiveRounds: settings.maxInteractiveRounds,
        abort: () => client.end(),
        allowInteractive: settings.allowInteractive,
        ...(settings.logger ? { logger: settings.logger } : {}),
      },
      outcome,
      () => settings.onAuthenticating?.(),
    ),
    keepaliveInterval: settings.keepaliveInterval,
    keepaliveCountMax: settings.keepaliveCountMax,
    readyTimeout: settings.readyTimeout,
    ...(settings.algorithms ? { algorithms: settings.algorithms } : {}),
    ...(sock ? { sock } : {}),
  };

  return new Promise<Client>((resolve, reject) => {
    let settled = false;
    const fail = (error: SshError): void => {
      if (settled) return;
      settled = true;
      client.end();
      reject(error);
    };
    settings.signal?.addEventListener('abort', () => fail(new SshError('CLOSED', `The connection to ${where} was closed while connecting.`)), { once: true });
    client.once('ready', () => {
      if (settled) return void client.end();
      settled = true;
      settings.logger?.info('ssh connected', { host: target.host, port: target.port, user: target.username });
      resolve(client);
    });
    client.on('error', (error: Error & { level?: string }) => {
      if (settled) return;
      if (hostKeyError) return fail(hostKeyError);
      if (error.level === 'client-authentication') return fail(authError(outcome, target.host, target.username));
      if (error.level === 'client-timeout' && outcome.started && outcome.askedUser) {
        return fail(new SshError('AUTH_TIMEOUT', `Authentication to ${where} did not finish within ${Math.round(settings.readyTimeout / 1000)} s (an unanswered prompt or push?). Not retried automatically.`, { cause: error }));
      }
      if (outcome.started && outcome.interactive) {
        return fail(new SshError('AUTH_FAILED', `The connection to ${where} failed during authentication: ${error.message}. Not retried automatically.`, { cause: error }));
      }
      // Before anyone was asked anything, a network failure is only a network failure.
      fail(new SshError('CONNECT_FAILED', `Cannot connect to ${where}: ${error.message}`, { cause: error }));
    });
    client.once('close', () => {
      if (settled) return;
      if (hostKeyError) return fail(hostKeyError);
      if (outcome.started && outcome.problems.length > 0) return fail(authError(outcome, target.host, target.username));
      if (outcome.started && outcome.interactive) {
        return fail(new SshError('AUTH_FAILED', `The server closed the connection to ${where} during authentication (a prompt not answered in time, or too many failures). Not retried automatically.`));
      }
      fail(new SshError('CONNECT_FAILED', `The connection to ${where} closed before it was ready.`));
    });
    try {
      client.connect(config);
    } catch (error) {
      fail(new SshError('CONNECT_FAILED', `Cannot connect to ${where}: ${(error as Error).message}`, { cause: error }));
    }
  });
}
