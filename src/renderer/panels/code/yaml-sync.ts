/**
 * The two directions between the workflow model and the code view's text, without Monaco:
 * a canvas edit is merged into the parsed YAML document (comments, key order and keys the
 * model does not know stay where the user wrote them), and a text edit is read back with the
 * core reader, whose diagnostics carry the line and column for the editor's markers.
 */
import { type Document, parseDocument } from 'yaml';
import { mergeIntoDocument, pegasusIdentity } from '../../../shared/formats/yaml-preserving/merge-into-document';
import { readWorkflow, writeWorkflow } from '../../../shared/formats/pegasus-yaml';
import type { Diagnostic, Workflow } from '../../../shared/model';

/**
 * Above this many characters the code view offers the file read-only: a canvas edit merges
 * the whole YAML tree again (linear in its size), measured at about 0.25 s for 1,000 jobs,
 * 0.9 s for 5,000 (1.1 MB) and 1.5 s for 10,000 (2.2 MB) on this machine, and opening costs
 * about twice that. At 1 MB an edit still lands in under a second.
 */
export const CODE_VIEW_MAX_CHARS = 1024 * 1024;

/** How the text is written out: long lines stay long, `[a, b]` stays without padding. */
export const TO_STRING = { lineWidth: 0, flowCollectionPadding: false } as const;

/** The same as a plain JSON tree: what the writer emits, as `mergeIntoDocument` wants it. */
function plainWorkflow(workflow: Workflow): unknown {
  return JSON.parse(writeWorkflow(workflow, { format: 'json' })) as unknown;
}

/** A YAML document for `workflow`: `text` when given (the file as the user wrote it), merged up to the model. */
export function documentFor(workflow: Workflow, text?: string): Document {
  if (text !== undefined) {
    const doc = parseDocument(text, { keepSourceTokens: false });
    if (doc.errors.length === 0) {
      mergeIntoDocument(doc, plainWorkflow(workflow), pegasusIdentity);
      return doc;
    }
  }
  return parseDocument(writeWorkflow(workflow));
}

/** Brings `doc` to `workflow` in place and returns its new text. */
export function mergeWorkflow(doc: Document, workflow: Workflow): string {
  mergeIntoDocument(doc, plainWorkflow(workflow), pegasusIdentity);
  return doc.toString(TO_STRING);
}

export type TextReading =
  { ok: true; workflow: Workflow; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

/**
 * Reads the text of the code view. It fails (and the canvas keeps its workflow) when the
 * reader fails, or when it reports more errors than the text last applied had
 * (`acceptedErrors`): a half-typed line must not wipe jobs off the canvas, while a file that
 * opened with errors can still be edited.
 */
export function readText(text: string, acceptedErrors: number, file?: string): TextReading {
  const result = readWorkflow(text, file === undefined ? {} : { file });
  if (!result.ok) return { ok: false, diagnostics: result.diagnostics };
  if (errorCount(result.diagnostics) > acceptedErrors) return { ok: false, diagnostics: result.diagnostics };
  return { ok: true, workflow: result.value, diagnostics: result.diagnostics };
}

/** True when the two workflows write the same file (the text edit changed nothing the model holds). */
export function sameWorkflow(a: Workflow, b: Workflow): boolean {
  return writeWorkflow(a, { format: 'json' }) === writeWorkflow(b, { format: 'json' });
}

/** The number of error diagnostics. */
export function errorCount(diagnostics: readonly Diagnostic[]): number {
  let n = 0;
  for (const d of diagnostics) if (d.severity === 'error') n++;
  return n;
}
