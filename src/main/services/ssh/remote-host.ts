// RemoteHost: one SSH connection to one host, reused for every command and transfer.
// It owns the connection's life cycle (connect, lose, reconnect with backoff, close), a
// channel limiter below the server's MaxSessions, and the single SFTP session.
import { StringDecoder } from 'node:string_decoder';
import type { Client, ClientChannel, SFTPWrapper } from 'ssh2';
import { commandLine, commandLineIn, RemoteArgumentError } from '../../../shared/remote/quote';
import { ChannelLimiter } from './channel-limiter';
import { connectOnce, type AttemptSettings, type AttemptTarget } from './connect';
import { SshError } from './errors';
import { RemoteFiles } from './remote-files';
import type { ConnectionState, ExecOptions, ExecResult, InteractiveCommand, RemoteHostOptions, ShellCommandOptions } from './types';

type StateListener = (state: ConnectionState, error?: SshError) => void;

/**
 * The exit status of a channel, recorded from inside ssh2's callback: data, exit-status and
 * close may arrive in the same TCP read as the exec's success reply, and ssh2 emits 'exit'
 * synchronously while parsing; a listener attached after an `await` would miss it.
 */
interface ExitBox {
  exit?: { code: number | null; signal?: string };
}

/** Errors after which reconnecting is safe: the network, not the user or the host's identity. */
const NOT_RETRIABLE = ['AUTH_FAILED', 'AUTH_TIMEOUT', 'AUTH_CANCELLED', 'AUTH_NEEDS_USER', 'KEY_UNUSABLE', 'HOST_KEY_CHANGED', 'HOST_KEY_REVOKED', 'HOST_KEY_REJECTED'] as const;

const CHANNEL_OPEN_RETRIES = 5;

export class RemoteHost {
  /** SFTP helpers on this connection (upload, download, stat, readFile, writeFile, mkdirp, sha256). */
  readonly sftp: RemoteFiles;
  private readonly options: RemoteHostOptions;
  private readonly limiter: ChannelLimiter;
  private readonly passphraseCache = new Map<string, string>();
  private readonly listeners = new Set<StateListener>();
  private current: ConnectionState = 'idle';
  private lastError: SshError | undefined;
  private client: Client | undefined;
  private jumpClients: Client[] = [];
  private connecting: Promise<Client> | undefined;
  private sftpSession: Promise<SFTPWrapper> | undefined;
  private closing = false;
  private reconnecting = false;
  private reconnectTimer: NodeJS.Timeout | undefined;
  /** Ends the connection attempt under way (close() during a prompt must not leave it open). */
  private attemptController = new AbortController();
  private readonly readyWaiters = new Set<{ resolve: (client: Client) => void; reject: (error: SshError) => void }>();

  constructor(options: RemoteHostOptions) {
    this.options = options;
    this.limiter = new ChannelLimiter(options.maxChannels ?? 8);
    this.sftp = new RemoteFiles(this);
  }

  /** "user@host:port", for messages. */
  get label(): string {
    return `${this.options.username}@${this.options.host}:${this.options.port ?? 22}`;
  }

  get state(): ConnectionState {
    return this.current;
  }

  /** The error that caused the last 'lost' or 'closed', if any. */
  get error(): SshError | undefined {
    return this.lastError;
  }

  /** Channels in use and callers waiting for one (for monitoring and tests). */
  get channels(): { inUse: number; queued: number; limit: number } {
    return { inUse: this.limiter.inUse, queued: this.limiter.queued, limit: this.limiter.limit };
  }

