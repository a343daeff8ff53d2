import type { Diagnostic } from '../../../shared/model';
import type { IpcErrorCode } from '../../../shared/ipc';

/**
 * An error a service throws on purpose: its `code` and `message` cross IPC as
 * `{ ok: false, error }`; anything else becomes `INTERNAL` with no details (no stack
 * traces or paths leak to the page).
 */
export class ServiceError extends Error {
  readonly code: IpcErrorCode;
  readonly diagnostics?: Diagnostic[];

  constructor(code: IpcErrorCode, message: string, diagnostics?: Diagnostic[]) {
    super(message);
    this.name = 'ServiceError';
    this.code = code;
    if (diagnostics) this.diagnostics = diagnostics;
  }
}

/** Maps a Node file-system error to a {@link ServiceError} that names the file. */
export function fsError(error: unknown, file: string, doing: string): ServiceError {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return new ServiceError('NOT_FOUND', `${file}: no such file or folder`);
  if (code === 'EEXIST') return new ServiceError('EXISTS', `${file}: already exists`);
  if (code === 'EACCES' || code === 'EPERM') return new ServiceError('FORBIDDEN', `${file}: permission denied while ${doing}`);
  if (code === 'EISDIR') return new ServiceError('IO_ERROR', `${file}: is a folder`);
  const reason = error instanceof Error ? error.message : String(error);
  return new ServiceError('IO_ERROR', `${file}: ${doing} failed: ${reason}`);
}
