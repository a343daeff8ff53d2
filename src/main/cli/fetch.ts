import path from 'node:path';
import { fetchOutputs } from '../services/submit/run-actions';
import { parseCommandLine, UsageError, type CliCommand, type CliIo } from './command';
import { RUN_USAGE, openRunArgument, withRunHost } from './remote-run-support';

const usage = `usage: pegasus-canvas fetch RUN -o DIR [--runs-dir DIR]

Downloads the outputs the run staged to the submit host (its output directory, by default the
run folder's outputs/) into DIR, keeping their relative paths. Exit status: 0 downloaded,
1 the download failed, 2 bad usage.

${RUN_USAGE}`;

const options = { output: { type: 'string', short: 'o' }, 'runs-dir': { type: 'string' } } as const;

async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, options);
  if (!values.output) throw new UsageError('-o DIR is required: where to put the outputs');
  const { record } = await openRunArgument(positionals, values['runs-dir'], io);
  const target = path.resolve(io.cwd, values.output);
  return withRunHost(record, io, 'fetch', async (host) => {
    const files = await fetchOutputs(host, record, target);
    for (const file of files) io.stdout(`${path.join(target, file)}\n`);
    io.stderr(`${files.length} file(s) from ${record.outputDir} downloaded.\n`);
    return 0;
  });
}

export const fetchCommand: CliCommand = {
  name: 'fetch',
  summary: "download a run's outputs from the submit host",
  usage,
  run,
};
