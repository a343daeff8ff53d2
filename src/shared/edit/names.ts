import type { Workflow } from '../model/workflow';

/**
 * A name not in `taken`: `base` itself when free, else `base_2`, `base_3`, …
 * Cost: O(k) set lookups for the k names tried.
 */
export function uniqueName(base: string, taken: ReadonlySet<string> | ((name: string) => boolean)): string {
  const has = typeof taken === 'function' ? taken : (name: string) => taken.has(name);
  if (!has(base)) return base;
  const stem = base.replace(/_\d+$/, '');
  for (let n = 2; ; n++) {
    const candidate = `${stem}_${n}`;
    if (!has(candidate)) return candidate;
  }
}

/** Job ids of the workflow. Cost: O(jobs). */
export function jobIds(workflow: Workflow): Set<string> {
  const ids = new Set<string>();
  for (const job of workflow.jobs) ids.add(job.id);
  return ids;
}

/**
 * Every LFN the workflow mentions: uses, stdin/stdout/stderr, sub-workflow files and the
 * embedded replica catalog. Cost: O(jobs + uses + replicas).
 */
export function fileNames(workflow: Workflow): Set<string> {
  const names = new Set<string>();
  for (const job of workflow.jobs) {
    for (const use of job.uses) names.add(use.lfn);
    if (job.stdin !== undefined) names.add(job.stdin);
    if (job.stdout !== undefined) names.add(job.stdout);
    if (job.stderr !== undefined) names.add(job.stderr);
  }
  for (const replica of workflow.replicaCatalog?.replicas ?? []) if (!replica.regex) names.add(replica.lfn);
  return names;
}

/**
 * Why `name` cannot be a job id or LFN, or `undefined` when it can. Pegasus ids and LFNs are
 * free text in the schema, but whitespace breaks the planner's command lines and the DAG.
 */
export function nameProblem(name: string, what: 'job id' | 'file name'): string | undefined {
  if (name.length === 0) return `A ${what} cannot be empty.`;
  if (/\s/.test(name)) return `A ${what} cannot contain spaces or line breaks: "${name}".`;
  return undefined;
}
