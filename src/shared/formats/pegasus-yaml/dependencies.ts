import { dependencyList, inferDependencies, type DependencyGraph } from '../../infer';
import type { Dependency, Workflow } from '../../model/workflow';

/**
 * The `jobDependencies` a file gets: every edge, inferred or explicit, one entry per parent,
 * parents and children in job order (`dependencyList`), then what `dependencyList` cannot
 * show: explicit dependencies naming jobs that do not exist (kept, so that saving loses
 * nothing; validation reports them) and `x-*` keys of entries. The readers put a document's
 * dependencies in this same order, so that read → write → read is stable.
 * Cost: O(jobs + edges + dependencies).
 */
export function jobDependencyList(workflow: Workflow, graph: DependencyGraph = inferDependencies(workflow)): Dependency[] {
  const list = dependencyList(workflow, graph);
  if (graph.unknownReferences.length === 0 && !workflow.dependencies.some((d) => d.extra)) return list;
  const byId = new Map<string, Dependency>();
  for (const entry of list) byId.set(entry.id, entry);
  const entryFor = (id: string): Dependency => {
    let entry = byId.get(id);
    if (!entry) {
      entry = { id, children: [] };
      byId.set(id, entry);
      list.push(entry);
    }
    return entry;
  };
  for (const [parent, child] of graph.unknownReferences) {
    const entry = entryFor(parent);
    if (!entry.children.includes(child)) entry.children.push(child);
  }
  for (const dependency of workflow.dependencies) {
    if (dependency.extra) entryFor(dependency.id).extra = { ...entryFor(dependency.id).extra, ...dependency.extra };
  }
  return list;
}
