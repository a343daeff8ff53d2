import type { Diagnostic, SourceLocation } from '../../shared/model';

/**
 * Gives diagnostics that have a target but no location (validation works on the model, not
 * the text) the line and column of what they point at in the workflow text: the job's `id`
 * key (jobs come before `jobDependencies` in Pegasus files), for a dependency the parent's
 * entry in `jobDependencies`. What cannot be found stays without a location. One pass over
 * the text, done only when some diagnostic needs it. Cost: O(text length).
 */
export function locateTargets(text: string, file: string, diagnostics: Diagnostic[]): void {
  if (
    !diagnostics.some(
      (d) =>
        !d.location &&
        d.target &&
        (d.target.kind === 'job' || d.target.kind === 'file' || d.target.kind === 'dependency'),
    )
  )
    return;
  const jobs = new Map<string, SourceLocation>();
  const parents = new Map<string, SourceLocation>();
  const dependenciesAt = text.search(/["']?jobDependencies["']?\s*:/);
  const idPattern = /(["']?)id\1\s*:\s*(["']?)([-0-9A-Za-z_.]+)\2/g;
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  for (let match = idPattern.exec(text); match; match = idPattern.exec(text)) {
    for (let i = scanned; i < match.index; i++) {
      if (text.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    scanned = match.index;
    // `_id`, `pid`… are not the key `id`.
    const before = match.index > 0 ? text[match.index - 1]! : ' ';
    if (/[A-Za-z0-9_]/.test(before)) continue;
    const location = { file, line, column: match.index - lineStart + 1 };
    const target = dependenciesAt >= 0 && match.index > dependenciesAt ? parents : jobs;
    if (!target.has(match[3]!)) target.set(match[3]!, location);
  }
  for (const d of diagnostics) {
    if (d.location || !d.target) continue;
    const t = d.target;
    const found =
      t.kind === 'job'
        ? jobs.get(t.jobId)
        : t.kind === 'file' && t.jobId !== undefined
          ? jobs.get(t.jobId)
          : t.kind === 'dependency'
            ? (parents.get(t.parent) ?? jobs.get(t.parent))
            : undefined;
    if (found) d.location = found;
  }
}
