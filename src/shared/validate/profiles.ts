import type { Profiles } from '../model/profiles';
import type { DiagnosticTarget } from '../model/diagnostic';
import { report, type ValidationContext } from './context';

/**
 * PC212 workflow-level profiles; PC215 the `stat` namespace anywhere (workflow, jobs,
 * transformations and their sites, containers, sites); PC222 jobs pinned to unknown sites.
 * Cost: O(jobs + catalog entries).
 */
export function checkProfiles(context: ValidationContext): void {
  const { workflow, bundle } = context;
  if (workflow.profiles && Object.keys(workflow.profiles).some((ns) => ns !== 'extra')) {
    report(
      context,
      'PC212',
      `The workflow has top-level profiles; pegasus-plan 5.0 rejects that key. Put them on the jobs, the sites or in pegasus.properties.`,
      {
        kind: 'workflow',
      },
    );
  }
  const stat = (profiles: Profiles | undefined, where: string, target: DiagnosticTarget): void => {
    if (profiles?.stat === undefined) return;
    report(
      context,
      'PC215',
      `${where} has profiles in the 'stat' namespace, which is not in the Pegasus 5.0 schema; pegasus-plan may reject it.`,
      target,
    );
  };
  stat(workflow.profiles, 'The workflow', { kind: 'workflow' });

  const siteNames = new Set<string>();
  const siteCatalogs = [workflow.siteCatalog, bundle.catalogs.sites].filter((c) => c !== undefined);
  for (const catalog of siteCatalogs) {
    for (const site of catalog.sites) {
      siteNames.add(site.name);
      stat(site.profiles, `Site '${site.name}'`, { kind: 'site', name: site.name, field: 'profiles' });
    }
  }
  for (const catalog of [workflow.transformationCatalog, bundle.catalogs.transformations]) {
    for (const t of catalog?.transformations ?? []) {
      const key = [t.namespace, t.name, t.version].filter(Boolean).join(':');
      stat(t.profiles, `Transformation '${key}'`, { kind: 'transformation', key, field: 'profiles' });
      for (const site of t.sites)
        stat(site.profiles, `Transformation '${key}' on site '${site.name}'`, {
          kind: 'transformation',
          key,
          field: 'profiles',
        });
    }
    for (const container of catalog?.containers ?? []) {
      stat(container.profiles, `Container '${container.name}'`, {
        kind: 'container',
        name: container.name,
        field: 'profiles',
      });
    }
  }

  for (const job of workflow.jobs) {
    const profiles = job.profiles;
    if (!profiles) continue;
    stat(profiles, `Job '${job.id}'`, { kind: 'job', jobId: job.id, field: 'profiles' });
    const pinned = profiles.selector?.['execution.site'];
    // Sites 'local' and 'condorpool' are created by pegasus-plan when missing.
    if (pinned === undefined || siteCatalogs.length === 0) continue;
    const site = String(typeof pinned === 'object' ? pinned.text : pinned);
    if (!siteNames.has(site) && site !== 'local' && site !== 'condorpool') {
      report(
        context,
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
}
