import path from 'node:path';
import { parseArgs } from 'node:util';
import { removeRun } from '../services/submit/run-actions';
import { UsageError, type CliCommand, type CliIo } from './command';
import { connectToRun, loadRun, reportFailure, RUN_USAGE, runStoreFor } from './remote-run-support';

const usage = `usage: pegasus-canvas remove RUN [--runs-dir DIR]

Stops a submitted run with pegasus-remove (condor_rm of its DAGMan job). A removed run can be
started again with rerun. Exit status: 0 removed, 1 pegasus-remove failed (e.g. nothing left
to remove), 2 bad usage.

${RUN_USAGE}`;

const options = { 'runs-dir': { type: 'string' } } as const;

async function run(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError(`one run, not ${positionals.length}`);
  const store = runStoreFor(io, values['runs-dir'] === undefined ? undefined : path.resolve(io.cwd, values['runs-dir']));
  const record = await loadRun(store, positionals[0]);
  let host;
  try {
    host = await connectToRun(record, io);
    const message = await removeRun(host, record, store);
    io.stdout(`${message ? `${message}\n` : ''}Removed run ${record.id}.\n`);
    return 0;
  } catch (error) {
    return reportFailure(error, io, 'remove');
  } finally {
    host?.close();
  }
}

export const removeCommand: CliCommand = { name: 'remove', summary: 'stop a submitted run (pegasus-remove)', usage, run };
