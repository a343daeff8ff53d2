import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../../shared/model';
import { plan, type CleanupMode, type ClusterStyle, type DataConfiguration, type PlanOptions } from '../../shared/plan';
import { formatPlanSummary } from '../../shared/formats/plan-report';
import { validateWorkflow } from '../../shared/validate';
import { SubmitDirError, writeSubmitDirectory, type WriteSubmitDirOptions } from '../services/plan/write-submit-dir';
import { loadWorkflowBundle, type LoadBundleOptions } from '../services/workspace/load-bundle';
import { CATALOG_OPTIONS_USAGE, optionValue, takeCatalogOption } from './bundle-options';
import { UsageError, type CliCommand, type CliIo } from './command';
import { locateTargets } from './locate';
import { UNREADABLE_CODES, countSummary, diagnosticLine } from './report';

const usage = `usage: pegasus-canvas plan FILE -o DIR [options]

Checks the workflow FILE (as validate does), plans it offline as pegasus-plan would, and
writes the submit directory DIR: the DAGMan .dag, one .sub per job in 00/00/ subfolders, the
.in transfer lists, braindump.yml, and the plan report (plan.json, plan-summary.txt).
Prints the report's summary.
Exit status: 0 planned, 1 the workflow cannot be planned, 2 bad usage or unreadable file.

  -o, --output DIR            the submit directory to write (new, empty, or an earlier plan)
  -s, --sites S[,S]           execution sites (default: every site except local)
  --staging-site E=S[,E=S]    staging site per execution site (nonsharedfs); a bare S applies to all
  --output-sites S[,S]        where stageOut outputs go (default: none)
  --cleanup MODE              none, leaf or inplace (default inplace)
  --cluster STYLE[,STYLE]     horizontal and/or label
  --data-configuration C      condorio (default), nonsharedfs or sharedfs
  -f, --force                 skip data reuse
  --relative-dir D            submit and execution directory below the base (default USER/pegasus/NAME/run0001)
  --stage-worker              add the job that fetches the Pegasus worker package
  --slots N                   slots for the makespan estimate (default 1)
  --default-runtime SEC       runtime of a compute job without a runtime profile (default 60)
  --pegasus-bin-dir D         Pegasus tools on the submit host (default /usr/bin)
  --condor-version V          HTCondor on the submit host (default 10.0.0)
  --wf-uuid U                 workflow UUID (default: a new random one)
  --json                      one JSON document on stdout
${CATALOG_OPTIONS_USAGE}
`;

const CLEANUP = new Set<string>(['none', 'leaf', 'inplace']);
const CLUSTER = new Set<string>(['horizontal', 'label']);
const DATA = new Set<string>(['condorio', 'nonsharedfs', 'sharedfs']);

