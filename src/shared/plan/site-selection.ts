import type { Dag } from '../graph/dag';
import type { Diagnostic } from '../model/diagnostic';
import { transformationKey, type Job } from '../model/job';
import type { Workflow } from '../model/workflow';
import { entryForSite, type PlanCatalogs } from './catalogs';
import { PLAN_CODES, planError } from './diagnostics';
import { mergedNamespace, profileNumber, profileText } from './profiles';
import type { DataConfiguration, PlanJob, PlanState, ResolvedPlanOptions } from './types';

/**
 * The DAG node name pegasus-plan gives an abstract job: `<transformation name>_<id>` with `.`
 * and `+` made `_`, `pegasus-plan_<id>` for a pegasusWorkflow, `dagman_<id>` for a condorWorkflow.
 */
export function computeJobName(job: Job): string {
  if (job.type !== 'job') return job.type === 'pegasusWorkflow' ? `pegasus-plan_${job.id}` : `dagman_${job.id}`;
  return `${job.name}_${job.id}`.replace(/[.+]/g, '_');
}

const DATA_CONFIGURATIONS = new Set<string>(['condorio', 'nonsharedfs', 'sharedfs']);

/**
 * Site and staging-site selection (`InterPoolEngine.determineSites`,
 * `PegasusConfiguration.determineStagingSite`).
 *
 * Each kept job runs on its `selector.execution.site` profile's site if set, else on the first
 * execution site (in `--sites` order) where the transformation catalog has it installed, or
 * any site when it is stageable. pegasus-plan's default selector is Random; the preview is
 * deterministic instead. Sub-workflow jobs run on `local`. The staging site follows the data
 * configuration (job profile, then site profile, then the option): condorio → `local`,
 * sharedfs → the execution site, nonsharedfs → the `--staging-site` mapping or the execution site.
 *
 * `graph` is the abstract dependency graph, `levels` its longest-path levels and `pruned`
 * the data reuse mask. Cost: O(jobs × sites tried + edges).
 */
export function selectSites(
  workflow: Workflow,
  graph: Dag,
  levels: Uint32Array,
  pruned: Uint8Array,
  catalogs: PlanCatalogs,
  options: ResolvedPlanOptions,
): { state: PlanState; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const jobs: PlanJob[] = [];
  const indexOf = new Int32Array(workflow.jobs.length).fill(-1);

  const shared = new Map<string, PlanJob>();
  for (let i = 0; i < workflow.jobs.length; i++) {
    if (pruned[i]) continue;
    const job = workflow.jobs[i]!;
    const planned = placeJob(job, i, levels[i]!, catalogs, options, diagnostics, shared);
    if (planned) {
      indexOf[i] = jobs.length;
      jobs.push(planned);
    }
  }

  const edgeFrom: number[] = [];
  const edgeTo: number[] = [];
  for (let v = 0; v < graph.nodeCount; v++) {
    const from = indexOf[v]!;
    if (from < 0) continue;
    for (let e = graph.offsets[v]!; e < graph.offsets[v + 1]!; e++) {
      const to = indexOf[graph.targets[e]!]!;
      if (to >= 0) {
        edgeFrom.push(from);
        edgeTo.push(to);
      }
    }
  }
  return { state: { jobs, edgeFrom, edgeTo }, diagnostics };
}

function placeJob(
  job: Job,
  index: number,
  level: number,
  catalogs: PlanCatalogs,
  options: ResolvedPlanOptions,
  diagnostics: Diagnostic[],
  shared: Map<string, PlanJob>,
): PlanJob | undefined {
  // Jobs without profiles of their own that run the same transformation get the same
  // placement: it is worked out once per transformation, not once per job.
  if (job.type === 'job' && job.profiles === undefined) {
    const template = shared.get(transformationKey(job));
    if (template) return { ...template, name: computeJobName(job), level, tasks: [index] };
    const planned = placeJobOnce(job, index, level, catalogs, options, diagnostics);
    if (planned) shared.set(transformationKey(job), planned);
    return planned;
  }
  return placeJobOnce(job, index, level, catalogs, options, diagnostics);
}

