import type { Site } from '../model/catalogs';
import { issue, urlScheme, type FieldIssue } from './field-issue';

const DIRECTORY_TYPES = ['sharedScratch', 'sharedStorage', 'localScratch', 'localStorage'];
const OPERATIONS = ['all', 'put', 'get'];
const GRID_TYPES = ['gt5', 'condor', 'cream', 'batch', 'nordugrid', 'unicore', 'ec2', 'deltacloud', 'sfapi'];
const SCHEDULERS = ['fork', 'pbs', 'lsf', 'condor', 'sge', 'slurm', 'flux', 'unknown'];
const JOB_TYPES = ['compute', 'auxillary', 'transfer', 'register', 'cleanup'];
const ARCHES = ['x86', 'x86_64', 'ppc', 'ppc_64', 'ppc64le', 'ia64', 'sparcv7', 'sparcv9', 'amd64', 'aarch64'];
const OS_TYPES = ['linux', 'sunos', 'macosx', 'aix', 'windows'];

/**
 * Checks one site as the form is typed, with the site catalog schema's rules (the planner
 * validates standalone site catalogs and refuses them otherwise): a name; arch and OS from
 * the schema's lists; each directory of a known type with at least one file server whose URL
 * has a scheme; grids with a known type, contact and scheduler. Cost: O(entry).
 */
export function checkSite(site: Site): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!site.name.trim()) issues.push(issue(['name'], 'Give the site a name (local is the submit host).'));
  if (site.arch !== undefined && !ARCHES.includes(site.arch)) issues.push(issue(['arch'], `The architecture is one of ${ARCHES.join(', ')}.`));
  if (site.osType !== undefined && !OS_TYPES.includes(site.osType)) issues.push(issue(['osType'], `The OS type is one of ${OS_TYPES.join(', ')}.`));
  (site.directories ?? []).forEach((directory, index) => {
    if (!DIRECTORY_TYPES.includes(directory.type)) issues.push(issue(['directories', index, 'type'], `The directory type is one of ${DIRECTORY_TYPES.join(', ')}.`));
    if (directory.path !== undefined && !directory.path.startsWith('/') && !directory.path.startsWith('$')) {
      issues.push(issue(['directories', index, 'path'], 'Use an absolute path.', 'warning'));
    }
    if (directory.fileServers.length === 0) issues.push(issue(['directories', index, 'fileServers'], 'Add a file server: how Pegasus reaches this directory (e.g. file:///path).'));
    directory.fileServers.forEach((server, serverIndex) => {
      if (!urlScheme(server.url)) issues.push(issue(['directories', index, 'fileServers', serverIndex, 'url'], 'A file server URL has a scheme: file://, scp://, https://, s3://, …'));
      if (server.operation !== undefined && !OPERATIONS.includes(server.operation)) {
        issues.push(issue(['directories', index, 'fileServers', serverIndex, 'operation'], 'The operation is all, put or get.'));
      }
    });
  });
  (site.grids ?? []).forEach((grid, index) => {
    if (!GRID_TYPES.includes(grid.type)) issues.push(issue(['grids', index, 'type'], `The grid type is one of ${GRID_TYPES.join(', ')}.`));
    if (!grid.contact.trim()) issues.push(issue(['grids', index, 'contact'], 'Give the contact (the host of the grid service).'));
    if (!SCHEDULERS.includes(grid.scheduler)) issues.push(issue(['grids', index, 'scheduler'], `The scheduler is one of ${SCHEDULERS.join(', ')}.`));
    if (grid.jobtype !== undefined && !JOB_TYPES.includes(grid.jobtype)) issues.push(issue(['grids', index, 'jobtype'], `The job type is one of ${JOB_TYPES.join(', ')}.`));
  });
  return issues;
}
