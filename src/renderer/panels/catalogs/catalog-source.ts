/**
 * Where a catalog lives and how a change reaches it. Embedded in the workflow (`siteCatalog:`
 * etc.): the change is one undoable document edit. In a file beside the workflow (sites.yml,
 * replicas.yml, transformations.yml): the document store's catalog files change, and Save
 * writes them.
 */
import { type Edit, makeEdit } from '../../../shared/edit';
import type { CatalogFiles, ReplicaCatalog, SiteCatalog, TransformationCatalog, Workflow } from '../../../shared/model';
import { applyEdit, documentStore } from '../../store/document-store';

export type CatalogName = 'sites' | 'replicas' | 'transformations';
export type CatalogPlace = 'embedded' | 'file';

interface CatalogTypes {
  sites: SiteCatalog;
  replicas: ReplicaCatalog;
  transformations: TransformationCatalog;
}

/** The save point of a document whose catalog files changed since it was saved. */
const CATALOG_FILE_CHANGED: Edit = { label: 'Catalog file changed', forward: [], inverse: [] };

const EMBEDDED_KEY = {
  sites: 'siteCatalog',
  replicas: 'replicaCatalog',
  transformations: 'transformationCatalog',
} as const;

/** Where the catalog is now: embedded when the workflow has it, else the file when there is one, else `null`. */
export function placeOf(name: CatalogName, workflow: Workflow, files: CatalogFiles): CatalogPlace | null {
  if (workflow[EMBEDDED_KEY[name]]) return 'embedded';
  if (files[name]) return 'file';
  return null;
}

export function catalogOf<N extends CatalogName>(
  name: N,
  place: CatalogPlace,
  workflow: Workflow,
  files: CatalogFiles,
): CatalogTypes[N] | undefined {
  return (place === 'embedded' ? workflow[EMBEDDED_KEY[name]] : files[name]) as CatalogTypes[N] | undefined;
}

/** The workflow with catalog `name` embedded as `next` (`undefined` takes it out). */
function withEmbedded<N extends CatalogName>(
  workflow: Workflow,
  name: N,
  next: CatalogTypes[N] | undefined,
): Workflow {
  const out: Workflow = { ...workflow };
  if (next === undefined) delete out[EMBEDDED_KEY[name]];
  else (out as unknown as Record<string, unknown>)[EMBEDDED_KEY[name]] = next;
  return out;
}

/** Applies a new catalog where it lives; returns the refusal reason, if any. */
export function commitCatalog<N extends CatalogName>(
  name: N,
  place: CatalogPlace,
  next: CatalogTypes[N],
  label: string,
): string | undefined {
  const state = documentStore.getState();
  if (place === 'embedded') {
    const before = state.doc.workflow;
    return applyEdit({
      ok: true,
      edit: makeEdit(label, [{ kind: 'workflow', before, after: withEmbedded(before, name, next) }]),
    });
  }
  const catalogs: CatalogFiles = { ...state.catalogs, [name]: next };
  // Not in the history (the edit operations cover the workflow only), but unsaved: a save
  // point no history step matches marks the document changed until the next Save.
  documentStore.setState((s) => ({
    catalogs,
    doc: { ...s.doc, catalogs },
    revision: s.revision + 1,
    savedTop: CATALOG_FILE_CHANGED,
  }));
  return undefined;
}
