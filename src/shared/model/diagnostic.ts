/** How bad a problem is. `error`: pegasus-plan would refuse the workflow (or the data is wrong). */
export type Severity = 'error' | 'warning' | 'info';

/** What a diagnostic points at, so the UI can select and centre it. */
export type DiagnosticTarget =
  | { kind: 'workflow' }
  | { kind: 'job'; jobId: string; field?: string }
  | { kind: 'file'; lfn: string; jobId?: string }
  | { kind: 'dependency'; parent: string; child: string }
  | { kind: 'transformation'; key: string; field?: string }
  | { kind: 'site'; name: string; field?: string }
  | { kind: 'replica'; lfn: string; field?: string }
  | { kind: 'container'; name: string; field?: string };

/** A place in a source file; line and column are 1-based. */
export interface SourceLocation {
  file?: string;
  line: number;
  column: number;
}

/** A problem found in a document, with a stable code (listed in the README). */
export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  target?: DiagnosticTarget;
  location?: SourceLocation;
}

/** The core returns values, not exceptions. */
export type Result<T> = { ok: true; value: T; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };
