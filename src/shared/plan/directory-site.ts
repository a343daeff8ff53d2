import type { PlanJob } from './types';

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

/** Where a directory job runs: on the staging site when its directory is a `file://` URL there, else on the submit host. */
export function directoryJobSite(site: string, url: string): string {
  return url.startsWith('file://') ? site : 'local';
}