  /** Listen to state changes; returns the unsubscribe function. */
  onStateChange(listener: StateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Connect now (commands connect on demand too). Rejects with the SshError of the first attempt; no retry. */
  async connect(): Promise<void> {
    await this.ready();
  }

  /**
   * The user's "Reconnect" after the connection gave up (a refused login, a changed host key
   * fixed in known_hosts, too many failed attempts): one fresh attempt, prompts included.
   * Does nothing when ready; waits for the automatic reconnection when one is under way;
   * refused after close().
   */
  async reconnect(): Promise<void> {
    if (this.closing) throw new SshError('CLOSED', `The connection to ${this.label} was closed.`);
    if (this.current === 'closed') {
      clearTimeout(this.reconnectTimer);
      this.reconnecting = false;
      this.current = 'idle';
    }
    await this.ready();
  }

  /** Close the connection for good: pending and future calls fail with CLOSED. */
  close(): void {
    this.closing = true;
    this.attemptController.abort();
    clearTimeout(this.reconnectTimer);
    this.passphraseCache.clear();
    if (this.current === 'closed') return;
    this.teardown();
    this.fail(new SshError('CLOSED', `The connection to ${this.label} was closed.`));
    this.setState('closed');
  }

  /**
   * Run argv (each element one literal argument, quoted by src/shared/remote/quote.ts) and
   * collect its output. A non-zero exit is a result, not an error; errors are SshErrors
   * (CONNECTION_LOST: the outcome is unknown; ABORTED; CLOSED; BAD_ARGUMENT…).
   */
  async exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    const line = this.buildLine(argv, options.cwd);
    const release = await this.acquire(options.signal);
    let opened: { channel: ClientChannel; box: ExitBox };
    try {
      opened = await this.openExec(line, options.pty === true, options.signal);
    } catch (error) {
      release();
      throw error;
    }
    this.options.logger?.debug('ssh exec', { host: this.options.host, program: argv[0] });
    // The slot is freed when the server closes the channel, not when we stop waiting: a
    // cancelled command keeps its server session until it really ends.
    return collect(opened.channel, opened.box, options, this.label, release);
  }

  /**
   * Start argv and talk to it: for tools that ask questions (pty by default). The channel slot
   * is held until the command exits or close() is called.
   */
  async openShellCommand(argv: readonly string[], options: ShellCommandOptions = {}): Promise<InteractiveCommand> {
    const line = this.buildLine(argv, options.cwd);
    const release = await this.acquire();
    let opened: { channel: ClientChannel; box: ExitBox };
    try {
      opened = await this.openExec(line, options.pty !== false, undefined, { cols: options.cols ?? 120, rows: options.rows ?? 40 });
    } catch (error) {
      release();
      throw error;
    }
    this.options.logger?.debug('ssh interactive command', { host: this.options.host, program: argv[0] });
    return interactive(opened.channel, opened.box, release, this.label);
  }

  /** The ready client, connecting or waiting for a reconnection if needed. */
  async ready(): Promise<Client> {
    switch (this.current) {
      case 'ready':
        return this.client!;
      case 'closed':
        throw this.lastError && this.lastError.code !== 'CLOSED'
          ? new SshError('CLOSED', `The connection to ${this.label} is closed: ${this.lastError.message}`, { cause: this.lastError })
          : new SshError('CLOSED', `The connection to ${this.label} is closed.`);
      case 'idle':
        return this.startConnection(false);
      case 'connecting':
      case 'authenticating':
        // A first connection's error goes to its callers; during a reconnection they wait for its end.
        if (this.connecting && !this.reconnecting) return this.connecting;
        return this.waitReady();
      case 'lost':
      case 'reconnecting':
        return this.waitReady();
    }
  }

  /** The connection's one SFTP session (opened on first use, reopened after a reconnection). */
  async sftpSessionFor(): Promise<SFTPWrapper> {
    const client = await this.ready();
    if (!this.sftpSession) {
      const opening = new Promise<SFTPWrapper>((resolve, reject) => {
        client.sftp((error, sftp) => {
          if (error) return reject(new SshError('SFTP_FAILED', `Cannot start SFTP on ${this.label}: ${error.message}`, { cause: error }));
          sftp.once('close', () => {
            if (this.sftpSession === opening) this.sftpSession = undefined;
          });
          resolve(sftp);
        });
      });
      this.sftpSession = opening;
      opening.catch(() => {
        if (this.sftpSession === opening) this.sftpSession = undefined;
      });
    }
    return this.sftpSession;
  }

  // -------------------------------------------------------------------------------------

  private buildLine(argv: readonly string[], cwd: string | undefined): string {
    try {
      return cwd === undefined ? commandLine(argv) : commandLineIn(cwd, argv);
    } catch (error) {
      if (error instanceof RemoteArgumentError) throw new SshError('BAD_ARGUMENT', error.message, { cause: error });
      throw error;
    }
  }

