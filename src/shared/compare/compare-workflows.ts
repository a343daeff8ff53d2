import { inferDependencies, forEachFileRole } from '../infer';
import type { Job } from '../model/job';
import type { Workflow } from '../model/workflow';

/** A job present in both documents whose fields differ. */
export interface ChangedJob {
  id: string;
  /** Model fields that differ, e.g. `arguments`, `uses`, `profiles`. */
  fields: string[];
}

/** What changed from `before` to `after`, as lists a person can read and the canvas can highlight. */
export interface WorkflowComparison {
  jobs: { added: string[]; removed: string[]; changed: ChangedJob[] };
  files: { added: string[]; removed: string[] };
  /** `[parent, child]` job ids, inferred and explicit alike (what pegasus-plan will see). */
  dependencies: { added: Array<[string, string]>; removed: Array<[string, string]> };
  /** Catalogs and workflow-level fields that differ (`name`, `siteCatalog`, …). */
  workflow: string[];
  /** True when nothing differs. */
  same: boolean;
}

/**
 * A canonical text of a value: object keys sorted, so that key order (which Pegasus ignores)
 * does not count as a change. Cost: linear in the value's size.
 */
function canonical(value: unknown): string {
  if (value === undefined) return '';
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
      return Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return inner;
  });
}

function changedFields(before: Job, after: Job): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const fields: string[] = [];
  for (const key of keys) {
    const a = (before as unknown as Record<string, unknown>)[key];
    const b = (after as unknown as Record<string, unknown>)[key];
    if (canonical(a) !== canonical(b)) fields.push(key);
  }
  return fields.sort();
}

function filesOf(workflow: Workflow): Set<string> {
  const files = new Set<string>();
  for (const job of workflow.jobs) {
    for (const use of job.uses) files.add(use.lfn);
    forEachFileRole(job, (lfn) => files.add(lfn));
  }
  return files;
}

function edgesOf(workflow: Workflow): Set<string> {
  const graph = inferDependencies(workflow);
  const edges = new Set<string>();
  for (let v = 0; v < graph.nodeCount; v++) {
    for (let e = graph.offsets[v]!; e < graph.offsets[v + 1]!; e++) {
      edges.add(`${workflow.jobs[v]!.id}\u0000${workflow.jobs[graph.targets[e]!]!.id}`);
    }
  }
  return edges;
}

function difference<T>(a: Set<T>, b: Set<T>): T[] {
  const result: T[] = [];
  for (const item of a) if (!b.has(item)) result.push(item);
  return result;
}

const WORKFLOW_FIELDS = ['pegasus', 'name', 'version', 'siteCatalog', 'replicaCatalog', 'transformationCatalog', 'profiles', 'hooks', 'metadata', 'extra'] as const;

/**
 * Compares two workflow documents: jobs added, removed and changed (by id), files added and
 * removed, dependencies added and removed (inferred ones included, since they are what the
 * planner sees), and the workflow-level fields that differ. Job order alone is no change.
 * Cost: O(size of both documents).
 */
export function compareWorkflows(before: Workflow, after: Workflow): WorkflowComparison {
  const beforeJobs = new Map(before.jobs.map((job) => [job.id, job]));
  const afterJobs = new Map(after.jobs.map((job) => [job.id, job]));
  const added: string[] = [];
  const changed: ChangedJob[] = [];
  for (const [id, job] of afterJobs) {
    const old = beforeJobs.get(id);
    if (!old) added.push(id);
    else {
      const fields = changedFields(old, job);
      if (fields.length > 0) changed.push({ id, fields });
    }
  }
  const removed = [...beforeJobs.keys()].filter((id) => !afterJobs.has(id));

  const beforeFiles = filesOf(before);
  const afterFiles = filesOf(after);
  const beforeEdges = edgesOf(before);
  const afterEdges = edgesOf(after);
  const split = (key: string) => key.split('\u0000') as [string, string];

  const workflow = WORKFLOW_FIELDS.filter((field) => canonical(before[field]) !== canonical(after[field]));
  const comparison: WorkflowComparison = {
    jobs: { added, removed, changed },
    files: { added: difference(afterFiles, beforeFiles), removed: difference(beforeFiles, afterFiles) },
    dependencies: { added: difference(afterEdges, beforeEdges).map(split), removed: difference(beforeEdges, afterEdges).map(split) },
    workflow: [...workflow],
    same: false,
  };
  comparison.same =
    added.length + removed.length + changed.length + comparison.files.added.length + comparison.files.removed.length +
      comparison.dependencies.added.length + comparison.dependencies.removed.length + workflow.length ===
    0;
  return comparison;
}
