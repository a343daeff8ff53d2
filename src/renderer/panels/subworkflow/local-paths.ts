/**
 * Where the files a job refers to are on this machine: a sub-workflow's workflow or DAG file
 * (its replica at site `local`, else a file of that name beside the workflow), and a
 * transformation's executable when it is a local script (`file://` or an absolute path at
 * site `local`, or a path relative to the workflow).
 */
import type { CatalogFiles, Job, Workflow } from '../../../shared/model';
import { formatTransformationKey, transformationKey } from '../../../shared/model';

/** The folder of a file path, with its trailing separator (`''` when none). */
export function folderOf(file: string | undefined): string {
  if (!file) return '';
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return cut < 0 ? '' : file.slice(0, cut + 1);
}

/** A local path from a PFN (`file:///a/b` → `/a/b`, `/a/b` as is, `a/b` beside the workflow); `undefined` for other URLs. */
export function localPath(pfn: string, workflowFile: string | undefined): string | undefined {
  if (pfn.startsWith('file://')) {
    try {
      return decodeURIComponent(new URL(pfn).pathname);
    } catch {
      return undefined;
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(pfn)) return undefined;
  if (pfn.startsWith('/')) return pfn;
  const folder = folderOf(workflowFile);
  return folder ? `${folder}${pfn.replace(/^\.\//, '')}` : undefined;
}

/** The local path of a sub-workflow job's file, or `undefined` when it is not on this machine. */
export function subWorkflowFile(
  job: Job,
  workflow: Workflow,
  catalogs: CatalogFiles,
  workflowFile: string | undefined,
): string | undefined {
  if (job.type === 'job') return undefined;
  const replicas = [...(workflow.replicaCatalog?.replicas ?? []), ...(catalogs.replicas?.replicas ?? [])];
  for (const replica of replicas) {
    if (replica.regex || replica.lfn !== job.file) continue;
    const local = replica.pfns.find((p) => p.site === 'local') ?? replica.pfns[0];
    const found = local ? localPath(local.pfn, workflowFile) : undefined;
    if (found) return found;
  }
  return localPath(job.file, workflowFile);
}

/** The local script of a job's transformation, or `undefined` when it is installed elsewhere or not in a catalog. */
export function scriptFile(
  job: Job,
  workflow: Workflow,
  catalogs: CatalogFiles,
  workflowFile: string | undefined,
): string | undefined {
  if (job.type !== 'job') return undefined;
  const key = transformationKey(job);
  const transformations = [
    ...(workflow.transformationCatalog?.transformations ?? []),
    ...(catalogs.transformations?.transformations ?? []),
  ];
  const tx =
    transformations.find((t) => formatTransformationKey(t.namespace, t.name, t.version) === key) ??
    transformations.find((t) => t.name === job.name && !t.namespace && !job.namespace);
  if (!tx) return undefined;
  const local =
    tx.sites.find((s) => s.name === 'local') ??
    tx.sites.find((s) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(s.pfn) && !s.pfn.startsWith('/'));
  if (!local) return undefined;
  return localPath(local.pfn, workflowFile);
}
