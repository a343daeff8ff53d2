import type { DependencyGraph } from '../infer';
import type { Diagnostic, DiagnosticTarget } from '../model/diagnostic';
import type { Workflow, WorkflowBundle } from '../model/workflow';
import { VALIDATION_CODES, type ValidationCode } from './codes';

/** Where rules write: the whole validation's list, or one group of the incremental validator. */
export interface DiagnosticSink {
  readonly diagnostics: Diagnostic[];
}

/** What every rule reads, and where it writes. */
export interface ValidationContext extends DiagnosticSink {
  readonly bundle: WorkflowBundle;
  readonly workflow: Workflow;
  readonly graph: DependencyGraph;
}

/** Adds a diagnostic with the severity of its code. */
export function report(
  context: DiagnosticSink,
  code: ValidationCode,
  message: string,
  target?: DiagnosticTarget,
): void {
  const diagnostic: Diagnostic = { code, severity: VALIDATION_CODES[code].severity, message };
  if (target) diagnostic.target = target;
  context.diagnostics.push(diagnostic);
}

/** `'a'`, `'a' and 'b'`, `'a', 'b' and 2 more`: short lists for messages. */
export function quoteList(items: readonly string[], max = 5): string {
  const quoted = items.slice(0, max).map((item) => `'${item}'`);
  if (items.length > max) return `${quoted.join(', ')} and ${items.length - max} more`;
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}
