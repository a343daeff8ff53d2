import { EdgeFlag, EdgeListBuilder, type Dag } from './graph/dag';
import type { Job } from './model/job';
import type { Dependency, Workflow } from './model/workflow';

/**
 * The job dependency graph of a workflow: node `i` is `workflow.jobs[i]`.
 * `flags` say whether an edge is inferred from files, explicit, or both.
 */
export interface DependencyGraph extends Dag {
  /** Job id → node index. The first job wins when ids repeat (validation reports the others). */
  readonly indexById: ReadonlyMap<string, number>;
  /** Explicit dependencies naming a job id that does not exist: `[parent, child]` pairs. */
  readonly unknownReferences: ReadonlyArray<readonly [string, string]>;
  /** LFNs produced by more than one job, with the producers in document order. */
  readonly multiProducers: ReadonlyMap<string, number[]>;
  /** Every produced LFN → the job that produces it (the last one, as pegasus-plan keeps). */
  readonly producerOf: ReadonlyMap<string, number>;
  /** `[job, lfn]` for each consumption of a file that no job produces (workflow inputs), in document order. */
  readonly unproducedInputs: ReadonlyArray<readonly [number, string]>;
}

/** How one job touches one file for the purpose of inference. */
export type FileRole = 'consumes' | 'produces' | 'none';

/**
 * Roles of a job's files, the Pegasus rule (Python API `Workflow._infer_dependencies`):
 * `uses` of type input and `stdin` consume; type output, `stdout` and `stderr` produce;
 * `checkpoint`, `inout` and `none` make no edge. Calls `visit` once per (lfn, role) mention.
 */
export function forEachFileRole(job: Job, visit: (lfn: string, role: Exclude<FileRole, 'none'>) => void): void {
  for (const use of job.uses) {
    if (use.type === 'input') visit(use.lfn, 'consumes');
    else if (use.type === 'output') visit(use.lfn, 'produces');
  }
  if (job.stdin !== undefined) visit(job.stdin, 'consumes');
  if (job.stdout !== undefined) visit(job.stdout, 'produces');
  if (job.stderr !== undefined) visit(job.stderr, 'produces');
}

/**
 * Infers job → job dependencies as Pegasus does and merges the explicit ones.
 *
 * Rule: for every LFN with a producer, an edge goes from the producer to each job that
 * consumes it. When several jobs produce one LFN, the last in document order is the
 * producer: that is what pegasus-plan does (`DAX2CDAG.addDataDependencies`); the Python
 * API picks one arbitrarily. Validation reports such files. A job never depends on itself
 * through a file it both reads and writes.
 *
 * Cost: O(jobs + uses) with one hash map from LFN to producer.
 */