  private async acquire(signal?: AbortSignal): Promise<() => void> {
    try {
      return await this.limiter.acquire(signal);
    } catch (error) {
      throw new SshError('ABORTED', 'The command was cancelled before it started.', { cause: error });
    }
  }

  /** Open an exec channel; on the server's "open failed" (too many sessions) wait and retry. */
  private async openExec(line: string, pty: boolean, signal?: AbortSignal, size?: { cols: number; rows: number }): Promise<{ channel: ClientChannel; box: ExitBox }> {
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw new SshError('ABORTED', 'The command was cancelled before it started.');
      const client = await this.ready();
      try {
        return await new Promise<{ channel: ClientChannel; box: ExitBox }>((resolve, reject) => {
          const ptyOptions = pty ? { term: 'xterm', cols: size?.cols ?? 120, rows: size?.rows ?? 40 } : undefined;
          client.exec(line, ptyOptions ? { pty: ptyOptions } : {}, (error, channel) => {
            if (error) return reject(error);
            const box: ExitBox = {};
            channel.on('exit', (code: number | null, signalName?: string) => {
              box.exit = signalName ? { code, signal: signalName } : { code };
            });
            resolve({ channel, box });
          });
        });
      } catch (error) {
        const message = (error as Error).message;
        // ssh2 throws "Not connected" before sending anything: the command surely did not
        // start, so waiting for the reconnection and trying again is safe.
        if (message === 'Not connected' && attempt < CHANNEL_OPEN_RETRIES && this.options.reconnect?.enabled !== false) continue;
        if (/Channel open failure/i.test(message) && attempt < CHANNEL_OPEN_RETRIES && this.client === client) {
          this.options.logger?.debug('ssh channel refused, waiting', { host: this.options.host, attempt });
          await delay(100 * 2 ** attempt);
          continue;
        }
        if (this.client !== client || this.current !== 'ready') {
          throw new SshError('CONNECTION_LOST', `The connection to ${this.label} was lost before the command started.`, { cause: error });
        }
        throw new SshError('CHANNEL_FAILED', `The server at ${this.label} would not open a channel: ${message}`, { cause: error });
      }
    }
  }

  private settings(onAuthenticating: () => void, allowInteractive: boolean): AttemptSettings {
    const o = this.options;
    return {
      agent: o.agent === undefined ? (process.env.SSH_AUTH_SOCK ?? null) : o.agent,
      knownHostsFile: o.knownHostsFile,
      extraKnownHostsFiles: o.extraKnownHostsFiles ?? [],
      prompts: o.prompts ?? {},
      passphraseCache: this.passphraseCache,
      maxPassphraseAttempts: o.maxPassphraseAttempts ?? 3,
      maxInteractiveRounds: o.maxInteractiveRounds ?? 5,
      keepaliveInterval: o.keepaliveInterval ?? 15_000,
      keepaliveCountMax: o.keepaliveCountMax ?? 3,
      readyTimeout: o.readyTimeout ?? 120_000,
      allowInteractive,
      signal: this.attemptController.signal,
      ...(o.algorithms ? { algorithms: o.algorithms } : {}),
      ...(o.logger ? { logger: o.logger } : {}),
      onAuthenticating,
    };
  }

  /** Connect through the jump hosts (if any) to the target. */
  private async openChain(onAuthenticating: () => void, allowInteractive: boolean): Promise<{ client: Client; jumps: Client[] }> {
    const o = this.options;
    const settings = this.settings(onAuthenticating, allowInteractive);
    const jumps: Client[] = [];
    try {
      let sock: ClientChannel | undefined;
      const hops: AttemptTarget[] = (o.proxyJump ?? []).map((jump) => ({
        host: jump.host,
        port: jump.port ?? 22,
        username: jump.username ?? o.username,
        identityFiles: jump.identityFiles ?? o.identityFiles ?? [],
      }));
      const target: AttemptTarget = { host: o.host, port: o.port ?? 22, username: o.username, identityFiles: o.identityFiles ?? [] };
      for (const [index, hop] of hops.entries()) {
        const jump = await connectOnce(hop, settings, sock);
        jumps.push(jump);
        const next = hops[index + 1] ?? target;
        sock = await new Promise<ClientChannel>((resolve, reject) => {
          jump.forwardOut('127.0.0.1', 0, next.host, next.port, (error, stream) =>
            error ? reject(new SshError('CONNECT_FAILED', `Jump host ${hop.host}:${hop.port} cannot reach ${next.host}:${next.port}: ${error.message}`, { cause: error })) : resolve(stream),
          );
        });
      }
      const client = await connectOnce(target, settings, sock);
      return { client, jumps };
    } catch (error) {
      for (const jump of jumps) jump.end();
      throw error;
    }
  }

  private startConnection(reconnecting: boolean): Promise<Client> {
    this.reconnecting = reconnecting;
    this.setState(reconnecting ? 'reconnecting' : 'connecting');
    // Automatic reconnections never start keyboard-interactive or password logins.
    const attempt = this.openChain(() => this.setState('authenticating'), !reconnecting).then(
      ({ client, jumps }) => {
        this.connecting = undefined;
        if (this.closing) {
          client.end();
          for (const jump of jumps) jump.end();
          throw new SshError('CLOSED', `The connection to ${this.label} was closed.`);
        }
        this.adopt(client, jumps);
        return client;
      },
      (error: unknown) => {
        this.connecting = undefined;
        const failure = error instanceof SshError ? error : new SshError('CONNECT_FAILED', String(error), { cause: error });
        if (!reconnecting && !this.closing) {
          // A first connection is not retried: the caller sees the error and may call again.
          this.lastError = failure;
          this.setState('idle', failure);
        }
        throw failure;
      },
    );
    this.connecting = attempt;
    return attempt;
  }

  private adopt(client: Client, jumps: Client[]): void {
    this.client = client;
    this.jumpClients = jumps;
    this.lastError = undefined;
    let networkError: Error | undefined;
    client.on('error', (error: Error) => {
      networkError = error;
    });
    client.once('close', () => {
      if (this.client !== client) return;
      this.client = undefined;
      this.sftpSession = undefined;
      for (const jump of this.jumpClients) jump.end();
      this.jumpClients = [];
      if (this.closing) return;
      const lost = new SshError('CONNECTION_LOST', `The connection to ${this.label} was lost${networkError ? `: ${networkError.message}` : ''}.`, networkError ? { cause: networkError } : undefined);
      this.lastError = lost;
      this.setState('lost', lost);
      this.options.logger?.warn('ssh connection lost', { host: this.options.host, reason: networkError?.message });
      if (this.options.reconnect?.enabled === false) {
        this.fail(lost);
        this.setState('closed', lost);
        return;
      }
      this.scheduleReconnect(1);
    });
    this.setState('ready');
    for (const waiter of this.readyWaiters) waiter.resolve(client);
    this.readyWaiters.clear();
  }

  private scheduleReconnect(attempt: number): void {
    const policy = this.options.reconnect ?? {};
    const maxAttempts = policy.maxAttempts ?? 20;
    const base = Math.min((policy.initialDelayMs ?? 1000) * 2 ** (attempt - 1), policy.maxDelayMs ?? 60_000);
    const wait = base * (0.8 + Math.random() * 0.4);
    this.reconnectTimer = setTimeout(() => {
      if (this.closing) return;
      this.startConnection(true).catch((error: SshError) => {
        if (this.closing) return;
        const fatal = (NOT_RETRIABLE as readonly string[]).includes(error.code);
        if (fatal || attempt >= maxAttempts) {
          const final = fatal ? error : new SshError('CLOSED', `Gave up reconnecting to ${this.label} after ${attempt} attempts: ${error.message}`, { cause: error });
          this.lastError = final;
          this.fail(final);
          this.setState('closed', final);
          return;
        }
        this.lastError = error;
        this.setState('lost', error);
        this.scheduleReconnect(attempt + 1);
      });
    }, wait);
  }

  private waitReady(): Promise<Client> {
    return new Promise((resolve, reject) => this.readyWaiters.add({ resolve, reject }));
  }

  private fail(error: SshError): void {
    for (const waiter of this.readyWaiters) waiter.reject(error);
    this.readyWaiters.clear();
  }

  private teardown(): void {
    const client = this.client;
    this.client = undefined;
    this.sftpSession = undefined;
    client?.end();
    for (const jump of this.jumpClients) jump.end();
    this.jumpClients = [];
  }

  private setState(state: ConnectionState, error?: SshError): void {
    if (this.current === state && error === undefined) return;
    this.current = state;
    this.options.logger?.debug('ssh state', { host: this.options.host, state });
    for (const listener of [...this.listeners]) listener(state, error);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Gather one exec channel's output until exit. */
function collect(channel: ClientChannel, box: ExitBox, options: ExecOptions, label: string, release: () => void): Promise<ExecResult> {
  return new Promise<ExecResult>((resolve, reject) => {
    const out = new StringDecoder('utf8');
    const err = new StringDecoder('utf8');
    let stdout = '';
    let stderr = '';
    let stopped: SshError | undefined;
    const stop = (error: SshError): void => {
      if (stopped) return;
      stopped = error;
      try {
        channel.signal('KILL');
      } catch {
        // the server may not support signals; closing the channel is what counts
      }
      channel.close();
      reject(error);
    };
    const onAbort = (): void => stop(new SshError('ABORTED', `The command on ${label} was cancelled; the channel was closed.`));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => stop(new SshError('TIMEOUT', `The command on ${label} did not finish within ${options.timeoutMs} ms; the channel was closed.`)), options.timeoutMs);
    channel.on('data', (data: Buffer) => {
      const text = out.write(data);
      if (text === '') return;
      stdout += text;
      options.onData?.(text);
    });
    channel.stderr.on('data', (data: Buffer) => {
      const text = err.write(data);
      if (text === '') return;
      stderr += text;
      options.onStderr?.(text);
    });
    channel.once('close', () => {
      release();
      clearTimeout(timer);
      const exit = box.exit;
      options.signal?.removeEventListener('abort', onAbort);
      const tail = out.end();
      if (tail) {
        stdout += tail;
        options.onData?.(tail);
      }
      stderr += err.end();
      if (stopped) return reject(stopped);
      if (!exit) return reject(new SshError('CONNECTION_LOST', `The connection to ${label} closed before the command finished; its outcome is unknown.`));
      resolve({ exitCode: exit.code ?? -1, stdout, stderr, ...(exit.signal ? { signal: exit.signal } : {}) });
    });
    if (options.stdin !== undefined) channel.end(options.stdin);
    else channel.end();
  });
}

