import { expect } from 'vitest';
import {
  diagnosticSignature,
  inCanonicalOrder,
  type DiagnosticsDelta,
  type IncrementalValidator,
} from '../../../src/shared/incremental';
import type { Diagnostic, WorkflowBundle } from '../../../src/shared/model';
import { validateWorkflow, type ValidateOptions } from '../../../src/shared/validate';

/** The diagnostics as comparable lines, in canonical order. */
export function lines(diagnostics: readonly Diagnostic[]): string[] {
  return inCanonicalOrder(diagnostics).map(diagnosticSignature);
}

/**
 * Follows a validator by its deltas the way the diagnostics store does, failing on a delta
 * that removes an unknown key or adds a key twice.
 */
export class DeltaMirror {
  readonly byKey = new Map<string, Diagnostic>();

  constructor(validator: IncrementalValidator) {
    for (const { key, diagnostic } of validator.diagnostics()) this.byKey.set(key, diagnostic);
  }

  apply(delta: DiagnosticsDelta): void {
    for (const key of delta.removed) {
      expect(this.byKey.has(key), `removed key ${key} is known`).toBe(true);
      this.byKey.delete(key);
    }
    for (const { key, diagnostic } of delta.added) {
      expect(this.byKey.has(key), `added key ${key} is new`).toBe(false);
      this.byKey.set(key, diagnostic);
    }
  }
}

/** Asserts that the validator, and a view kept by its deltas, hold what a fresh full check finds. */
export function expectSameAsFull(
  validator: IncrementalValidator,
  mirror: DeltaMirror,
  bundle: WorkflowBundle,
  options: ValidateOptions = {},
): void {
  const full = lines(validateWorkflow(bundle, options));
  const listed = validator.diagnostics();
  expect(listed.map((entry) => diagnosticSignature(entry.diagnostic))).toEqual(full);
  expect(lines([...mirror.byKey.values()])).toEqual(full);
  expect(new Set(listed.map((entry) => entry.key)).size).toBe(listed.length);
}
