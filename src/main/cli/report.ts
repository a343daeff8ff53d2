import path from 'node:path';
import type { Diagnostic } from '../../shared/model';

/** Codes that mean the file itself could not be read (exit code 2), not that it has errors. */
export const UNREADABLE_CODES = new Set(['PC290', 'PC100', 'PC105']);

/** A path as the user would type it: relative to the working directory when inside it. */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** `FILE:LINE:COL: SEVERITY CODE message`, one line (line breaks in the message become spaces). */
export function diagnosticLine(d: Diagnostic, fallbackFile: string, cwd: string): string {
  const file = displayPath(d.location?.file ?? fallbackFile, cwd);
  const line = d.location?.line ?? 1;
  const column = d.location?.column ?? 1;
  return `${file}:${line}:${column}: ${d.severity} ${d.code} ${d.message.replace(/\s*\n\s*/g, ' ')}`;
}

/** `2 errors, 1 warning` */
export function countSummary(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}