/** Wrap an open channel as an InteractiveCommand. */
function interactive(channel: ClientChannel, box: ExitBox, release: () => void, label: string): InteractiveCommand {
  const decoder = new StringDecoder('utf8');
  const dataListeners = new Set<(chunk: string) => void>();
  const exitListeners = new Set<(result: { exitCode: number; signal?: string }) => void>();
  const early: string[] = [];
  let result: { exitCode: number; signal?: string } | undefined;
  const emit = (text: string): void => {
    if (text === '') return;
    if (dataListeners.size === 0) early.push(text);
    for (const listener of dataListeners) listener(text);
  };
  channel.on('data', (data: Buffer) => emit(decoder.write(data)));
  channel.stderr.on('data', (data: Buffer) => emit(decoder.write(data)));
  const exited = new Promise<{ exitCode: number; signal?: string }>((resolve, reject) => {
    channel.once('close', () => {
      release();
      emit(decoder.end());
      const exit = box.exit;
      if (!exit) {
        reject(new SshError('CONNECTION_LOST', `The interactive command on ${label} ended without an exit status (channel closed or connection lost).`));
        return;
      }
      result = { exitCode: exit.code ?? -1, ...(exit.signal ? { signal: exit.signal } : {}) };
      for (const listener of exitListeners) listener(result);
      resolve(result);
    });
  });
  // An unobserved rejection must not crash the process; callers see it through `exited`.
  exited.catch(() => undefined);
  return {
    onData(listener) {
      dataListeners.add(listener);
      for (const chunk of early.splice(0)) listener(chunk);
      return () => dataListeners.delete(listener);
    },
    write(data) {
      channel.write(data);
    },
    onExit(listener) {
      if (result) listener(result);
      else exitListeners.add(listener);
      return () => exitListeners.delete(listener);
    },
    exited,
    end() {
      channel.end();
    },
    close() {
      channel.close();
    },
  };
}