export function inferDependencies(workflow: Workflow): DependencyGraph {
  const jobs = workflow.jobs;
  // Backwards, so that the first job with an id is the one the map keeps: one map write per job.
  const indexById = new Map<string, number>();
  for (let i = jobs.length - 1; i >= 0; i--) indexById.set(jobs[i]!.id, i);

  // Producers. The role rule is forEachFileRole's, inlined here because this loop runs once
  // per output of up to 10^6 jobs: an output use costs one map write, and a write that does
  // not grow the map flags the file for the (rare) multi-producer pass below.
  const producerOf = new Map<string, number>();
  let collided: Set<string> | undefined;
  for (let i = 0; i < jobs.length; i++) {
    const job = jobs[i]!;
    for (const use of job.uses) {
      if (use.type !== 'output') continue;
      const size = producerOf.size;
      producerOf.set(use.lfn, i);
      if (producerOf.size === size) (collided ??= new Set()).add(use.lfn);
    }
    // stdout and stderr are usually listed in uses as well (the API does so): not a second producer.
    for (const lfn of [job.stdout, job.stderr]) {
      if (lfn === undefined) continue;
      const previous = producerOf.get(lfn);
      if (previous === i) continue;
      if (previous !== undefined) (collided ??= new Set()).add(lfn);
      producerOf.set(lfn, i);
    }
  }
  const multiProducers = new Map<string, number[]>();
  if (collided) {
    for (let i = 0; i < jobs.length; i++) {
      forEachFileRole(jobs[i]!, (lfn, role) => {
        if (role !== 'produces' || !collided.has(lfn)) return;
        const list = multiProducers.get(lfn);
        if (!list) multiProducers.set(lfn, [i]);
        else if (list[list.length - 1] !== i) list.push(i);
      });
    }
    for (const [lfn, list] of multiProducers) if (list.length < 2) multiProducers.delete(lfn);
  }

  const edges = new EdgeListBuilder(jobs.length * 2);
  const unproducedInputs: Array<readonly [number, string]> = [];
  for (let i = 0; i < jobs.length; i++) {
    forEachFileRole(jobs[i]!, (lfn, role) => {
      if (role !== 'consumes') return;
      const producer = producerOf.get(lfn);
      if (producer === undefined) unproducedInputs.push([i, lfn]);
      else if (producer !== i) edges.add(producer, i, EdgeFlag.Inferred);
    });
  }

  const unknownReferences: Array<readonly [string, string]> = [];
  for (const dependency of workflow.dependencies) {
    const parent = indexById.get(dependency.id);
    for (const childId of dependency.children) {
      const child = indexById.get(childId);
      if (parent === undefined || child === undefined) unknownReferences.push([dependency.id, childId]);
      else edges.add(parent, child, EdgeFlag.Explicit);
    }
  }

  const dag = edges.build(jobs.length);
  return { ...dag, indexById, unknownReferences, multiProducers, producerOf, unproducedInputs };
}

/**
 * All dependencies (inferred and explicit) as `jobDependencies` entries, the way the Python
 * API writes them: one entry per parent with children, parents and children in document
 * order. Cost: O(jobs + edges).
 */
export function dependencyList(workflow: Workflow, graph: DependencyGraph = inferDependencies(workflow)): Dependency[] {
  const result: Dependency[] = [];
  for (let v = 0; v < graph.nodeCount; v++) {
    const start = graph.offsets[v]!;
    const end = graph.offsets[v + 1]!;
    if (start === end) continue;
    const children: string[] = new Array<string>(end - start);
    for (let e = start; e < end; e++) children[e - start] = workflow.jobs[graph.targets[e]!]!.id;
    result.push({ id: workflow.jobs[v]!.id, children });
  }
  return result;
}

/**
 * Splits dependencies read from a file into the ones files explain (dropped: they are
 * derived) and the explicit rest, which the document keeps. Used by readers so that a
 * file written by the API, whose `jobDependencies` list every inferred edge, opens with
 * only its real control dependencies stored. Cost: O(jobs + uses + dependencies).
 */
export function explicitOnly(workflow: Workflow): Dependency[] {
  const inferredOnly = inferDependencies({ ...workflow, dependencies: [] });
  const kept: Dependency[] = [];
  for (const dependency of workflow.dependencies) {
    const parent = inferredOnly.indexById.get(dependency.id);
    const children = dependency.children.filter((childId) => {
      const child = inferredOnly.indexById.get(childId);
      return parent === undefined || child === undefined || !hasEdge(inferredOnly, parent, child);
    });
    if (children.length > 0 || dependency.extra) kept.push({ ...dependency, children });
  }
  return kept;
}

/** True when the graph has the edge `parent → child`. Cost: O(log outdegree). */
export function hasEdge(dag: Dag, parent: number, child: number): boolean {
  let lo = dag.offsets[parent]!;
  let hi = dag.offsets[parent + 1]!;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const target = dag.targets[mid]!;
    if (target === child) return true;
    if (target < child) lo = mid + 1;
    else hi = mid;
  }
  return false;
}
