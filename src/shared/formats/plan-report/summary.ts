import type { PlanJobKind } from '../../plan/types';
import type { PlanReport, TransferTotals } from './report';

const KIND_LABELS: ReadonlyArray<[PlanJobKind, string]> = [
  ['compute', 'compute'],
  ['cluster', 'clustered (merge_*)'],
  ['dax', 'sub-workflow (pegasus-plan_*)'],
  ['dag', 'sub-DAG (dagman_*)'],
  ['stage-in', 'stage-in'],
  ['inter-site', 'inter-site'],
  ['stage-out', 'stage-out'],
  ['registration', 'registration'],
  ['stage-worker', 'worker package'],
  ['create-dir', 'create-dir'],
  ['cleanup', 'in-place cleanup'],
  ['leaf-cleanup', 'leaf cleanup'],
  ['noop', 'noop'],
];

/** Bytes as B, KB, MB, GB (powers of 1024), one decimal. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** Seconds as `1h 02m 03s`, `4m 05s` or `6s`. */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m ${String(rest).padStart(2, '0')}s`;
  if (m > 0) return `${m}m ${String(rest).padStart(2, '0')}s`;
  return `${rest}s`;
}

function transferLine(label: string, totals: TransferTotals): string {
  const size =
    totals.files === 0
      ? ''
      : totals.unknownSizes === totals.files
        ? ', sizes unknown'
        : `, ${formatBytes(totals.bytes)}${totals.unknownSizes > 0 ? ` (+${totals.unknownSizes} of unknown size)` : ''}`;
  return `  ${label.padEnd(11)} ${totals.files} file(s) in ${totals.jobs} job(s)${size}`;
}

/** The human summary of a plan report (`plan-summary.txt`, and what the CLI prints). */
export function formatPlanSummary(report: PlanReport): string {
  const lines: string[] = [];
  lines.push(`Plan of ${report.workflow} (index ${report.index}) → ${report.relativeDir}`);
  const o = report.options;
  lines.push(
    `  sites ${o.sites.join(',')}; data ${o.dataConfiguration}; output sites ${o.outputSites.join(',') || '(none)'}; cleanup ${o.cleanup}; clustering ${o.cluster.join(',') || 'none'}${o.force ? '; --force' : ''}`,
  );
  lines.push(
    '',
    `Jobs: ${report.jobs} (${report.edges} edges)${report.prunedJobs > 0 ? `, ${report.prunedJobs} abstract job(s) pruned by data reuse` : ''}`,
  );
  const width = Math.max(...KIND_LABELS.map(([, label]) => label.length));
  for (const [kind, label] of KIND_LABELS) {
    const count = report.jobsByKind[kind];
    if (count) lines.push(`  ${label.padEnd(width)} ${String(count).padStart(8)}`);
  }
  lines.push('', `Levels: ${report.levels}; widest level: ${report.width.level} with ${report.width.jobs} job(s)`);
  const path = report.criticalPath.jobs;
  const shown =
    path.length <= 8
      ? path.join(' → ')
      : `${path.slice(0, 4).join(' → ')} → … (${path.length - 8} more) … → ${path.slice(-4).join(' → ')}`;
  lines.push(`Critical path: ${formatDuration(report.criticalPath.seconds)} over ${path.length} job(s): ${shown}`);
  lines.push(
    '',
    'Transfers:',
    transferLine('stage-in', report.transfers.stageIn),
    transferLine('inter-site', report.transfers.interSite),
    transferLine('stage-out', report.transfers.stageOut),
  );
  const m = report.makespan;
  lines.push(
    '',
    `Estimated makespan on ${m.slots} slot(s): ${formatDuration(m.seconds)} (list scheduling; ${m.jobsWithoutRuntime} compute job(s) had no runtime profile and count as ${m.defaultRuntime}s each, auxiliary jobs as ${m.auxiliaryRuntime}s)`,
  );
  return `${lines.join('\n')}\n`;
}
