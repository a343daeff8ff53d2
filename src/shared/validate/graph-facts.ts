import { criticalPath } from '../graph/critical-path';
import { levels as levelsOf } from '../graph/levels';
import { leaves, roots } from '../graph/roots-leaves';
import { EdgeFlag, edgeCount } from '../graph/dag';
import { topologicalOrder } from '../graph/topological-order';
import { width as widthOf } from '../graph/width';
import { inferDependencies, type DependencyGraph } from '../infer';
import type { TransformationCatalog } from '../model/catalogs';
import type { Workflow } from '../model/workflow';
import { jobRuntimes } from './runtime';

/** Counts and shape of a workflow's dependency graph, as `info` prints them. */
export interface GraphFacts {
  jobs: number;
  /** Distinct LFNs used by jobs (uses, stdin, stdout, stderr). */
  files: number;
  edges: number;
  /** Edges inferred from files (some may also be listed explicitly). */
  inferredEdges: number;
  /** Edges only an explicit dependency explains. */
  explicitEdges: number;
  /** False when the dependencies have a cycle; then the fields below that need order are absent. */
  acyclic: boolean;
  levels?: number;
  width?: number;
  roots: number;
  leaves: number;
  /** The longest chain by `pegasus.runtime` (seconds), see `jobRuntimes`. */
  criticalPath?: { jobs: string[]; seconds: number };
  /** Jobs with no `pegasus.runtime` anywhere (counted as 0 s on the critical path). */
  jobsWithoutRuntime: number;
}

/**
 * Graph facts of a workflow: counts of jobs, files and edges, levels, width, roots, leaves
 * and the critical path by runtime. `transformations` is the catalog file, if any, beside
 * the embedded one. Cost: O(jobs + uses + edges).
 */
export function graphFacts(
  workflow: Workflow,
  graph: DependencyGraph = inferDependencies(workflow),
  transformations?: TransformationCatalog,
): GraphFacts {
  const files = new Set<string>();
  for (const job of workflow.jobs) {
    for (const use of job.uses) files.add(use.lfn);
    if (job.stdin !== undefined) files.add(job.stdin);
    if (job.stdout !== undefined) files.add(job.stdout);
    if (job.stderr !== undefined) files.add(job.stderr);
  }
  let inferred = 0;
  let explicit = 0;
  for (let e = 0; e < graph.flags.length; e++) {
    if (graph.flags[e]! & EdgeFlag.Inferred) inferred++;
    else explicit++;
  }
  const { seconds, missing } = jobRuntimes(workflow.jobs, [workflow.transformationCatalog, transformations]);
  const facts: GraphFacts = {
    jobs: workflow.jobs.length,
    files: files.size,
    edges: edgeCount(graph),
    inferredEdges: inferred,
    explicitEdges: explicit,
    acyclic: false,
    roots: roots(graph).length,
    leaves: leaves(graph).length,
    jobsWithoutRuntime: missing,
  };
  const order = topologicalOrder(graph);
  if (!order) return facts;
  facts.acyclic = true;
  const leveled = levelsOf(graph, order)!;
  facts.levels = leveled.count;
  facts.width = widthOf(leveled);
  const path = criticalPath(graph, (v) => seconds[v]!, order)!;
  facts.criticalPath = { jobs: path.path.map((v) => workflow.jobs[v]!.id), seconds: path.length };
  return facts;
}
