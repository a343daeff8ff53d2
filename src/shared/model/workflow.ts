import type { ReplicaCatalog, SiteCatalog, TransformationCatalog } from './catalogs';
import type { Job } from './job';
import type { Hooks, Metadata, Profiles } from './profiles';
import type { Extras } from './scalar';

/** One `jobDependencies` entry: a parent and its children, by job id. */
export interface Dependency {
  id: string;
  children: string[];
  extra?: Extras;
}

/**
 * A Pegasus 5.0 abstract workflow, as a document.
 *
 * `dependencies` holds only the explicit (control) dependencies: edges that the file uses do
 * not explain. Edges Pegasus infers from files are derived by `inferDependencies` and written
 * back into `jobDependencies` on save, as the Python API does.
 */
export interface Workflow {
  /** The version string as read (the API writes `5.0.4`). */
  pegasus: string;
  name: string;
  /** The optional `version:` key of the schema. */
  version?: string;
  jobs: Job[];
  dependencies: Dependency[];
  siteCatalog?: SiteCatalog;
  replicaCatalog?: ReplicaCatalog;
  transformationCatalog?: TransformationCatalog;
  /** Workflow-level profiles; in the schema, but the planner may reject them (see validation). */
  profiles?: Profiles;
  hooks?: Hooks;
  metadata?: Metadata;
  /** `x-*` keys (the API writes `x-pegasus`) and any other key the model does not know. */
  extra?: Extras;
}

/**
 * Catalogs that live in their own files beside the workflow (`sites.yml`, `replicas.yml`,
 * `transformations.yml`), as the Python API and pegasus-plan lay them out.
 */
export interface CatalogFiles {
  sites?: SiteCatalog;
  replicas?: ReplicaCatalog;
  transformations?: TransformationCatalog;
}

/** A workflow with the catalog files found beside it. Embedded catalogs stay in `workflow`. */
export interface WorkflowBundle {
  workflow: Workflow;
  catalogs: CatalogFiles;
}
