import { scratchUrl, type PlanCatalogs } from './catalogs';
import type { PlanJob, ResolvedPlanOptions } from './types';

/**
 * The staging site whose workflow directory a job works in, or undefined for jobs that do not
 * touch it (registration, worker package, create-dir, leaf cleanup). Create-dir and leaf
 * cleanup edges follow it (`AbstractStrategy.getCreateDirSites`).
 */
export function directorySite(job: PlanJob): string | undefined {
  switch (job.kind) {
    case 'registration':
    case 'stage-worker':
    case 'create-dir':
    case 'leaf-cleanup':
    case 'noop':
      return undefined;
    default:
      return job.stagingSite;
  }
}

/**
 * The job that creates (`pegasus::dirmanager`) or removes (`pegasus::cleanup`) the workflow
 * directory on a staging site. It runs on that site when the directory is a `file://` URL
 * there, else on the submit host.
 */
export function directoryJob(
  kind: 'create-dir' | 'leaf-cleanup',
  name: string,
  site: string,
  catalogs: PlanCatalogs,
  options: ResolvedPlanOptions,
): PlanJob {
  const directory = { site, url: scratchUrl(catalogs, site, options.relativeDir) };
  return {
    name,
    kind,
    site: directory.url.startsWith('file://') ? site : 'local',
    stagingSite: site,
    level: 0,
    tasks: [],
    transformation: kind === 'create-dir' ? 'pegasus::dirmanager' : 'pegasus::cleanup',
    directory,
  };
}
