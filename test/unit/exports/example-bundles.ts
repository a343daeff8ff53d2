import { loadWorkflowBundle } from '../../../src/main/services/workspace/load-bundle';
import type { WorkflowBundle } from '../../../src/shared/model';
import { sharedPath } from '../../support/shared-path';

/** Every example workflow, with the catalogs found beside it. */
export const EXAMPLE_FILES = [
  '01-quickstart-hello-world.yml',
  '02-data-hello-world.yml',
  '09-sharedfs-hello-world.yml',
  'diamond.yml',
  'diamond-catalogs/workflow.yml',
  'features.yml',
  'hierarchical.yml',
  'inference-edgecases.yml',
  'sub-diamond_sub1.yml',
];

export async function loadExample(name: string): Promise<{
  bundle: WorkflowBundle;
  files: { workflow: string; sites?: string; replicas?: string; transformations?: string };
}> {
  const loaded = await loadWorkflowBundle(sharedPath('examples', name));
  if (!loaded.ok) throw new Error(`${name}: ${JSON.stringify(loaded.diagnostics)}`);
  return loaded;
}
