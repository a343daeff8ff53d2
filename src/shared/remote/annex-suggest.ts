import { levelSizes, levels as computeLevels, criticalPath } from '../graph';
import { inferDependencies } from '../infer';
import { indexTransformations, jobResources } from '../model/job-resources';
import type { Workflow } from '../model/workflow';
import type { AnnexQueue, AnnexSystem } from './annex-systems';
import { ANNEX_DEFAULTS, type AnnexRequest } from './annex-validate';

/** What the workflow needs at its busiest, in the numbers an annex request is made of. */
export interface WorkflowDemand {
  /** Jobs on the widest level (all of them can run at once). */
  widestLevelJobs: number;
  /** Cores those jobs ask for together (1 for a job that does not say). */
  widestLevelCores: number;
  /** Memory those jobs ask for together, MB (0 when none says). */
  widestLevelMemoryMb: number;
  /** The largest single job. */
  maxJobCores: number;
  maxJobMemoryMb: number;
  maxJobGpus: number;
  /** Sum of runtimes along the critical path, seconds (0 when no job gives a runtime). */
  criticalPathS: number;
}

export interface AnnexSuggestion {
  request: Pick<AnnexRequest, 'system' | 'queue' | 'nodes' | 'lifetime' | 'cpus' | 'memMb' | 'gpus'>;
  /** How the numbers were reached, one sentence a step, for the form to show. */
  reasoning: string[];
}

/**
 * Measures the workflow's peak demand: the level with the most jobs (levels as the planner
 * counts them), its total cores and memory, the largest job, and the critical path.
 * Cost: O(jobs + edges).
 */
export function workflowDemand(workflow: Workflow): WorkflowDemand {
  const graph = inferDependencies(workflow);
  const transformations = indexTransformations(workflow.transformationCatalog);
  const resources = workflow.jobs.map((job) => jobResources(job, transformations));
  const levelsOf = computeLevels(graph);
  const demand: WorkflowDemand = {
    widestLevelJobs: 0,
    widestLevelCores: 0,
    widestLevelMemoryMb: 0,
    maxJobCores: 1,
    maxJobMemoryMb: 0,
    maxJobGpus: 0,
    criticalPathS: 0,
  };
  for (const r of resources) {
    demand.maxJobCores = Math.max(demand.maxJobCores, r.cores ?? 1);
    demand.maxJobMemoryMb = Math.max(demand.maxJobMemoryMb, r.memoryMb ?? 0);
    demand.maxJobGpus = Math.max(demand.maxJobGpus, r.gpus ?? 0);
  }
  if (!levelsOf) return demand; // a cycle: validation reports it
  const sizes = levelSizes(levelsOf);
  let widest = 0;
  for (let level = 1; level < sizes.length; level++) if (sizes[level]! > sizes[widest]!) widest = level;
  for (let v = 0; v < resources.length; v++) {
    if (levelsOf.level[v] !== widest) continue;
    demand.widestLevelJobs++;
    demand.widestLevelCores += resources[v]!.cores ?? 1;
    demand.widestLevelMemoryMb += resources[v]!.memoryMb ?? 0;
  }
  demand.criticalPathS = criticalPath(graph, (v) => resources[v]!.runtimeS ?? 0)?.length ?? 0;
  return demand;
}

function fitsJob(queue: AnnexQueue, demand: WorkflowDemand): boolean {
  if (queue.coresPerNode !== undefined && demand.maxJobCores > queue.coresPerNode) return false;
  if (queue.ramPerNode !== undefined && demand.maxJobMemoryMb > queue.ramPerNode) return false;
  if (demand.maxJobGpus > 0) return queue.gpusPerNode !== undefined || queue.gpuTypes !== undefined;
  return queue.gpusPerNode === undefined && queue.gpuTypes === undefined;
}

/**
 * Suggests an annex request on `system` that runs the workflow's widest level at once:
 * a shared queue with just enough CPUs when the level fits on part of one node, otherwise
 * whole nodes of the default (or first fitting) whole-node queue, as many as the level needs
 * up to the queue's limit; a lifetime of twice the critical path, at least an hour, at most
 * the queue's maximum. Returns undefined when no queue of the system can run the largest job.
 */
