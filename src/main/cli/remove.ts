import { removeRun } from '../services/submit/run-actions';
import { parseCommandLine, type CliCommand, type CliIo } from './command';
import { RUN_USAGE, openRunArgument, withRunHost } from './remote-run-support';

const usage = `usage: pegasus-canvas remove RUN [--runs-dir DIR]

Stops a submitted run with pegasus-remove (condor_rm of its DAGMan job). A removed run can be
started again with rerun. Exit status: 0 removed, 1 pegasus-remove failed (e.g. nothing left
to remove), 2 bad usage.

${RUN_USAGE}`;

const options = { 'runs-dir': { type: 'string' } } as const;

async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, options);
  const opened = await openRunArgument(positionals, values['runs-dir'], io);
  const store = opened.store;
  const record = opened.record;
  return withRunHost(record, io, 'remove', async (host) => {
    const message = await removeRun(host, record, store);
    io.stdout(`${message ? `${message}\n` : ''}Removed run ${record.id}.\n`);
    return 0;
  });
}

export const removeCommand: CliCommand = {
  name: 'remove',
  summary: 'stop a submitted run (pegasus-remove)',
  usage,
  run,
};
