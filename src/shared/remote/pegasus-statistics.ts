import { checkAbsolutePath, firstProblem } from './pegasus-args';
import { parseCount, parseFailure, type ParseResult } from './pegasus-output';

/** `pegasus-statistics -s all [-f csv] -- SUBMIT_DIR`. */
export function buildStatisticsCommand(submitDir: string, format: 'text' | 'csv' = 'text'): ParseResult<readonly string[]> {
  return firstProblem([checkAbsolutePath('the submit directory', submitDir)], () => [
    'pegasus-statistics', '-s', 'all', ...(format === 'csv' ? ['-f', 'csv'] : []), '--', submitDir,
  ]);
}

/** One row of the `Type Succeeded Failed Incomplete Total Retries Total+Retries` table. */
export interface StatisticsRow {
  /** `Tasks`, `Jobs` or `Sub-Workflows`. */
  type: string;
  succeeded: number;
  failed: number;
  incomplete: number;
  total: number;
  retries: number;
  totalRetries: number;
}

export interface StatisticsSummary {
  rows: StatisticsRow[];
  /** `Workflow wall time` → `1 min, 56 secs`, and the other `label : value` lines, in order. */
  times: { label: string; value: string }[];
  /** The files written under `<submit>/statistics/` (label → path). */
  files: { label: string; path: string }[];
  /** `N files checksums compared/generated …` lines, verbatim. */
  integrity: string[];
}

const TABLE_HEADER = /^Type\s+Succeeded\s+Failed\s+Incomplete\s+Total\s+Retries\s+Total\+Retries\s*$/;

/**
 * Parses the text pegasus-statistics prints (sample-outputs.md §5). The summary table is
 * required; the time, integrity and file lines are collected when present.
 */
export function parseStatisticsText(stdout: string): ParseResult<StatisticsSummary> {
  const lines = stdout.split(/\r?\n/);
  const header = lines.findIndex((line) => TABLE_HEADER.test(line.trim()));
  if (header < 0) {
    return parseFailure('pegasus-statistics', 'the summary table (Type Succeeded Failed Incomplete Total Retries Total+Retries)', stdout);
  }
  const rows: StatisticsRow[] = [];
  let index = header + 1;
  for (; index < lines.length; index++) {
    const match = /^(\S+(?:\s\S+)*?)\s+([\d,]+)\s+([\d,]+)\s+([\d,]+)\s+([\d,]+)\s+([\d,]+)\s+([\d,]+)\s*$/.exec((lines[index] ?? '').trim());
    if (!match) break;
    const [succeeded = 0, failed = 0, incomplete = 0, total = 0, retries = 0, totalRetries = 0] = match.slice(2).map((token) => parseCount(token) ?? 0);
    rows.push({ type: match[1] ?? '', succeeded, failed, incomplete, total, retries, totalRetries });
  }
  if (rows.length === 0) return parseFailure('pegasus-statistics', 'rows under the summary table header', lines.slice(header, header + 3).join('\n'));
  const times: StatisticsSummary['times'] = [];
  const files: StatisticsSummary['files'] = [];
  const integrity: string[] = [];
  for (const line of lines.slice(index)) {
    if (line.startsWith('#') || line.trim() === '') continue;
    if (/files checksums (compared|generated)/.test(line)) {
      integrity.push(line.trim());
      continue;
    }
    const pair = /^(.+?)\s+:\s+(.*)$/.exec(line);
    if (!pair) continue;
    const label = (pair[1] ?? '').trim();
    const value = (pair[2] ?? '').trim();
    if (/statistics\/[^/]+\.(txt|csv)$/.test(value)) files.push({ label, path: value });
    else times.push({ label, value });
  }
  return { ok: true, value: { rows, times, files, integrity } };
}