export function suggestAnnexRequest(workflow: Workflow, system: AnnexSystem): AnnexSuggestion | undefined {
  const demand = workflowDemand(workflow);
  const reasoning: string[] = [
    `The widest level of the workflow has ${demand.widestLevelJobs} jobs asking for ${demand.widestLevelCores} cores` +
      (demand.widestLevelMemoryMb > 0 ? ` and ${demand.widestLevelMemoryMb} MB of memory` : '') +
      ' in all; they can all run at once.',
    `The largest job asks for ${demand.maxJobCores} cores` +
      (demand.maxJobMemoryMb > 0 ? ` and ${demand.maxJobMemoryMb} MB` : '') +
      (demand.maxJobGpus > 0 ? ` and ${demand.maxJobGpus} GPUs` : '') +
      '.',
  ];
  const fitting = system.queues.filter((queue) => fitsJob(queue, demand));
  if (fitting.length === 0) return undefined;

  const lifetimeFor = (queue: AnnexQueue) => {
    const wanted = Math.max(ANNEX_DEFAULTS.lifetime, Math.ceil((demand.criticalPathS * 2) / 600) * 600);
    return queue.maxDuration !== undefined ? Math.min(wanted, queue.maxDuration) : wanted;
  };
  const explainLifetime = (lifetime: number) =>
    demand.criticalPathS > 0
      ? `Its critical path takes ${Math.round(demand.criticalPathS)} s by the runtime profiles; the lease is ${lifetime} s (twice that, at least an hour, within the queue's limit).`
      : `No job gives a runtime profile, so the lease is the tool's default hour (${lifetime} s).`;

  const shared = fitting.find(
    (queue) =>
      queue.allocationType === 'cores_or_ram' &&
      queue.coresPerNode !== undefined &&
      demand.widestLevelCores <= queue.coresPerNode &&
      (queue.ramPerNode === undefined || demand.widestLevelMemoryMb <= queue.ramPerNode) &&
      demand.maxJobGpus === 0,
  );
  if (shared) {
    const lifetime = lifetimeFor(shared);
    const memMb = demand.widestLevelMemoryMb > 0 ? demand.widestLevelMemoryMb : undefined;
    reasoning.push(
      `That fits on part of one node, so the shared queue '${shared.name}' with ${demand.widestLevelCores} CPUs${memMb ? ` and ${memMb} MB` : ''} is enough.`,
      explainLifetime(lifetime),
    );
    return {
      request: { system: system.name, queue: shared.name, nodes: 1, lifetime, cpus: demand.widestLevelCores, ...(memMb ? { memMb } : {}) },
      reasoning,
    };
  }

  const wholeNode =
    fitting.find((queue) => queue.name === system.defaultQueue && queue.allocationType === 'node') ??
    fitting.find((queue) => queue.allocationType === 'node') ??
    fitting[0]!;
  const coresPerNode = wholeNode.coresPerNode;
  let nodes = 1;
  if (coresPerNode !== undefined) {
    const jobsPerNode = Math.max(1, Math.floor(coresPerNode / demand.maxJobCores));
    nodes = Math.max(1, Math.ceil(Math.max(demand.widestLevelCores / coresPerNode, demand.widestLevelJobs / jobsPerNode)));
  }
  const capped = wholeNode.maxNodesPerJob !== undefined && nodes > wholeNode.maxNodesPerJob;
  if (capped) nodes = wholeNode.maxNodesPerJob!;
  const lifetime = lifetimeFor(wholeNode);
  reasoning.push(
    coresPerNode !== undefined
      ? `Nodes of '${wholeNode.name}' have ${coresPerNode} cores, so the level needs ${nodes} node${nodes === 1 ? '' : 's'}` +
          (capped ? ` (the queue's limit; the rest of the level waits for free cores).` : '.')
      : `The queue '${wholeNode.name}' does not publish its node size; one node is a start.`,
    explainLifetime(lifetime),
  );
  const request: AnnexSuggestion['request'] = { system: system.name, queue: wholeNode.name, nodes, lifetime };
  if (demand.maxJobGpus > 0 && wholeNode.gpusPerNode !== undefined) request.gpus = String(wholeNode.gpusPerNode);
  return { request, reasoning };
}
