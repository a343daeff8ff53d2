import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CleanupStrategy, ClusterStyle, PlanOptions } from '../../shared/remote/pegasus-plan';
import { SubmitError } from '../services/submit/submit-error';
import { submitWorkflow } from '../services/submit/submit-run';
import { UsageError, type CliCommand, type CliIo } from './command';
import { RemoteHost } from '../services/ssh/remote-host';
import { CONNECTION_USAGE, connectionOptions, remoteOptionsFromArgs, terminalPrompts } from './remote-connection';
import { intervalMs, jobLines, reportFailure, runStoreFor, watchWithProgress } from './remote-run-support';

const usage = `usage: pegasus-canvas submit FILE --host H [--port P] [--user U] [--identity KEY] [plan options]

Uploads the workflow FILE with its catalogs (sites.yml, replicas.yml, transformations.yml and
pegasus.properties beside it), the inputs whose replicas are on this machine and stageable
scripts to a new run folder on the host, checks them with one sha256sum pass, and runs
pegasus-plan --submit --json there. Prints the run id that status, analyze, remove, rerun
and fetch take. Exit status: 0 submitted, 1 the upload or the planner failed, 2 bad usage.

plan options (those of pegasus-plan):
  --sites S[,S]               execution sites (e.g. compute)
  --staging-site S | E=S[,E=S]  staging site, for all or per execution site
  --output-sites S[,S]        where stageOut outputs go (default local: the run folder's outputs/)
  --output-dir DIR            output directory on the output site
  --cleanup MODE              none, leaf, inplace or constraint
  --cluster STYLE[,STYLE]     horizontal, label, whole
  --force                     skip data reuse
  -D KEY=VALUE                a property (repeatable)
  --sites-file F, --replicas-file F, --transformations-file F, --properties-file F
                              catalogs to use instead of the ones beside FILE

  --watch                     keep watching until the run ends (like status --watch)
  --interval SEC              seconds between polls with --watch (default 5)
  --runs-dir DIR              where run records are kept

${CONNECTION_USAGE}`;

const options = {
  ...connectionOptions,
  sites: { type: 'string' },
  'staging-site': { type: 'string' },
  'output-sites': { type: 'string' },
  'output-dir': { type: 'string' },
  cleanup: { type: 'string' },
  cluster: { type: 'string' },
  force: { type: 'boolean' },
  D: { type: 'string', short: 'D', multiple: true },
  'sites-file': { type: 'string' },
  'replicas-file': { type: 'string' },
  'transformations-file': { type: 'string' },
  'properties-file': { type: 'string' },
  watch: { type: 'boolean' },
  interval: { type: 'string' },
  'runs-dir': { type: 'string' },
} as const;

const CLEANUP: readonly CleanupStrategy[] = ['none', 'leaf', 'inplace', 'constraint'];
const CLUSTER: readonly ClusterStyle[] = ['horizontal', 'label', 'whole'];

function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  return items.length ? items : undefined;
}

type Values = ReturnType<typeof parse>['values'];

function parse(args: string[]) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** The pegasus-plan options typed on the command line. */
export function planOptionsOf(values: Values): PlanOptions {
  const plan: PlanOptions = {};
  const sites = list(values.sites);
  if (sites) plan.sites = sites;
  const staging = values['staging-site'];
  if (staging !== undefined) {
    plan.stagingSite = staging.includes('=')
      ? Object.fromEntries(
          list(staging)!.map((pair) => {
            const [site, stage] = pair.split('=');
            if (!site || !stage) throw new UsageError(`--staging-site wants E=S pairs, not '${pair}'`);
            return [site, stage];
          }),
        )
      : staging;
  }
  const outputSites = list(values['output-sites']);
  if (outputSites) plan.outputSites = outputSites;
  if (values['output-dir'] !== undefined) plan.outputDir = values['output-dir'];
  if (values.cleanup !== undefined) {
    if (!CLEANUP.includes(values.cleanup as CleanupStrategy))
      throw new UsageError(`--cleanup wants ${CLEANUP.join(', ')}, not '${values.cleanup}'`);
    plan.cleanup = values.cleanup as CleanupStrategy;
  }
  const cluster = list(values.cluster);
  if (cluster) {
    for (const style of cluster)
      if (!CLUSTER.includes(style as ClusterStyle))
        throw new UsageError(`--cluster wants ${CLUSTER.join(', ')}, not '${style}'`);
    plan.cluster = cluster as ClusterStyle[];
  }
  if (values.force) plan.force = true;
  if (values.D?.length) {
    plan.properties = Object.fromEntries(
      values.D.map((entry) => {
        const eq = entry.indexOf('=');
        if (eq <= 0) throw new UsageError(`-D wants KEY=VALUE, not '${entry}'`);
        return [entry.slice(0, eq), entry.slice(eq + 1)];
      }),
    );
  }
  return plan;
}

async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args);
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length === 0 ? 'which workflow file?' : `one workflow file, not ${positionals.length}`,
    );
  if (!values.host) throw new UsageError('--host is required');
  const planOptions = planOptionsOf(values);
  const interval = intervalMs(values.interval);
  const resolve = (file: string | undefined): string | undefined =>
    file === undefined ? undefined : path.resolve(io.cwd, file);
  const store = runStoreFor(io, resolve(values['runs-dir']));
  const connection = await remoteOptionsFromArgs(values, io, terminalPrompts(io));
  let runId: string | undefined;
  const host = new RemoteHost(connection);
  try {
    await host.connect();
    const record = await submitWorkflow(
      {
        workflowFile: path.resolve(io.cwd, positionals[0]!),
        catalogs: {
          ...(values['sites-file'] ? { sitesFile: resolve(values['sites-file']) } : {}),
          ...(values['replicas-file'] ? { replicasFile: resolve(values['replicas-file']) } : {}),
          ...(values['transformations-file'] ? { transformationsFile: resolve(values['transformations-file']) } : {}),
          ...(values['properties-file'] ? { propertiesFile: resolve(values['properties-file']) } : {}),
        },
        planOptions,
        host: {
          host: values.host,
          port: connection.port ?? 22,
          ...(values.user ? { user: values.user } : {}),
          ...(values.identity ? { identity: path.resolve(io.cwd, values.identity) } : {}),
        },
      },
      {
        host,
        store,
        onStep: (step, started) => {
          runId = started.id;
          io.stderr(step === 'upload' ? 'Uploading the run folder...\n' : 'Running pegasus-plan --submit...\n');
        },
      },
    );
    io.stdout(
      `Submitted ${record.workflow.name} as run ${record.id}\n  run folder: ${record.remoteDir}\n  submit directory: ${record.submitDir}\n`,
    );
    if (!values.watch) return 0;
    const done = await watchWithProgress(host, record, store, interval, io);
    for (const line of jobLines(done)) io.stdout(`${line}\n`);
    return done.state === 'failed' ? 1 : 0;
  } catch (error) {
    const code = reportFailure(error, io, 'submit');
    if (runId !== undefined && !(error instanceof SubmitError && error.code === 'TOOL_FAILED')) {
      io.stderr(`The run is saved as ${runId}: 'pegasus-canvas rerun ${runId}' carries on where it stopped.\n`);
    }
    return code;
  } finally {
    host.close();
  }
}

export const submitCommand: CliCommand = {
  name: 'submit',
  summary: 'submit a workflow to ACCESS Pegasus over SSH (pegasus-plan --submit)',
  usage,
  run,
};
