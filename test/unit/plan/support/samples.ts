import { readFileSync } from 'node:fs';
import {
  readReplicaCatalog,
  readSiteCatalog,
  readTransformationCatalog,
  readWorkflow,
} from '../../../../src/shared/formats/pegasus-yaml';
import type { Result } from '../../../../src/shared/model/diagnostic';
import type { CatalogFiles, WorkflowBundle } from '../../../../src/shared/model/workflow';
import { sharedPath } from '../../../support/shared-path';

/** A path inside one of the recorded submit directories. */
export function samplePath(...parts: string[]): string {
  return sharedPath('pegasus-samples', 'submit-dirs', ...parts);
}

function must<T>(result: Result<T>, file: string): T {
  if (!result.ok) throw new Error(`${file}: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return result.value;
}

/** Reads a recorded planner input: the workflow and the catalog files pegasus-plan was given. */
export function loadSample(
  workflowFile: string,
  catalogs: { sites?: string; transformations?: string; replicas?: string },
): WorkflowBundle {
  const read = (file: string): string => readFileSync(file, 'utf8');
  const files: CatalogFiles = {};
  if (catalogs.sites)
    files.sites = must(readSiteCatalog(read(catalogs.sites), { file: catalogs.sites }), catalogs.sites);
  if (catalogs.transformations)
    files.transformations = must(
      readTransformationCatalog(read(catalogs.transformations), { file: catalogs.transformations }),
      catalogs.transformations,
    );
  if (catalogs.replicas)
    files.replicas = must(readReplicaCatalog(read(catalogs.replicas), { file: catalogs.replicas }), catalogs.replicas);
  return { workflow: must(readWorkflow(read(workflowFile), { file: workflowFile }), workflowFile), catalogs: files };
}
