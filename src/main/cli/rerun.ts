import { rerunRun } from '../services/submit/run-actions';
import { resumeSubmission } from '../services/submit/submit-run';
import { parseCommandLine, type CliCommand, type CliIo } from './command';
import { intervalMs, jobLines, RUN_USAGE, openRunArgument, withRunHost, watchWithProgress } from './remote-run-support';

const usage = `usage: pegasus-canvas rerun RUN [--watch] [--interval SEC] [--runs-dir DIR]

Resubmits a failed or removed run with pegasus-run: DAGMan runs the rescue DAG, so the jobs
that succeeded are not run again. A submission that was interrupted (upload or planning) is
carried on instead: files already on the host are not sent again. With --watch, follows it
like status --watch.
Exit status: 0 resubmitted (and, with --watch, succeeded), 1 otherwise, 2 bad usage.

${RUN_USAGE}`;

const options = { watch: { type: 'boolean' }, interval: { type: 'string' }, 'runs-dir': { type: 'string' } } as const;

async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, options);
  const interval = intervalMs(values.interval);
  const opened = await openRunArgument(positionals, values['runs-dir'], io);
  const store = opened.store;
  let record = opened.record;
  return withRunHost(record, io, 'rerun', async (host) => {
    if (record.stage !== 'watch') {
      const resumed = await resumeSubmission(record, { host, store });
      record = resumed;
      const sent = resumed.lastUpload
        ? ` (${resumed.lastUpload.sent.length} file(s) sent, ${resumed.lastUpload.skipped.length} already there)`
        : '';
      io.stdout(`Carried on the submission of run ${record.id}${sent}; submit directory: ${record.submitDir}\n`);
    } else {
      record = await rerunRun(host, record, store);
      io.stdout(`Resubmitted run ${record.id} (rescue DAG, rerun ${record.reruns}).\n`);
    }
    if (!values.watch) return 0;
    record = await watchWithProgress(host, record, store, interval, io);
    for (const line of jobLines(record)) io.stdout(`${line}\n`);
    return record.state === 'succeeded' ? 0 : 1;
  });
}

export const rerunCommand: CliCommand = {
  name: 'rerun',
  summary: 'resubmit a failed or removed run (pegasus-run, rescue DAG)',
  usage,
  run,
};
