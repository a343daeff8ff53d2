import type { SiteCatalog } from '../model/catalogs';
import type { DiagnosticTarget } from '../model/diagnostic';
import type { Job } from '../model/job';
import type { Profiles } from '../model/profiles';
import type { Workflow, WorkflowBundle } from '../model/workflow';
import { report, type DiagnosticSink, type ValidationContext } from './context';

/**
 * PC212 workflow-level profiles; PC215 the `stat` namespace anywhere (workflow, jobs,
 * transformations and their sites, containers, sites); PC222 jobs pinned to unknown sites.
 * Cost: O(jobs + catalog entries).
 */
export function checkProfiles(context: ValidationContext): void {
  const { workflow, bundle } = context;
  checkCatalogProfiles(context, workflow, bundle);
  const sites = knownSites(workflow, bundle);
  for (const job of workflow.jobs) checkJobProfiles(context, job, sites);
}

/** PC212 and PC215 for everything but jobs: the workflow, sites, transformations, containers. Cost: O(catalog entries). */
export function checkCatalogProfiles(sink: DiagnosticSink, workflow: Workflow, bundle: WorkflowBundle): void {
  if (workflow.profiles && Object.keys(workflow.profiles).some((ns) => ns !== 'extra')) {
    report(
      sink,
      'PC212',
      `The workflow has top-level profiles; pegasus-plan 5.0 rejects that key. Put them on the jobs, the sites or in pegasus.properties.`,
      {
        kind: 'workflow',
      },
    );
  }
  stat(sink, workflow.profiles, 'The workflow', { kind: 'workflow' });
  for (const catalog of siteCatalogs(workflow, bundle)) {
    for (const site of catalog.sites) {
      stat(sink, site.profiles, `Site '${site.name}'`, { kind: 'site', name: site.name, field: 'profiles' });
    }
  }
  for (const catalog of [workflow.transformationCatalog, bundle.catalogs.transformations]) {
    for (const t of catalog?.transformations ?? []) {
      const key = [t.namespace, t.name, t.version].filter(Boolean).join(':');
      stat(sink, t.profiles, `Transformation '${key}'`, { kind: 'transformation', key, field: 'profiles' });
      for (const site of t.sites)
        stat(sink, site.profiles, `Transformation '${key}' on site '${site.name}'`, {
          kind: 'transformation',
          key,
          field: 'profiles',
        });
    }
    for (const container of catalog?.containers ?? []) {
      stat(sink, container.profiles, `Container '${container.name}'`, {
        kind: 'container',
        name: container.name,
        field: 'profiles',
      });
    }
  }
}

/** Names of the sites the catalogs define, or `undefined` when there is no site catalog (PC222 is then not checked). */
export function knownSites(workflow: Workflow, bundle: WorkflowBundle): ReadonlySet<string> | undefined {
  const catalogs = siteCatalogs(workflow, bundle);
  if (catalogs.length === 0) return undefined;
  const names = new Set<string>();
  for (const catalog of catalogs) for (const site of catalog.sites) names.add(site.name);
  return names;
}

/** PC215 and PC222 for one job; `sites` from {@link knownSites}. Cost: O(its profiles). */
export function checkJobProfiles(sink: DiagnosticSink, job: Job, sites: ReadonlySet<string> | undefined): void {
  const profiles = job.profiles;
  if (!profiles) return;
  stat(sink, profiles, `Job '${job.id}'`, { kind: 'job', jobId: job.id, field: 'profiles' });
  const pinned = profiles.selector?.['execution.site'];
  // Sites 'local' and 'condorpool' are created by pegasus-plan when missing.
  if (pinned === undefined || sites === undefined) return;
  const site = String(typeof pinned === 'object' ? pinned.text : pinned);
  if (!sites.has(site) && site !== 'local' && site !== 'condorpool') {
    report(
      sink,
      'PC222',
      `Job '${job.id}' is pinned to site '${site}' (selector.execution.site), which the site catalog does not have.`,
      {
        kind: 'job',
        jobId: job.id,
        field: 'profiles',
      },
    );
  }
}

function siteCatalogs(workflow: Workflow, bundle: WorkflowBundle): SiteCatalog[] {
  return [workflow.siteCatalog, bundle.catalogs.sites].filter((c): c is SiteCatalog => c !== undefined);
}

function stat(sink: DiagnosticSink, profiles: Profiles | undefined, where: string, target: DiagnosticTarget): void {
  if (profiles?.stat === undefined) return;
  report(
    sink,
    'PC215',
    `${where} has profiles in the 'stat' namespace, which is not in the Pegasus 5.0 schema; pegasus-plan may reject it.`,
    target,
  );
}
