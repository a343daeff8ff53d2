import type { Diagnostic, DiagnosticTarget } from '../model/diagnostic';

/**
 * Planner diagnostics. Codes are stable (listed in the README): errors mean pegasus-plan
 * would refuse the workflow with these options.
 */
export const PLAN_CODES = {
  /** No execution site can run the job's transformation. */
  noSite: 'PC401',
  /** `selector.execution.site` names a site the catalog does not have. */
  unknownPinnedSite: 'PC402',
  /** An input has no replica and no job produces it. */
  noReplica: 'PC403',
  /** A staging site that the data configuration forbids, or an unknown one. */
  badStagingSite: 'PC404',
  /** An execution or output site that is not in the site catalog. */
  unknownSite: 'PC405',
  /** The workflow (or its clustered form) has a cycle. */
  cycle: 'PC406',
  /** The workflow has no jobs. */
  empty: 'PC407',
  /** In-place cleanup turned off for a hierarchical workflow. */
  inplaceOff: 'PC408',
  /** Every job was pruned by data reuse: only stage-outs of existing outputs remain, or a NOOP job. */
  allPruned: 'PC409',
  /** A site was created because the catalog lacked it. */
  siteCreated: 'PC410',
  /** A sub-workflow job's file has no replica and no job makes it. */
  subWorkflowFile: 'PC411',
  /** Label clustering: a label that skips a level, or spans several sites. */
  badLabel: 'PC412',
} as const;

/** An error diagnostic: the plan cannot be made. */
export function planError(code: string, message: string, target?: DiagnosticTarget): Diagnostic {
  return { code, severity: 'error', message, ...(target ? { target } : {}) };
}

/** A diagnostic that does not stop the plan (info by default, or warning). */
export function planInfo(
  code: string,
  message: string,
  target?: DiagnosticTarget,
  severity: 'info' | 'warning' = 'info',
): Diagnostic {
  return { code, severity, message, ...(target ? { target } : {}) };
}
