// Every failure of the SSH layer is an SshError with a stable code, so callers (CLI, IPC,
// submission) can explain it and decide whether a retry is safe without parsing messages.

/** Stable error codes of the SSH layer. */
export type SshErrorCode =
  /** The server refused every authentication method we were allowed to try. No retry: a retry could send another Duo push. */
  | 'AUTH_FAILED'
  /** The server or the user took too long during authentication (e.g. an unanswered Duo push). */
  | 'AUTH_TIMEOUT'
  /** The user cancelled a prompt (passphrase, password, keyboard-interactive). */
  | 'AUTH_CANCELLED'
  /** An automatic reconnection reached a server that wants a person (keyboard-interactive, password): it stops there rather than send a Duo push nobody asked for; reconnect() asks. */
  | 'AUTH_NEEDS_USER'
  /** The key file cannot be read or parsed (not a passphrase problem). */
  | 'KEY_UNUSABLE'
  /** The host presented a key different from the one in known_hosts: possible attack; hard stop. */
  | 'HOST_KEY_CHANGED'
  /** known_hosts marks the presented key @revoked. */
  | 'HOST_KEY_REVOKED'
  /** The key was unknown and the user did not trust it. */
  | 'HOST_KEY_REJECTED'
  /** TCP connect / DNS / handshake failure before authentication. */
  | 'CONNECT_FAILED'
  /** The established connection dropped (network error, server gone, keep-alive timeout). */
  | 'CONNECTION_LOST'
  /** close() was called, or reconnection gave up. */
  | 'CLOSED'
  /** The caller's AbortSignal fired; the channel was closed. */
  | 'ABORTED'
  /** The server would not open a channel even after waiting for a free one. */
  | 'CHANNEL_FAILED'
  /** An SFTP operation failed (message says which and where). */
  | 'SFTP_FAILED'
  /** A transfer or command made no progress within its time limit. */
  | 'TIMEOUT'
  /** An argument cannot be sent through a remote shell (NUL byte). */
  | 'BAD_ARGUMENT';

export class SshError extends Error {
  readonly code: SshErrorCode;
  constructor(code: SshErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SshError';
    this.code = code;
  }
}

/** True when `error` is an SshError with one of `codes`. */
export function isSshError(error: unknown, ...codes: SshErrorCode[]): error is SshError {
  return error instanceof SshError && (codes.length === 0 || codes.includes(error.code));
}

/** Codes after which calling the same RemoteHost again cannot succeed without the user (or a new RemoteHost). */
export const PERMANENT_SSH_ERRORS: readonly SshErrorCode[] = [
  'AUTH_FAILED',
  'AUTH_TIMEOUT',
  'AUTH_CANCELLED',
  'AUTH_NEEDS_USER',
  'KEY_UNUSABLE',
  'HOST_KEY_CHANGED',
  'HOST_KEY_REVOKED',
  'HOST_KEY_REJECTED',
  'CLOSED',
  'BAD_ARGUMENT',
];

/** True for an SshError that retrying will not fix (see PERMANENT_SSH_ERRORS); false for network trouble. */
export function isPermanentSshError(error: unknown): boolean {
  return error instanceof SshError && PERMANENT_SSH_ERRORS.includes(error.code);
}
