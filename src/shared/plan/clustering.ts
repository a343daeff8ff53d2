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
 * - `label`: compute jobs with the same pegasus profile `label` at the same site become one
 *   cluster, named `merge_<name of its first job>_P<label>`.
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
  for (const style of styles) {
    const groups =
      style === 'horizontal' ? horizontalGroups(current, workflow, catalogs) : labelGroups(current, workflow, catalogs);
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

function labelGroups(state: PlanState, workflow: Workflow, catalogs: PlanCatalogs): Group[] {
  const buckets = new Map<string, number[]>();
  const labels = new Map<string, string>();
  state.jobs.forEach((planJob, index) => {
    if (planJob.kind !== 'compute') return;
    const tx = catalogs.transformations.get(planJob.transformation);
    const label = profileText('pegasus', 'label', firstJob(workflow, planJob), catalogs.sites.get(planJob.site), tx);
    if (label === undefined || label === '') return;
    const key = `${label}\u0000${planJob.site}\u0000${planJob.stagingSite}`;
    labels.set(key, label);
    const bucket = buckets.get(key);
    if (bucket) bucket.push(index);
    else buckets.set(key, [index]);
  });
  const groups: Group[] = [];
  const used = new Set<string>();
  for (const [key, members] of buckets) {
    if (members.length < 2) continue;
    const label = labels.get(key)!.replace(/[^A-Za-z0-9_-]/g, '_');
    const first = state.jobs[members[0]!]!;
    let name = `merge_${txName(workflow, first)}_P${label}`;
    // One label on several sites makes one cluster per site: the later ones say where.
    if (used.has(name)) name = `${name}_${first.site}`;
    used.add(name);
    groups.push({ members, name });
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
