import type { Diagnostic } from '../model/diagnostic';
import type { Job } from '../model/job';
import type { Workflow } from '../model/workflow';
import type { PlanCatalogs } from './catalogs';
import { PLAN_CODES, planError } from './diagnostics';
import { stateDag, topologicalOrder } from './graph-utils';
import { profileNumber, profileText } from './profiles';
import type { ClusterStyle, PlanJob, PlanState } from './types';

/**
 * Clustering (`refiner/NodeCollapser.java`, only with `--cluster`), styles applied in order.
 *
 * - `horizontal`: compute jobs on the same level, at the same site, running the same
 *   transformation are grouped. The group is cut into `clusters.num` clusters of even size if
 *   that profile is set (it wins), else into clusters of `clusters.size` jobs; with neither,
 *   the size is 1 and nothing is clustered (see {@link horizontalChunks}). Named
 *   `merge_<name>_PID<level+1>_ID<n>`: the partition is the 1-based level.
 * - `label`: compute jobs with the same pegasus profile `label` become one cluster, named
 *   `merge_<name of its first job>_ID<n>` after its partition (see `labelGroups`).
 *
 * A cluster keeps the tasks' union of edges; a label clustering that would create a cycle is
 * an error (PC406), as in pegasus-plan. Cost: O(jobs + edges).
 */
export function cluster(
  state: PlanState,
  workflow: Workflow,
  catalogs: PlanCatalogs,
  styles: readonly ClusterStyle[],
): { state: PlanState; diagnostics: Diagnostic[] } {
  let current = state;
  const diagnostics: Diagnostic[] = [];
  for (const style of styles) {
    const groups =
      style === 'horizontal'
        ? horizontalGroups(current, workflow, catalogs)
        : labelGroups(current, workflow, catalogs, diagnostics);
    if (diagnostics.length > 0) return { state: current, diagnostics };
    current = collapse(current, groups);
    if (!topologicalOrder(stateDag(current))) {
      return {
        state: current,
        diagnostics: [
          planError(
            PLAN_CODES.cycle,
            `Clustering by ${style} makes a cycle between clusters: jobs of one cluster depend on another cluster that depends on them.`,
          ),
        ],
      };
    }
  }
  return { state: current, diagnostics: [] };
}

/** A set of job indices to merge, with the merged job's name. */
interface Group {
  members: number[];
  name: string;
}

function firstJob(workflow: Workflow, planJob: PlanJob): Job {
  return workflow.jobs[planJob.tasks[0]!]!;
}

function txName(workflow: Workflow, planJob: PlanJob): string {
  const job = firstJob(workflow, planJob);
  return job.type === 'job' ? job.name : planJob.name;
}

function clusterProfile(workflow: Workflow, catalogs: PlanCatalogs, planJob: PlanJob, key: string): number | undefined {
  const job = firstJob(workflow, planJob);
  const tx = catalogs.transformations.get(planJob.transformation);
  const value = profileNumber(
    'pegasus',
    key,
    job,
    catalogs.sites.get(planJob.site),
    tx,
    tx?.sites.find((s) => s.name === planJob.site),
  );
  return value !== undefined && value >= 1 ? Math.floor(value) : undefined;
}

function horizontalGroups(state: PlanState, workflow: Workflow, catalogs: PlanCatalogs): Group[] {
  const buckets = new Map<string, number[]>();
  state.jobs.forEach((job, index) => {
    if (job.kind !== 'compute') return;
    // The staging site is part of the key: a cluster has one directory to work in.
    const key = `${job.level}\u0000${job.site}\u0000${job.stagingSite}\u0000${job.transformation}`;
    const bucket = buckets.get(key);
    if (bucket) bucket.push(index);
    else buckets.set(key, [index]);
  });
  const groups: Group[] = [];
  const counters = new Map<string, number>();
  for (const members of buckets.values()) {
    if (members.length < 2) continue;
    const first = state.jobs[members[0]!]!;
    const name = txName(workflow, first);
    const counterKey = `${name}\u0000${first.level}`;
    for (const [start, end] of horizontalChunks(
      members.length,
      clusterProfile(workflow, catalogs, first, 'clusters.num'),
      clusterProfile(workflow, catalogs, first, 'clusters.size'),
    )) {
      const n = (counters.get(counterKey) ?? 0) + 1;
      counters.set(counterKey, n);
      groups.push({ members: members.slice(start, end), name: `merge_${name}_PID${first.level + 1}_ID${n}` });
    }
  }
  return groups;
}

/**
 * How pegasus-plan cuts `size` jobs into clusters (`Horizontal.collapseJobs`,
 * `getCollapseFactor`): with `clusters.num` b, chunks of ⌊size/b⌋ jobs, the first size mod b
 * of them one larger, stopping where a chunk would hold a single job; with `clusters.size` f,
 * chunks of f jobs, the last one holding what is left; f = 1 or neither profile: none.
 * Returns [start, end) ranges.
 */
export function horizontalChunks(
  size: number,
  num: number | undefined,
  collapse: number | undefined,
): Array<[number, number]> {
  const base = num !== undefined ? Math.floor(size / num) : (collapse ?? 1);
  let extra = num !== undefined ? size % num : 0;
  if (base === 1 && extra === 0) return [];
  if (base >= size) return [[0, size]];
  const chunks: Array<[number, number]> = [];
  for (let start = 0; start < size;) {
    const increment = extra-- > 0 ? base + 1 : base;
    if (increment <= 1) break;
    const end = Math.min(start + increment, size);
    chunks.push([start, end]);
    start = end;
  }
  return chunks;
}

