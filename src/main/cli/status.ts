import { pollRun } from '../services/submit/monitor';
import { statisticsOfRun, type RunStatistics } from '../services/submit/run-actions';
import { parseCommandLine, type CliCommand, type CliIo } from './command';
import {
  intervalMs,
  jobLines,
  progressLine,
  RUN_USAGE,
  openRunArgument,
  withRunHost,
  watchWithProgress,
} from './remote-run-support';

const usage = `usage: pegasus-canvas status RUN [--watch] [--interval SEC] [--statistics] [--json] [--runs-dir DIR]

Asks the host for the run's state (pegasus-status -j and the new lines of jobstate.log) and
prints its progress and each job's state: queued, running, succeeded, failed or held. With
--watch, polls every --interval seconds (default 5) until the run succeeds, fails or is
removed; a dropped connection is retried and the watch goes on where it was. With
--statistics, also prints pegasus-statistics' summary and a chart of each job's runtime.
Exit status: 0 the run succeeded or is still going, 1 it failed or the host could not tell.

${RUN_USAGE}`;

const options = {
  watch: { type: 'boolean' },
  interval: { type: 'string' },
  statistics: { type: 'boolean' },
  json: { type: 'boolean' },
  'runs-dir': { type: 'string' },
} as const;

/** The summary table, the wall times, and one bar per job runtime (longest first). */
export function statisticsLines(statistics: RunStatistics): string[] {
  const lines = ['', 'Type           Succeeded  Failed  Incomplete  Total  Retries'];
  for (const row of statistics.summary.rows) {
    lines.push(
      `${row.type.padEnd(15)}${String(row.succeeded).padStart(9)}${String(row.failed).padStart(8)}${String(row.incomplete).padStart(12)}${String(row.total).padStart(7)}${String(row.retries).padStart(9)}`,
    );
  }
  for (const time of statistics.summary.times) lines.push(`${time.label}: ${time.value}`);
  if (statistics.runtimes.length > 0) {
    lines.push('', 'Job runtimes (s):');
    const longest = Math.max(...statistics.runtimes.map((job) => job.runtime), 1);
    const width = Math.max(...statistics.runtimes.map((job) => (job.jobId ?? job.node).length));
    for (const job of statistics.runtimes) {
      lines.push(
        `  ${(job.jobId ?? job.node).padEnd(width)}  ${'#'.repeat(Math.max(1, Math.round((job.runtime / longest) * 40)))} ${job.runtime}`,
      );
    }
  }
  return lines;
}

async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, options);
  const interval = intervalMs(values.interval);
  const opened = await openRunArgument(positionals, values['runs-dir'], io);
  const store = opened.store;
  let record = opened.record;
  return withRunHost(record, io, 'status', async (host) => {
    if (values.watch) {
      record = await watchWithProgress(host, record, store, interval, io, values.json === true);
    } else {
      record = (await pollRun(host, record, store)).record;
      if (!values.json) io.stdout(`${progressLine(record)}\n`);
    }
    const statistics = values.statistics ? await statisticsOfRun(host, record) : undefined;
    if (values.json) io.stdout(`${JSON.stringify(statistics ? { ...record, statistics } : record, null, 2)}\n`);
    else {
      for (const line of jobLines(record)) io.stdout(`${line}\n`);
      if (statistics) for (const line of statisticsLines(statistics)) io.stdout(`${line}\n`);
    }
    if (record.state === 'failed' && !values.json) io.stdout(`Run 'pegasus-canvas analyze ${record.id}' to see why.\n`);
    return record.state === 'failed' ? 1 : 0;
  });
}

export const statusCommand: CliCommand = {
  name: 'status',
  summary: "show a submitted run's progress and job states (pegasus-status)",
  usage,
  run,
};
