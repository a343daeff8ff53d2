import type { CatalogFiles, Diagnostic, ReplicaCatalog, SiteCatalog, TransformationCatalog, Workflow, WorkflowBundle } from '../../../shared/model';
import type { DocumentFormat, ExportFormat } from '../../../shared/ipc';

/**
 * What the document service needs from the readers and writers (`src/shared/formats`) and
 * from `load-bundle.ts`. A parameter, so the service is tested against the real modules
 * (see `formats-binding.ts`) without importing them here.
 */
export interface DocumentFormats {
  loadWorkflowBundle(
    file: string,
  ): Promise<
    | {
        ok: true;
        bundle: WorkflowBundle;
        files: { workflow: string; sites?: string; replicas?: string; transformations?: string };
        diagnostics: Diagnostic[];
        /** The workflow file as read; absent: the service reads it itself. */
        text?: string;
      }
    | { ok: false; diagnostics: Diagnostic[] }
  >;
  writeWorkflow(workflow: Workflow, options: { format: DocumentFormat }): string;
  writeSiteCatalog(catalog: SiteCatalog): string;
  writeReplicaCatalog(catalog: ReplicaCatalog): string;
  writeTransformationCatalog(catalog: TransformationCatalog): string;
  exportWorkflow(bundle: WorkflowBundle, format: ExportFormat, options: { files?: boolean; reduce?: boolean }): string;
}

/** File names of catalogs beside a workflow, as the Python API writes them and pegasus-plan reads them. */
export const CATALOG_FILE_NAMES: Record<keyof CatalogFiles, string> = {
  sites: 'sites.yml',
  replicas: 'replicas.yml',
  transformations: 'transformations.yml',
};
