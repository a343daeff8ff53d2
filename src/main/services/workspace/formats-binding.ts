import { writeReplicaCatalog, writeSiteCatalog, writeTransformationCatalog, writeWorkflow } from '../../../shared/formats/pegasus-yaml';
import { exportWorkflow } from '../../../shared/formats/export';
import type { DocumentFormats } from './document-formats';
import { loadWorkflowBundle } from './load-bundle';

/** The real readers and writers, as the document service takes them. */
export const documentFormats: DocumentFormats = {
  loadWorkflowBundle: (file) => loadWorkflowBundle(file),
  writeWorkflow: (workflow, options) => writeWorkflow(workflow, options),
  writeSiteCatalog: (catalog) => writeSiteCatalog(catalog),
  writeReplicaCatalog: (catalog) => writeReplicaCatalog(catalog),
  writeTransformationCatalog: (catalog) => writeTransformationCatalog(catalog),
  exportWorkflow: (bundle, format, options) => exportWorkflow(bundle, format, options),
};
