import { findCycles } from '../graph/find-cycles';
import type { DependencyGraph } from '../infer';
import type { Workflow } from '../model/workflow';
import { report, type DiagnosticSink, type ValidationContext } from './context';

/** At most this many cycles are reported; one cycle per tangle is enough to fix them in turn. */
const MAX_CYCLES = 20;

/** PC207 dependencies on unknown jobs, PC200 cycles with their path. Cost: O(jobs + edges). */
export function checkDependencies(context: ValidationContext): void {
  const { workflow, graph } = context;
  for (const [parent, child] of graph.unknownReferences) {
    reportUnknownReference(context, parent, child, graph.indexById.has(parent), graph.indexById.has(child));
  }
  reportCycles(context, workflow, graph);
}

/** PC207 for the dependency `parent -> child`, given which of the two ids are jobs. Cost: O(1). */
export function reportUnknownReference(
  sink: DiagnosticSink,
  parent: string,
  child: string,
  parentKnown: boolean,
  childKnown: boolean,
): void {
  const missing = parentKnown ? [child] : childKnown ? [parent] : [parent, child];
  const which = missing.map((id) => `'${id}'`).join(' and ');
  report(
    sink,
    'PC207',
    `Dependency ${parent} -> ${child} names ${which}, which is not a job of this workflow; pegasus-plan stops on it.`,
    {
      kind: 'dependency',
      parent,
      child,
    },
  );
}

/** PC200 for the first {@link MAX_CYCLES} cycles of `graph` (the graph of `workflow`). Cost: O(jobs + edges). */
export function reportCycles(sink: DiagnosticSink, workflow: Workflow, graph: DependencyGraph): void {
  for (const cycle of findCycles(graph, MAX_CYCLES)) {
    const ids = cycle.map((v) => workflow.jobs[v]!.id);
    const path = [...ids, ids[0]!].join(' -> ');
    const how = ids.length === 1 ? `Job '${ids[0]}' depends on itself` : `The dependencies form a cycle`;
    report(
      sink,
      'PC200',
      `${how}: ${path}. A workflow must be acyclic; remove one of these dependencies or rename a file.`,
      {
        kind: 'job',
        jobId: ids[0]!,
      },
    );
  }
}
