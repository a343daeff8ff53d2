import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { CatalogFiles, Diagnostic, Result, WorkflowBundle } from '../../../shared/model';
import {
  readReplicaCatalog,
  readSiteCatalog,
  readTransformationCatalog,
  readWorkflow,
} from '../../../shared/formats/pegasus-yaml';
import { readTextFile } from './read-text-file';

export interface LoadBundleOptions {
  /** A site catalog file to use instead of looking beside the workflow. */
  sitesFile?: string;
  replicasFile?: string;
  transformationsFile?: string;
  /** Largest file read (default 500 MB, as pegasus-plan). */
  maxSize?: number;
}

/** The files a bundle was read from (absolute paths). */
export interface BundleFiles {
  workflow: string;
  sites?: string;
  replicas?: string;
  transformations?: string;
}

export type LoadedBundle =
  /** `text`: the workflow file as read (so a caller need not read a large file twice). */
  | { ok: true; bundle: WorkflowBundle; files: BundleFiles; diagnostics: Diagnostic[]; text: string }
  | { ok: false; diagnostics: Diagnostic[] };

type CatalogKey = keyof CatalogFiles;

const FILE_NAMES: Record<CatalogKey, string> = {
  sites: 'sites.yml',
  replicas: 'replicas.yml',
  transformations: 'transformations.yml',
};
const EMBEDDED: Record<CatalogKey, 'siteCatalog' | 'replicaCatalog' | 'transformationCatalog'> = {
  sites: 'siteCatalog',
  replicas: 'replicaCatalog',
  transformations: 'transformationCatalog',
};

/**
 * Reads a workflow file (YAML or JSON) and the catalogs that go with it.
 *
 * Catalogs are found as the Python API writes them and pegasus-plan reads them by default:
 * `sites.yml`, `replicas.yml` and `transformations.yml` in the workflow's folder. A folder
 * `<name>-catalogs/` beside `<name>.yml` is searched too, for catalogs the workflow does
 * not embed (the layout of the tutorial notebooks). `sitesFile` and friends name a file
 * explicitly; then it must be readable. A catalog found by looking that cannot be parsed is
 * reported and left out; the workflow still loads.
 *
 * `ok: false` (with a diagnostic saying what and where) when the workflow file cannot be
 * read or is not a workflow, or an explicitly named catalog cannot be read.
 */
export async function loadWorkflowBundle(file: string, options: LoadBundleOptions = {}): Promise<LoadedBundle> {
  const workflowFile = path.resolve(file);
  const text = await readTextFile(workflowFile, options.maxSize);
  if (!text.ok) return { ok: false, diagnostics: text.diagnostics };
  const read = readWorkflow(text.value, { file: workflowFile });
  if (!read.ok) return { ok: false, diagnostics: read.diagnostics };
  const workflow = read.value;
  const diagnostics: Diagnostic[] = [...read.diagnostics];
  const files: BundleFiles = { workflow: workflowFile };
  const catalogs: CatalogFiles = {};

  const explicit: Record<CatalogKey, string | undefined> = {
    sites: options.sitesFile,
    replicas: options.replicasFile,
    transformations: options.transformationsFile,
  };
  for (const key of ['sites', 'replicas', 'transformations'] as const) {
    const named = explicit[key];
    const candidate =
      named !== undefined
        ? path.resolve(named)
        : await findCatalog(workflowFile, key, workflow[EMBEDDED[key]] !== undefined);
    if (candidate === undefined) continue;
    const loaded = await loadCatalog(key, candidate, options.maxSize);
    for (const d of loaded.diagnostics) diagnostics.push(d);
    if (!loaded.ok) {
      if (named !== undefined) return { ok: false, diagnostics };
      continue;
    }
    files[key] = candidate;
    setCatalog(catalogs, key, loaded.value);
  }
  return { ok: true, bundle: { workflow, catalogs }, files, diagnostics, text: text.value };
}

function setCatalog(catalogs: CatalogFiles, key: CatalogKey, value: unknown): void {
  if (key === 'sites') catalogs.sites = value as CatalogFiles['sites'];
  else if (key === 'replicas') catalogs.replicas = value as CatalogFiles['replicas'];
  else catalogs.transformations = value as CatalogFiles['transformations'];
}

async function loadCatalog(key: CatalogKey, file: string, maxSize: number | undefined): Promise<Result<unknown>> {
  const text = await readTextFile(file, maxSize);
  if (!text.ok) return text;
  const options = { file };
  if (key === 'sites') return readSiteCatalog(text.value, options);
  if (key === 'replicas') return readReplicaCatalog(text.value, options);
  return readTransformationCatalog(text.value, options);
}

/** `<dir>/sites.yml`, else `<dir>/<stem>-catalogs/sites.yml` when the workflow does not embed that catalog. */
async function findCatalog(workflowFile: string, key: CatalogKey, embedded: boolean): Promise<string | undefined> {
  const dir = path.dirname(workflowFile);
  const beside = path.join(dir, FILE_NAMES[key]);
  if (await isFile(beside)) return beside;
  if (embedded) return undefined;
  const stem = path.basename(workflowFile).replace(/\.(ya?ml|json)$/i, '');
  const sibling = path.join(dir, `${stem}-catalogs`, FILE_NAMES[key]);
  return (await isFile(sibling)) ? sibling : undefined;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fsp.stat(file)).isFile();
  } catch {
    return false;
  }
}
