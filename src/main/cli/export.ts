import path from 'node:path';
import { EXPORT_FORMATS, exportWorkflow, isExportFormat, type ExportFormat } from '../../shared/formats/export';
import { writeFileAtomic } from '../services/workspace/atomic-write';
import { loadWorkflowBundle, type LoadBundleOptions } from '../services/workspace/load-bundle';
import { CATALOG_OPTIONS_USAGE, optionValue, takeCatalogOption } from './bundle-options';
import { UsageError, type CliCommand, type CliIo } from './command';
import { UNREADABLE_CODES, diagnosticLine, displayPath } from './report';

const usage = `usage: pegasus-canvas export FILE --to ${EXPORT_FORMATS.join('|')} [--files] [--reduce] [-o OUT] [catalog options]

Writes the workflow FILE in another form, to stdout or to OUT (written atomically):
  yaml, json  Pegasus 5.0 workflow as pegasus-plan reads it, inferred dependencies written out
  python      a script that builds the same workflow with the Pegasus 5 Python API and writes it
  dot         Graphviz of the jobs (--files: with the files between them; --reduce: without
              edges implied by others)

  -o, --output OUT          file to write instead of stdout
${CATALOG_OPTIONS_USAGE}
`;

interface ExportArgs {
  file: string;
  to: ExportFormat;
  files: boolean;
  reduce: boolean;
  output?: string;
  catalogs: LoadBundleOptions;
}

function parse(args: string[], cwd: string): ExportArgs {
  const catalogs: LoadBundleOptions = {};
  let file: string | undefined;
  let to: string | undefined;
  let output: string | undefined;
  let files = false;
  let reduce = false;
  for (let i = 0; i < args.length;) {
    const arg = args[i]!;
    const used = takeCatalogOption(args, i, cwd, catalogs);
    if (used > 0) {
      i += used;
      continue;
    }
    if (arg === '--to' || arg === '-t') to = optionValue(args, i++, arg);
    else if (arg.startsWith('--to=')) to = arg.slice('--to='.length);
    else if (arg === '-o' || arg === '--output') output = path.resolve(cwd, optionValue(args, i++, arg));
    else if (arg.startsWith('--output=')) output = path.resolve(cwd, arg.slice('--output='.length));
    else if (arg === '--files') files = true;
    else if (arg === '--reduce') reduce = true;
    else if (arg.startsWith('-')) throw new UsageError(`unknown option '${arg}'`);
    else if (file === undefined) file = path.resolve(cwd, arg);
    else throw new UsageError(`one workflow file only ('${arg}' is extra)`);
    i++;
  }
  if (file === undefined) throw new UsageError('missing the workflow FILE');
  if (to === undefined) throw new UsageError(`missing --to (one of ${EXPORT_FORMATS.join(', ')})`);
  if (!isExportFormat(to)) throw new UsageError(`unknown format '${to}' (one of ${EXPORT_FORMATS.join(', ')})`);
  if ((files || reduce) && to !== 'dot') throw new UsageError('--files and --reduce apply to --to dot');
  if (files && reduce) throw new UsageError('--reduce draws jobs only; it does not go with --files');
  return { file, to, files, reduce, output, catalogs };
}

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'write a workflow as YAML, JSON, a Pegasus Python API script or Graphviz DOT',
  usage,
  async run(args: string[], io: CliIo): Promise<number> {
    const parsed = parse(args, io.cwd);
    const loaded = await loadWorkflowBundle(parsed.file, parsed.catalogs);
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
    if (!loaded.ok) {
      io.stderr(`${errors.map((d) => diagnosticLine(d, parsed.file, io.cwd)).join('\n')}\n`);
      return loaded.diagnostics.some((d) => UNREADABLE_CODES.has(d.code)) ? 2 : 1;
    }
    if (errors.length > 0) {
      io.stderr(
        `${displayPath(parsed.file, io.cwd)}: exporting despite ${errors.length} reading error(s); run validate for details\n`,
      );
    }
    const base = (file: string | undefined) => (file ? path.basename(file) : undefined);
    const text = exportWorkflow(loaded.bundle, parsed.to, {
      files: parsed.files,
      reduce: parsed.reduce,
      workflowFile: path.basename(parsed.file).replace(/\.json$/i, '.yml'),
      catalogFiles: {
        sites: base(loaded.files.sites),
        replicas: base(loaded.files.replicas),
        transformations: base(loaded.files.transformations),
      },
      source: path.basename(parsed.file),
    });
    if (parsed.output === undefined) {
      io.stdout(text);
      return 0;
    }
    try {
      await writeFileAtomic(parsed.output, text);
    } catch (error) {
      io.stderr(
        `pegasus-canvas export: cannot write ${displayPath(parsed.output, io.cwd)}: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      return 1;
    }
    io.stderr(`wrote ${displayPath(parsed.output, io.cwd)}\n`);
    return 0;
  },
};
