import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../../shared/model';
import { validateWorkflow } from '../../shared/validate';
import { loadWorkflowBundle, type LoadBundleOptions } from '../services/workspace/load-bundle';
import { CATALOG_OPTIONS_USAGE, takeCatalogOption } from './bundle-options';
import { UsageError, type CliCommand, type CliIo } from './command';
import { locateTargets } from './locate';
import { UNREADABLE_CODES, countSummary, diagnosticLine, displayPath } from './report';
import { subWorkflowExists } from './sub-workflow-files';

const usage = `usage: pegasus-canvas validate [--json] [catalog options] FILE...

Checks each workflow FILE and its catalogs the way pegasus-plan would, and prints one line per
problem: FILE:LINE:COL: SEVERITY CODE message (the codes are listed in the README).
Exit status: 0 no errors, 1 errors found, 2 a file cannot be read or the usage is wrong.

  --json                    one JSON document on stdout instead of lines
${CATALOG_OPTIONS_USAGE}
`;

interface FileReport {
  file: string;
  readable: boolean;
  errors: number;
  warnings: number;
  diagnostics: Diagnostic[];
}

/** Loads, validates and locates the diagnostics of one file. */
export async function validateFile(file: string, options: LoadBundleOptions): Promise<FileReport> {
  const loaded = await loadWorkflowBundle(file, options);
  let diagnostics: Diagnostic[];
  let readable = true;
  if (!loaded.ok) {
    diagnostics = loaded.diagnostics;
    readable = !diagnostics.some((d) => UNREADABLE_CODES.has(d.code));
  } else {
    const checked = validateWorkflow(loaded.bundle, { subWorkflowExists: subWorkflowExists(loaded.files.workflow) });
    if (checked.length > 0) {
      const text = await readFile(loaded.files.workflow, 'utf8').catch(() => '');
      locateTargets(text, loaded.files.workflow, checked);
    }
    diagnostics = [...loaded.diagnostics, ...withoutRepeats(checked, loaded.diagnostics)];
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  return { file: path.resolve(file), readable, errors, warnings, diagnostics };
}

/**
 * The reader already reports a malformed job id (PC114) and an empty job list (PC116) at
 * their place in the text; validation says the same from the model (PC202, PC217) for the
 * app. On the command line each problem is printed once.
 */
function withoutRepeats(checked: Diagnostic[], read: readonly Diagnostic[]): Diagnostic[] {
  const badIdLines = new Set(read.filter((d) => d.code === 'PC114' && d.location).map((d) => d.location!.line));
  const emptyList = read.some((d) => d.code === 'PC116');
  return checked.filter(
    (d) => !(d.code === 'PC202' && d.location && badIdLines.has(d.location.line)) && !(d.code === 'PC217' && emptyList),
  );
}

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'check workflows as pegasus-plan would (FILE:LINE:COL: SEVERITY CODE message)',
  usage,
  async run(args: string[], io: CliIo): Promise<number> {
    const options: LoadBundleOptions = {};
    const files: string[] = [];
    let json = false;
    for (let i = 0; i < args.length;) {
      const arg = args[i]!;
      const used = takeCatalogOption(args, i, io.cwd, options);
      if (used > 0) {
        i += used;
        continue;
      }
      if (arg === '--json') json = true;
      else if (arg === '--') {
        files.push(...args.slice(i + 1).map((f) => path.resolve(io.cwd, f)));
        break;
      } else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}'`);
      else files.push(path.resolve(io.cwd, arg));
      i++;
    }
    if (files.length === 0) throw new UsageError('missing the workflow FILE');

    const reports: FileReport[] = [];
    for (const file of files) {
      if (io.signal.aborted) break;
      reports.push(await validateFile(file, options));
    }

    if (json) {
      const out = reports.map((r) => ({ ...r, file: displayPath(r.file, io.cwd) }));
      io.stdout(`${JSON.stringify({ files: out }, null, 2)}\n`);
    } else {
      for (const report of reports) {
        const sorted = [...report.diagnostics].sort(
          (a, b) =>
            (a.location?.line ?? 1) - (b.location?.line ?? 1) || (a.location?.column ?? 1) - (b.location?.column ?? 1),
        );
        // Diagnostics of catalog files name their own file; keep them after the workflow's.
        const own = sorted.filter((d) => !d.location?.file || d.location.file === report.file);
        const others = sorted.filter((d) => d.location?.file && d.location.file !== report.file);
        const lines = [...own, ...others].map((d) => diagnosticLine(d, report.file, io.cwd));
        if (lines.length > 0) io.stdout(`${lines.join('\n')}\n`);
        io.stderr(
          `${displayPath(report.file, io.cwd)}: ${report.readable ? countSummary(report.diagnostics) : 'cannot be read'}\n`,
        );
      }
    }
    if (reports.some((r) => !r.readable)) return 2;
    return reports.some((r) => r.errors > 0) ? 1 : 0;
  },
};
