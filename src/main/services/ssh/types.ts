// Public types of the SSH layer: what a caller passes to RemoteHost and what it gets back.
import type { Algorithms } from 'ssh2';

/** Life cycle of a RemoteHost's one connection. */
export type ConnectionState = 'idle' | 'connecting' | 'authenticating' | 'ready' | 'lost' | 'reconnecting' | 'closed';

/** One keyboard-interactive prompt as the server sent it (text already cleaned of control characters). */
export interface InteractivePrompt {
  prompt: string;
  /** false: the answer is secret (a passcode): hide what the user types. */
  echo: boolean;
}

/** Shown to the user when a host presents a key that no known_hosts file has. */
export interface UnknownHostKey {
  host: string;
  port: number;
  keyType: string;
  /** `SHA256:…` as ssh prints it. */
  fingerprint: string;
}

/**
 * The questions a connection may ask the user. Each returns undefined when the user cancels.
 * Answers are used for this connection only, except a key passphrase which is kept in memory
 * (never on disk) so that a reconnection does not ask again.
 */
export interface ConnectionPrompts {
  /** Unknown host key: resolve true only on the user's explicit word. */
  confirmHostKey?(key: UnknownHostKey): Promise<boolean>;
  /** Passphrase of an encrypted key file; `retry` after a wrong one. */
  passphrase?(request: { keyPath: string; attempt: number; retry: boolean }): Promise<string | undefined>;
  /** Keyboard-interactive round (Duo menu, passcode…): one answer per prompt, in order. */
  keyboardInteractive?(prompts: InteractivePrompt[], name: string, instructions: string): Promise<string[] | undefined>;
  /** Account password. */
  password?(request: { host: string; username: string }): Promise<string | undefined>;
}

/** Structured log sink. Messages and fields never contain secrets or full command lines. */
export interface SshLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

/** A host in a ProxyJump chain. */
export interface JumpTarget {
  host: string;
  port?: number;
  username?: string;
  identityFiles?: string[];
}

export interface ReconnectPolicy {
  /** Default true. Reconnection happens only after network errors, never after auth or host-key failures. */
  enabled?: boolean;
  /** First wait, doubled each attempt with ±20 % jitter. Default 1000 ms. */
  initialDelayMs?: number;
  /** Cap of the wait. Default 60000 ms. */
  maxDelayMs?: number;
  /** Give up (state 'closed') after this many failed attempts. Default 20. */
  maxAttempts?: number;
}

export interface RemoteHostOptions {
  host: string;
  port?: number;
  username: string;
  /** Private key files tried in order after the agent. */
  identityFiles?: readonly string[];
  /** ssh-agent socket; default process.env.SSH_AUTH_SOCK; null disables the agent. */
  agent?: string | null;
  /** known_hosts read for verification and appended when the user trusts a new key. */
  knownHostsFile: string;
  /** More known_hosts files read (never written), e.g. /etc/ssh/ssh_known_hosts. */
  extraKnownHostsFiles?: readonly string[];
  prompts?: ConnectionPrompts;
  /** Jump hosts, connected in order (ProxyJump). */
  proxyJump?: readonly JumpTarget[];
  /** Channels open at once; keep below the server's MaxSessions (10 for OpenSSH). Default 8. */
  maxChannels?: number;
  /** Keep-alive interval, ms. Default 15000; 0 disables. */
  keepaliveInterval?: number;
  /** Unanswered keep-alives before the connection counts as lost. Default 3. */
  keepaliveCountMax?: number;
  /** Time for TCP connect + handshake + authentication, ms (covers a human approving a push). Default 120000. */
  readyTimeout?: number;
  reconnect?: ReconnectPolicy;
  /**
   * Per-host algorithm override (ssh2 `algorithms`), e.g. `{ cipher: ['aes128-gcm@openssh.com', 'aes256-ctr'] }`
   * inside Electron (BoringSSL lacks it), or `append` for an old server. Never set globally.
   */
  algorithms?: Algorithms;
  /** Passphrase tries per key before giving up on it. Default 3. */
  maxPassphraseAttempts?: number;
  /** Keyboard-interactive rounds accepted per connection. Default 5. */
  maxInteractiveRounds?: number;
  logger?: SshLogger;
}

export interface ExecOptions {
  /** Directory to run in (the command runs only if `cd` succeeds). */
  cwd?: string;
  /** Written to the command's stdin, then stdin is closed. */
  stdin?: string;
  /** Aborting closes the channel and rejects with ABORTED. */
  signal?: AbortSignal;
  /** Allocate a pseudo-terminal (stderr then arrives merged into stdout). */
  pty?: boolean;
  /** Give up after this long (ms): the command gets KILL (best effort), the channel is closed, and the call rejects with TIMEOUT. */
  timeoutMs?: number;
  /** Each stdout chunk as it arrives (UTF-8, never split inside a character). */
  onData?: (chunk: string) => void;
  /** Each stderr chunk as it arrives. */
  onStderr?: (chunk: string) => void;
}

export interface ExecResult {
  /** The remote exit status; -1 when the command was killed by a signal. */
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Signal name (e.g. 'SIGTERM') when the command was killed by one. */
  signal?: string;
}

export interface ShellCommandOptions {
  cwd?: string;
  /** Default true: interactive tools ask their questions only on a terminal. */
  pty?: boolean;
  cols?: number;
  rows?: number;
}

/** A running command the caller talks to (answers questions of an interactive tool). */
export interface InteractiveCommand {
  /** Output chunks (stdout and, with a pty, stderr); chunks that arrived before the first listener are replayed to it. */
  onData(listener: (chunk: string) => void): () => void;
  /** Send text to the command's stdin, e.g. an answer followed by '\n'. */
  write(data: string): void;
  /** Called once when the command ends (immediately if it already has). */
  onExit(listener: (result: { exitCode: number; signal?: string }) => void): () => void;
  /** Resolves when the command ends; rejects with CONNECTION_LOST if the connection drops first. */
  readonly exited: Promise<{ exitCode: number; signal?: string }>;
  /** Close stdin (end of answers). */
  end(): void;
  /** Close the channel (the remote command gets SIGHUP with a pty). */
  close(): void;
}
