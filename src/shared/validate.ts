import { inferDependencies, type DependencyGraph } from './infer';
import type { Diagnostic } from './model/diagnostic';
import type { WorkflowBundle } from './model/workflow';
import type { ValidationContext } from './validate/context';
import { checkDependencies } from './validate/dependencies';
import { checkFileUses } from './validate/file-uses';
import { checkJobs } from './validate/jobs';
import { checkProducers } from './validate/producers';
import { checkProfiles } from './validate/profiles';
import { checkSubWorkflows } from './validate/sub-workflows';
import { checkTransformations } from './validate/transformations';

export { VALIDATION_CODES, type ValidationCode } from './validate/codes';
export { graphFacts, type GraphFacts } from './validate/graph-facts';
export { jobRuntimes } from './validate/runtime';
export { translateJavaRegex } from './validate/java-regex';

export interface ValidateOptions {
  /**
   * Tells whether a sub-workflow file exists (an LFN, or a PFN from the replica catalog).
   * Without it, sub-workflow files are not checked (the core does no I/O).
   */
  subWorkflowExists?: (file: string) => boolean;
  /** The dependency graph, when the caller already has it (saves one inference). */
  graph?: DependencyGraph;
}

/**
 * Checks a workflow and its catalogs the way pegasus-plan would, before it is planned:
 * every problem becomes a diagnostic with a stable code (see `VALIDATION_CODES` and the
 * README), a severity (`error` = the planner refuses it or the result is wrong) and a target
 * (job, file, dependency, transformation, site, replica). Never throws.
 *
 * Cost: O(jobs + uses + dependencies + catalog entries); no quadratic step, so 10^6 jobs
 * validate in seconds.
 */
export function validateWorkflow(bundle: WorkflowBundle, options: ValidateOptions = {}): Diagnostic[] {
  const workflow = bundle.workflow;
  const context: ValidationContext = {
    bundle,
    workflow,
    graph: options.graph ?? inferDependencies(workflow),
    diagnostics: [],
  };
  checkJobs(context);
  checkFileUses(context);
  checkDependencies(context);
  checkProducers(context);
  checkTransformations(context);
  checkSubWorkflows(context, options.subWorkflowExists);
  checkProfiles(context);
  return context.diagnostics;
}
