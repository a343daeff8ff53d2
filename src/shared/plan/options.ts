import type { Diagnostic } from '../model/diagnostic';
import type { Workflow } from '../model/workflow';
import type { PlanCatalogs } from './catalogs';
import { PLAN_CODES, planError } from './diagnostics';
import type { PlanOptions, ResolvedPlanOptions } from './types';

/**
 * Fills in pegasus-plan's defaults and checks the named sites exist. Execution sites default
 * to every catalog site except `local`, or just `compute` when a site has that name
 * (CPlanner l.425-447); the submit directory to `<user>/pegasus/<name>/run0001`.
 */
export function resolveOptions(
  options: PlanOptions,
  workflow: Workflow,
  catalogs: PlanCatalogs,
): { options: ResolvedPlanOptions; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const sites =
    options.sites && options.sites.length > 0
      ? [...options.sites]
      : catalogs.sites.has('compute')
        ? ['compute']
        : catalogs.siteOrder.filter((name) => name !== 'local');
  for (const site of sites) {
    if (!catalogs.sites.has(site))
      diagnostics.push(
        planError(PLAN_CODES.unknownSite, `Execution site ${site} (--sites) is not in the site catalog.`, {
          kind: 'site',
          name: site,
        }),
      );
  }
  const outputSites = [...(options.outputSites ?? [])];
  for (const site of outputSites) {
    if (!catalogs.sites.has(site))
      diagnostics.push(
        planError(PLAN_CODES.unknownSite, `Output site ${site} (--output-sites) is not in the site catalog.`, {
          kind: 'site',
          name: site,
        }),
      );
  }
  const stagingSites = { ...(options.stagingSites ?? {}) };
  for (const [execution, staging] of Object.entries(stagingSites)) {
    if (!catalogs.sites.has(staging)) {
      diagnostics.push(
        planError(
          PLAN_CODES.badStagingSite,
          `Staging site ${staging} (--staging-site ${execution}=${staging}) is not in the site catalog.`,
          { kind: 'site', name: staging },
        ),
      );
    }
  }
  const relativeDir = (options.relativeDir ?? `${options.user ?? 'user'}/pegasus/${workflow.name}/run0001`).replace(
    /^\/+|\/+$/g,
    '',
  );
  return {
    options: {
      sites,
      stagingSites,
      outputSites,
      dataConfiguration: options.dataConfiguration ?? 'condorio',
      cleanup: options.cleanup ?? 'inplace',
      cluster: [...(options.cluster ?? [])],
      force: options.force ?? false,
      relativeDir,
      stageWorker: options.stageWorker ?? false,
      index: options.index ?? 0,
      submitDir: (options.submitDir ?? '/submit').replace(/\/+$/, '') || '/',
      pegasusVersion: options.pegasusVersion ?? '5.0.5',
    },
    diagnostics,
  };
}