function placeJobOnce(
  job: Job,
  index: number,
  level: number,
  catalogs: PlanCatalogs,
  options: ResolvedPlanOptions,
  diagnostics: Diagnostic[],
): PlanJob | undefined {
  const target = { kind: 'job' as const, jobId: job.id };
  const name = computeJobName(job);
  const key = transformationKey(job);

  if (job.type !== 'job') {
    const site = catalogs.sites.get('local');
    return {
      name,
      kind: job.type === 'pegasusWorkflow' ? 'dax' : 'dag',
      site: 'local',
      stagingSite: 'local',
      dataConfiguration: dataConfigurationOf(job, undefined, options),
      level,
      tasks: [index],
      transformation: key,
      runtime: profileNumber('pegasus', 'runtime', job, site),
      retry: profileNumber('dagman', 'retry', job, site),
      condorPriority: profileNumber('condor', 'priority', job, site),
      category: 'subwf',
    };
  }

  const tx = catalogs.transformations.get(key);
  if (!tx) {
    diagnostics.push(
      planError(
        PLAN_CODES.noSite,
        `Job ${job.id}: transformation ${key} is not in the transformation catalog, so no site can run it.`,
        target,
      ),
    );
    return undefined;
  }

  const pinned = job.profiles?.selector?.['execution.site'];
  let siteName: string | undefined;
  if (pinned !== undefined) {
    siteName = String(typeof pinned === 'object' ? pinned.text : pinned);
    if (!catalogs.sites.has(siteName)) {
      diagnostics.push(
        planError(
          PLAN_CODES.unknownPinnedSite,
          `Job ${job.id}: selector.execution.site is ${siteName}, which is not in the site catalog.`,
          target,
        ),
      );
      return undefined;
    }
    if (!entryForSite(tx, siteName)) {
      diagnostics.push(
        planError(
          PLAN_CODES.noSite,
          `Job ${job.id}: pinned to site ${siteName}, but ${key} is neither installed there nor stageable.`,
          target,
        ),
      );
      return undefined;
    }
  } else {
    siteName = options.sites.find((candidate) => entryForSite(tx, candidate) !== undefined);
    if (siteName === undefined) {
      const where = tx.sites.map((s) => `${s.name} (${s.type})`).join(', ') || 'no site';
      diagnostics.push(
        planError(
          PLAN_CODES.noSite,
          `Job ${job.id}: no execution site among ${options.sites.join(', ') || '(none)'} can run ${key}; the catalog has it on ${where}.`,
          target,
        ),
      );
      return undefined;
    }
  }

  const site = catalogs.sites.get(siteName);
  const txSite = entryForSite(tx, siteName)!;
  const dataConfiguration = dataConfigurationOf(job, site?.profiles?.pegasus?.['data.configuration'], options);
  const stagingSite = stagingSiteFor(siteName, dataConfiguration, options, catalogs, job.id, diagnostics);
  if (stagingSite === undefined) return undefined;

  const planned: PlanJob = {
    name,
    kind: 'compute',
    site: siteName,
    stagingSite,
    dataConfiguration,
    level,
    tasks: [index],
    transformation: key,
    runtime: profileNumber('pegasus', 'runtime', job, site, tx, txSite),
    retry: profileNumber('dagman', 'retry', job, site, tx, txSite),
    condorPriority: profileNumber('condor', 'priority', job, site, tx, txSite),
    executablePaths: [txSite.type === 'stageable' ? `./${job.name}` : txSite.pfn.replace(/^file:\/\//, '')],
  };
  const sources = [txSite.profiles, tx.profiles, site?.profiles, job.profiles];
  const condor = mergedNamespace('condor', ...sources);
  const env = mergedNamespace('env', ...sources);
  if (condor || env) planned.profiles = { ...(condor ? { condor } : {}), ...(env ? { env } : {}) };
  if (txSite.type === 'stageable') {
    planned.executables = [
      {
        lfn: job.name,
        source: { site: txSite.name, url: txSite.pfn.includes('://') ? txSite.pfn : `file://${txSite.pfn}` },
      },
    ];
  }
  return planned;
}

function dataConfigurationOf(job: Job, siteValue: unknown, options: ResolvedPlanOptions): DataConfiguration {
  const fromJob = profileText('pegasus', 'data.configuration', job);
  for (const value of [fromJob, siteValue === undefined ? undefined : String(siteValue)]) {
    if (value !== undefined && DATA_CONFIGURATIONS.has(value)) return value as DataConfiguration;
  }
  return options.dataConfiguration;
}

function stagingSiteFor(
  executionSite: string,
  dataConfiguration: DataConfiguration,
  options: ResolvedPlanOptions,
  catalogs: PlanCatalogs,
  jobId: string,
  diagnostics: Diagnostic[],
): string | undefined {
  const mapped = options.stagingSites[executionSite] ?? options.stagingSites['*'];
  if (dataConfiguration === 'condorio') {
    if (mapped !== undefined && mapped !== 'local') {
      diagnostics.push(
        planError(
          PLAN_CODES.badStagingSite,
          `Job ${jobId}: with condorio the staging site must be local, but --staging-site maps ${executionSite} to ${mapped}.`,
          {
            kind: 'site',
            name: mapped,
          },
        ),
      );
      return undefined;
    }
    return 'local';
  }
  if (dataConfiguration === 'sharedfs') return executionSite;
  const staging = mapped ?? executionSite;
  if (!catalogs.sites.has(staging)) {
    diagnostics.push(
      planError(PLAN_CODES.badStagingSite, `Job ${jobId}: staging site ${staging} is not in the site catalog.`, {
        kind: 'site',
        name: staging,
      }),
    );
    return undefined;
  }
  return staging;
}
