import type { Diagnostic, Severity } from '../model/diagnostic';

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function targetText(d: Diagnostic): string {
  return d.target ? JSON.stringify(d.target) : '';
}

/**
 * The canonical order of diagnostics: errors first, then warnings, then infos; within a
 * severity by code, then by message (which names the job or file), then by target. It
 * depends on the diagnostics alone, not on which rule ran first, so a list kept up to date
 * by deltas and a list from a fresh check come out the same. Cost: O(message) per comparison.
 */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const severity = SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
  if (severity !== 0) return severity;
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  if (a.message !== b.message) return a.message < b.message ? -1 : 1;
  const ta = targetText(a);
  const tb = targetText(b);
  return ta === tb ? 0 : ta < tb ? -1 : 1;
}

/** A copy of `diagnostics` in the canonical order ({@link compareDiagnostics}). Cost: O(n log n). */
export function inCanonicalOrder(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(compareDiagnostics);
}
