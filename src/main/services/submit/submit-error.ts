/** Stable codes of the submission service, so the CLI and the UI can explain a failure. */
export type SubmitErrorCode =
  /** A file to upload is missing or unreadable on the laptop. */
  | 'LOCAL_FILE'
  /** The uploaded files' checksums on the host differ from the laptop's. */
  | 'CHECKSUM_MISMATCH'
  /** A Pegasus tool exited with an error (message carries its stderr). */
  | 'TOOL_FAILED'
  /** A Pegasus tool's output was not what it prints (garbage, another version's layout). */
  | 'BAD_OUTPUT'
  /** An option or name that cannot go on a command line. */
  | 'BAD_OPTION'
  /** No run record with that id or path. */
  | 'RUN_NOT_FOUND'
  /** The run record exists but cannot be read. */
  | 'RUN_UNREADABLE'
  /** The action needs a planned run (a submit directory) and this one has none yet. */
  | 'NOT_PLANNED';

export class SubmitError extends Error {
  readonly code: SubmitErrorCode;
  constructor(code: SubmitErrorCode, message: string) {
    super(message);
    this.name = 'SubmitError';
    this.code = code;
  }
}
