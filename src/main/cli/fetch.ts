import path from 'node:path';
import { parseArgs } from 'node:util';
import { fetchOutputs } from '../services/submit/run-actions';
import { UsageError, type CliCommand, type CliIo } from './command';
import { connectToRun, loadRun, reportFailure, RUN_USAGE, runStoreFor } from './remote-run-support';

const usage = `usage: pegasus-canvas fetch RUN -o DIR [--runs-dir DIR]

Downloads the outputs the run staged to the submit host (its output directory, by default the
run folder's outputs/) into DIR, keeping their relative paths. Exit status: 0 downloaded,
1 the download failed, 2 bad usage.

${RUN_USAGE}`;

const options = { output: { type: 'string', short: 'o' }, 'runs-dir': { type: 'string' } } as const;

async function run(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError(`one run, not ${positionals.length}`);
  if (!values.output) throw new UsageError('-o DIR is required: where to put the outputs');
  const store = runStoreFor(io, values['runs-dir'] === undefined ? undefined : path.resolve(io.cwd, values['runs-dir']));
  const record = await loadRun(store, positionals[0]);
  const target = path.resolve(io.cwd, values.output);
  let host;
  try {
    host = await connectToRun(record, io);
    const files = await fetchOutputs(host, record, target);
    for (const file of files) io.stdout(`${path.join(target, file)}\n`);
    io.stderr(`${files.length} file(s) from ${record.outputDir} downloaded.\n`);
    return 0;
  } catch (error) {
    return reportFailure(error, io, 'fetch');
  } finally {
    host?.close();
  }
}

export const fetchCommand: CliCommand = { name: 'fetch', summary: "download a run's outputs from the submit host", usage, run };