/**
 * Label partitions as pegasus-plan's Label partitioner makes them: jobs are visited level by
 * level; each new label (a job without one is its own label) opens partition `ID<n>`, n
 * counting from 1 in that order. A labelled job more than one level below the previous job
 * of its label makes an invalid labelled graph, and a partition spread over several sites
 * cannot run as one job: both are errors (PC412), as in pegasus-plan.
 */
function labelGroups(state: PlanState, workflow: Workflow, catalogs: PlanCatalogs, diagnostics: Diagnostic[]): Group[] {
  const order = state.jobs
    .map((_, index) => index)
    .sort((a, b) => state.jobs[a]!.level - state.jobs[b]!.level || a - b);
  const partitions = new Map<string, { id: number; lastLevel: number; members: number[] }>();
  let count = 0;
  for (const index of order) {
    const planJob = state.jobs[index]!;
    const abstract = firstJob(workflow, planJob);
    const tx = catalogs.transformations.get(planJob.transformation);
    const labelled =
      planJob.kind === 'compute'
        ? profileText('pegasus', 'label', abstract, catalogs.sites.get(planJob.site), tx)
        : undefined;
    const label = labelled === undefined || labelled === '' ? `\u0000${planJob.name}` : labelled;
    let partition = partitions.get(label);
    if (!partition) {
      partition = { id: ++count, lastLevel: planJob.level, members: [] };
      partitions.set(label, partition);
    } else if (planJob.level > partition.lastLevel + 1) {
      diagnostics.push(
        planError(
          PLAN_CODES.badLabel,
          `Job ${abstract.id}: label ${label} skips a level (its previous job is on level ${partition.lastLevel}, this one on ${planJob.level}): pegasus-plan rejects this as an invalid labelled graph.`,
          { kind: 'job', jobId: abstract.id },
        ),
      );
    }
    partition.lastLevel = planJob.level;
    partition.members.push(index);
  }
  const groups: Group[] = [];
  for (const [label, partition] of partitions) {
    if (partition.members.length < 2) continue;
    const first = state.jobs[partition.members[0]!]!;
    const elsewhere = partition.members.find((m) => state.jobs[m]!.site !== first.site);
    if (elsewhere !== undefined) {
      const job = firstJob(workflow, state.jobs[elsewhere]!);
      diagnostics.push(
        planError(
          PLAN_CODES.badLabel,
          `Job ${job.id}: label ${label} has jobs on sites ${first.site} and ${state.jobs[elsewhere]!.site}; a label cluster runs on one site.`,
          { kind: 'job', jobId: job.id },
        ),
      );
      continue;
    }
    groups.push({ members: partition.members, name: `merge_${txName(workflow, first)}_ID${partition.id}` });
  }
  return groups;
}

function collapse(state: PlanState, groups: readonly Group[]): PlanState {
  if (groups.length === 0) return state;
  const groupOf = new Int32Array(state.jobs.length).fill(-1);
  groups.forEach((group, g) => group.members.forEach((member) => (groupOf[member] = g)));

  const jobs: PlanJob[] = [];
  const newIndex = new Int32Array(state.jobs.length);
  const groupIndex = new Int32Array(groups.length).fill(-1);
  state.jobs.forEach((job, index) => {
    const g = groupOf[index]!;
    if (g < 0) {
      newIndex[index] = jobs.length;
      jobs.push(job);
      return;
    }
    if (groupIndex[g]! < 0) {
      groupIndex[g] = jobs.length;
      jobs.push(mergeJobs(groups[g]!, state.jobs));
    }
    newIndex[index] = groupIndex[g]!;
  });

  const edgeFrom: number[] = [];
  const edgeTo: number[] = [];
  for (let e = 0; e < state.edgeFrom.length; e++) {
    const from = newIndex[state.edgeFrom[e]!]!;
    const to = newIndex[state.edgeTo[e]!]!;
    if (from !== to) {
      edgeFrom.push(from);
      edgeTo.push(to);
    }
  }
  return { jobs, edgeFrom, edgeTo };
}

function mergeJobs(group: Group, all: readonly PlanJob[]): PlanJob {
  const members = group.members.map((m) => all[m]!);
  const first = members[0]!;
  const tasks: number[] = [];
  const executablePaths: string[] = [];
  let runtime: number | undefined;
  let retry: number | undefined;
  let level = first.level;
  const executables = new Map<string, NonNullable<PlanJob['executables']>[number]>();
  for (const member of members) {
    tasks.push(...member.tasks);
    executablePaths.push(...(member.executablePaths ?? member.tasks.map(() => '')));
    if (member.runtime !== undefined) runtime = (runtime ?? 0) + member.runtime;
    if (member.retry !== undefined) retry = Math.max(retry ?? 0, member.retry);
    level = Math.min(level, member.level);
    for (const exe of member.executables ?? []) if (!executables.has(exe.lfn)) executables.set(exe.lfn, exe);
  }
  const merged: PlanJob = {
    name: group.name,
    kind: 'cluster',
    site: first.site,
    stagingSite: first.stagingSite,
    dataConfiguration: first.dataConfiguration,
    level,
    tasks,
    executablePaths,
    transformation: first.transformation,
    runtime,
    retry,
  };
  if (executables.size > 0) merged.executables = [...executables.values()];
  return merged;
}