interface Parsed {
  file: string;
  output: string;
  json: boolean;
  bundle: LoadBundleOptions;
  plan: PlanOptions;
  write: WriteSubmitDirOptions;
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

function positiveNumber(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} needs a positive number, not '${value}'`);
  return n;
}

function parse(args: readonly string[], io: CliIo): Parsed {
  const bundle: LoadBundleOptions = {};
  const options: PlanOptions = {};
  const write: WriteSubmitDirOptions = {};
  let file: string | undefined;
  let output: string | undefined;
  let json = false;
  for (let i = 0; i < args.length;) {
    const used = takeCatalogOption(args, i, io.cwd, bundle);
    if (used > 0) {
      i += used;
      continue;
    }
    const raw = args[i]!;
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1;
    const flag = eq === -1 ? raw : raw.slice(0, eq);
    const value = (): string => {
      if (eq !== -1) return raw.slice(eq + 1);
      i++;
      return optionValue(args, i - 1, flag);
    };
    switch (flag) {
      case '-o':
      case '--output':
        output = value();
        break;
      case '-s':
      case '--sites':
        options.sites = list(value());
        break;
      case '--staging-site': {
        const map: Record<string, string> = { ...(options.stagingSites ?? {}) };
        for (const entry of list(value())) {
          const [execution, staging] = entry.includes('=') ? entry.split('=', 2) : ['*', entry];
          if (!execution || !staging) throw new UsageError(`--staging-site needs EXEC=STAGING, not '${entry}'`);
          map[execution] = staging;
        }
        options.stagingSites = map;
        break;
      }
      case '--output-sites':
      case '--output-site':
        options.outputSites = list(value());
        break;
      case '--cleanup': {
        const mode = value();
        if (!CLEANUP.has(mode)) throw new UsageError(`--cleanup is none, leaf or inplace, not '${mode}'`);
        options.cleanup = mode as CleanupMode;
        break;
      }
      case '--cluster': {
        const styles = list(value());
        for (const style of styles)
          if (!CLUSTER.has(style)) throw new UsageError(`--cluster is horizontal or label, not '${style}'`);
        options.cluster = styles as ClusterStyle[];
        break;
      }
      case '--data-configuration': {
        const data = value();
        if (!DATA.has(data))
          throw new UsageError(`--data-configuration is condorio, nonsharedfs or sharedfs, not '${data}'`);
        options.dataConfiguration = data as DataConfiguration;
        break;
      }
      case '-f':
      case '--force':
        options.force = true;
        break;
      case '--relative-dir':
        options.relativeDir = value();
        break;
      case '--stage-worker':
        options.stageWorker = true;
        break;
      case '--slots':
        write.slots = positiveNumber(value(), flag);
        break;
      case '--default-runtime':
        write.defaultRuntime = positiveNumber(value(), flag);
        break;
      case '--pegasus-bin-dir':
        write.pegasusBinDir = value();
        break;
      case '--condor-version':
        write.condorVersion = value();
        break;
      case '--wf-uuid':
        write.wfUuid = value();
        break;
      case '--json':
        json = true;
        break;
      default:
        if (raw.startsWith('-')) throw new UsageError(`unknown option '${raw}'`);
        if (file !== undefined) throw new UsageError(`only one workflow FILE is allowed, got '${file}' and '${raw}'`);
        file = raw;
    }
    i++;
  }
  if (file === undefined) throw new UsageError('missing the workflow FILE');
  if (output === undefined) throw new UsageError('missing -o DIR, the submit directory to write');
  return { file: path.resolve(io.cwd, file), output: path.resolve(io.cwd, output), json, bundle, plan: options, write };
}

export const planCommand: CliCommand = {
  name: 'plan',
  summary: 'plan a workflow offline like pegasus-plan and write the DAGMan submit directory',
  usage,
  async run(args: string[], io: CliIo): Promise<number> {
    const parsed = parse(args, io);
    const loaded = await loadWorkflowBundle(parsed.file, parsed.bundle);
    if (!loaded.ok)
      return finish(
        io,
        parsed,
        loaded.diagnostics,
        loaded.diagnostics.some((d) => UNREADABLE_CODES.has(d.code)) ? 2 : 1,
      );

    // What pegasus-plan refuses before planning (validation errors) stops here too. The
    // sub-workflow files are not checked: pegasus-plan plans those at run time.
    const checked = validateWorkflow(loaded.bundle);
    if (checked.some((d) => d.severity === 'error')) {
      const refused = [...loaded.diagnostics, ...checked];
      await locate(parsed.file, refused);
      return finish(io, parsed, refused, 1);
    }

    const user = io.env['USER'] ?? io.env['LOGNAME'];
    const result = plan(loaded.bundle, { ...parsed.plan, submitDir: parsed.output, ...(user ? { user } : {}) });
    const diagnostics = [...loaded.diagnostics, ...checked, ...result.diagnostics];
    await locate(parsed.file, diagnostics);
    if (!result.ok) return finish(io, parsed, diagnostics, 1);

    try {
      const written = await writeSubmitDirectory(result.value, parsed.output, {
        ...parsed.write,
        wfUuid: parsed.write.wfUuid ?? randomUUID(),
        diagnostics,
        catalogFiles: [loaded.files.sites, loaded.files.replicas, loaded.files.transformations].filter(
          (file): file is string => file !== undefined,
        ),
      });
      if (parsed.json) {
        io.stdout(
          `${JSON.stringify({ ok: true, submitDir: written.directory, files: written.files, report: written.report, diagnostics }, null, 2)}\n`,
        );
      } else {
        for (const d of diagnostics) io.stderr(`${diagnosticLine(d, parsed.file, io.cwd)}\n`);
        io.stdout(formatPlanSummary(written.report));
        io.stdout(`\nWrote ${written.files} files to ${written.directory}\n`);
      }
      return 0;
    } catch (error) {
      if (error instanceof SubmitDirError) {
        io.stderr(`pegasus-canvas plan: ${error.message}\n`);
        return 2;
      }
      throw error;
    }
  },
};

/** Line and column of the job or file each diagnostic points at, for FILE:LINE:COL output. */
async function locate(file: string, diagnostics: Diagnostic[]): Promise<void> {
  if (!diagnostics.some((d) => !d.location && d.target)) return;
  const text = await readFile(file, 'utf8').catch(() => '');
  locateTargets(text, file, diagnostics);
}

function finish(io: CliIo, parsed: Parsed, diagnostics: readonly Diagnostic[], code: number): number {
  if (parsed.json) io.stdout(`${JSON.stringify({ ok: false, diagnostics }, null, 2)}\n`);
  else {
    for (const d of diagnostics) io.stderr(`${diagnosticLine(d, parsed.file, io.cwd)}\n`);
    io.stderr(`pegasus-canvas plan: not planned (${countSummary(diagnostics)})\n`);
  }
  return code;
}
