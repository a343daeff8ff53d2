import type { Container, Transformation, TransformationCatalog } from '../model/catalogs';
import { issue, urlScheme, type FieldIssue } from './field-issue';

const CONTAINER_TYPES = ['docker', 'singularity', 'shifter'];
const SINGULARITY_SCHEMES = ['docker', 'library', 'shub', 'oras', 'file', 'http', 'https', 'scp', 'gsiftp'];
const MOUNT = /^[^:]+:[^:]+(:(ro|rw))?$/;

/**
 * Checks one transformation as the form is typed: a name; at least one site, each with a
 * name, a PFN and a type (installed or stageable); a stageable executable must be a URL or
 * absolute path the planner can fetch; a container must exist in the catalog; `requires`
 * must name transformations of the catalog. Cost: O(entry + catalog).
 */
export function checkTransformation(tx: Transformation, catalog?: TransformationCatalog): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!tx.name.trim()) issues.push(issue(['name'], 'Give the transformation a name.'));
  if (/[:\s]/.test(tx.name)) issues.push(issue(['name'], 'A transformation name has no spaces or colons (namespace and version are separate fields).'));
  if (tx.sites.length === 0) issues.push(issue(['sites'], 'Add the site where the executable is (e.g. local or condorpool).'));
  const containers = new Set((catalog?.containers ?? []).map((container) => container.name));
  tx.sites.forEach((site, index) => {
    if (!site.name.trim()) issues.push(issue(['sites', index, 'name'], 'Give the site name.'));
    if (!site.pfn.trim()) issues.push(issue(['sites', index, 'pfn'], 'Give the path or URL of the executable.'));
    else if (!urlScheme(site.pfn) && !site.pfn.startsWith('/')) {
      issues.push(issue(['sites', index, 'pfn'], 'Use an absolute path or a URL: the planner does not resolve relative paths.'));
    }
    if (site.type !== 'installed' && site.type !== 'stageable') issues.push(issue(['sites', index, 'type'], 'The type is installed (already on the site) or stageable (copied there).'));
    if (site.type === 'installed' && urlScheme(site.pfn) && urlScheme(site.pfn) !== 'file') {
      issues.push(issue(['sites', index, 'pfn'], 'An installed executable is a path on the site; a URL means stageable.', 'warning'));
    }
    if (site.container && catalog && !containers.has(site.container)) {
      issues.push(issue(['sites', index, 'container'], `No container named "${site.container}" in the catalog.`));
    }
  });
  if (tx.requires && catalog) {
    const keys = new Set(catalog.transformations.map((other) => `${other.namespace ? `${other.namespace}::` : ''}${other.name}${other.version ? `:${other.version}` : ''}`));
    tx.requires.forEach((required, index) => {
      if (!keys.has(required)) issues.push(issue(['requires', index], `No transformation "${required}" in the catalog (write it as namespace::name:version).`));
    });
  }
  return issues;
}

/**
 * Checks one container: a name, a type Pegasus supports, an image in the form that type
 * takes (a Singularity image is a URL such as docker://…, library://… or a file; a Docker
 * image a reference or URL), mounts as `host:container[:ro|rw]`. Cost: O(entry).
 */
export function checkContainer(container: Container): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!container.name.trim()) issues.push(issue(['name'], 'Give the container a name; transformations refer to it by name.'));
  if (!CONTAINER_TYPES.includes(container.type)) issues.push(issue(['type'], 'The type is docker, singularity or shifter.'));
  const image = container.image.trim();
  if (!image) issues.push(issue(['image'], 'Give the image.'));
  else if (container.type === 'singularity') {
    const scheme = urlScheme(image);
    if (!scheme && !image.startsWith('/')) issues.push(issue(['image'], 'A Singularity image is a URL (docker://…, library://…, https://…) or an absolute path to a .sif file.'));
    else if (scheme && !SINGULARITY_SCHEMES.includes(scheme)) issues.push(issue(['image'], `Singularity cannot pull from "${scheme}://".`, 'warning'));
  } else if (container.type === 'docker' && /\s/.test(image)) {
    issues.push(issue(['image'], 'A Docker image reference has no spaces (e.g. docker://ubuntu:22.04).'));
  } else if (container.type === 'shifter' && !/^shifter:\/\//.test(image)) {
    issues.push(issue(['image'], 'A Shifter image is written shifter://name:tag.', 'warning'));
  }
  (container.mounts ?? []).forEach((mount, index) => {
    if (!MOUNT.test(mount)) issues.push(issue(['mounts', index], 'Write a mount as /host/path:/container/path, optionally :ro or :rw.'));
  });
  return issues;
}
