/**
 * What the validation worker does with each request, also usable on the main thread (the
 * fallback when no worker can start): `load` checks the whole document once and keeps an
 * incremental validator; `patch` applies an edit's patch to it and answers with the delta.
 */
import { parseAtPath } from '../api/wire-text';
import type { Patch } from '../../shared/edit';
import {
  IncrementalValidator,
  type DiagnosticsDelta,
  type KeyedDiagnostic,
  applyDelta,
  mergeDeltas,
} from '../../shared/incremental';
import type { CatalogFiles, Workflow } from '../../shared/model';

export type ValidationRequest =
  /** `folded`: edits made before the load was sent, already in its workflow (the save path counts them). */
  | { kind: 'load'; seq: number; workflow: Workflow; catalogs: CatalogFiles; folded?: number }
  /** A load whose workflow is what `text` parses to at `path` (the JSON it reached the page in). */
  | { kind: 'loadText'; seq: number; text: string; path: readonly string[]; catalogs: CatalogFiles; folded?: number }
  | { kind: 'patch'; seq: number; patch: Patch };

/** The load a `loadText` request stands for (parsing it: on the worker's thread). */
export function loadFromText(request: Extract<ValidationRequest, { kind: 'loadText' }>): Extract<ValidationRequest, { kind: 'load' }> {
  const workflow = parseAtPath(request.text, request.path) as Workflow;
  return { kind: 'load', seq: request.seq, workflow, catalogs: request.catalogs, ...(request.folded ? { folded: request.folded } : {}) };
}

/**
 * `reset`: every diagnostic, in canonical order (after a load, or when the validator had to
 * start over); `delta`: what changed since the previous reply. `seq` is the latest request
 * applied. `failed` asks the sender to load the document again.
 */
export type ValidationReply =
  | { kind: 'reset'; seq: number; diagnostics: KeyedDiagnostic[]; millis: number; failed?: boolean }
  | { kind: 'delta'; seq: number; delta: DiagnosticsDelta; millis: number };

type ResetReply = Extract<ValidationReply, { kind: 'reset' }>;

function failure(seq: number, error: unknown, millis: number): ResetReply {
  const message = `Validation failed: ${error instanceof Error ? error.message : String(error)}`;
  return {
    kind: 'reset',
    seq,
    millis,
    failed: true,
    diagnostics: [{ key: 'failed', diagnostic: { code: 'PC000', severity: 'error', message } }],
  };
}

export class ValidationSession {
  private validator: IncrementalValidator | null = null;

  /** Checks a whole document. Cost: about one full validation. */
  load(seq: number, workflow: Workflow, catalogs: CatalogFiles): ValidationReply {
    const started = performance.now();
    try {
      this.validator = IncrementalValidator.create({ workflow, catalogs });
      return { kind: 'reset', seq, diagnostics: this.validator.diagnostics(), millis: performance.now() - started };
    } catch (error) {
      this.validator = null;
      return { ...failure(seq, error, performance.now() - started), failed: false };
    }
  }

  /** Follows one edit; a session that lost its document (a failure) asks for a new load. */
  patch(seq: number, patch: Patch): ValidationReply | undefined {
    const validator = this.validator;
    if (!validator) return undefined;
    const started = performance.now();
    try {
      return { kind: 'delta', seq, delta: validator.apply(patch), millis: performance.now() - started };
    } catch (error) {
      this.validator = null;
      return failure(seq, error, performance.now() - started);
    }
  }
}

/** The reply that says what `earlier` and then `later` say, so a burst of edits is sent once. */
export function combineReplies(earlier: ValidationReply, later: ValidationReply): ValidationReply {
  if (later.kind === 'reset') return later;
  const millis = earlier.millis + later.millis;
  if (earlier.kind === 'reset') {
    return { ...earlier, seq: later.seq, millis, diagnostics: applyDelta(earlier.diagnostics, later.delta).list };
  }
  return { kind: 'delta', seq: later.seq, millis, delta: mergeDeltas(earlier.delta, later.delta) };
}
