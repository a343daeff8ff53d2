import type { Dag } from '../graph/dag';
import type { Levels } from '../graph/levels';
import { transformationKey } from '../model/job';
import type { Workflow } from '../model/workflow';

/**
 * The aggregated view of a large workflow, as Snakemake's rule graph draws it: jobs grouped by
 * transformation and level (a sub-workflow job by its workflow file and level), one node per
 * group with its count, and one edge per pair of connected groups with the number of job
 * edges it stands for.
 */
export interface JobGroup {
  /** Stable across edits that keep the group: `level:transformation`. */
  key: string;
  /** Transformation key, or the sub-workflow file for sub-workflow jobs. */
  label: string;
  kind: 'job' | 'pegasusWorkflow' | 'condorWorkflow';
  level: number;
  count: number;
}

export interface GroupEdge {
  from: number;
  to: number;
  /** Job → job edges between the two groups. */
  multiplicity: number;
}

export interface JobAggregation {
  groups: JobGroup[];
  /** `groupOf[job]`: index into `groups`. */
  groupOf: Uint32Array;
  /** Members of group `g`: `members[memberOffsets[g] .. memberOffsets[g+1])`, in document order. */
  memberOffsets: Uint32Array;
  members: Uint32Array;
  edges: GroupEdge[];
}

/**
 * Groups jobs by (level, transformation) and counts the edges between groups. Groups are
 * ordered by level, then by first appearance in the document, so the picture is stable.
 * Cost: O(jobs + edges) time, one hash map of groups and one of group pairs.
 */
export function aggregateJobs(workflow: Workflow, dag: Dag, levelsOf: Levels): JobAggregation {
  const n = workflow.jobs.length;
  const indexByKey = new Map<string, number>();
  const unordered: JobGroup[] = [];
  const provisional = new Uint32Array(n);
  for (let v = 0; v < n; v++) {
    const job = workflow.jobs[v]!;
    const level = levelsOf.level[v] ?? 0;
    const label = job.type === 'job' ? transformationKey(job) : job.file;
    const key = `${level}:${job.type === 'job' ? '' : `${job.type}:`}${label}`;
    let group = indexByKey.get(key);
    if (group === undefined) {
      group = unordered.length;
      indexByKey.set(key, group);
      unordered.push({ key, label, kind: job.type, level, count: 0 });
    }
    unordered[group]!.count++;
    provisional[v] = group;
  }

  // Order groups by level (stable in first appearance).
  const order = unordered.map((_, index) => index).sort((a, b) => unordered[a]!.level - unordered[b]!.level || a - b);
  const rank = new Uint32Array(unordered.length);
  order.forEach((group, position) => (rank[group] = position));
  const groups = order.map((group) => unordered[group]!);
  const groupOf = new Uint32Array(n);
  for (let v = 0; v < n; v++) groupOf[v] = rank[provisional[v]!]!;

  const memberOffsets = new Uint32Array(groups.length + 1);
  for (let v = 0; v < n; v++) memberOffsets[groupOf[v]! + 1]!++;
  for (let g = 0; g < groups.length; g++) memberOffsets[g + 1]! += memberOffsets[g]!;
  const cursor = memberOffsets.slice(0, groups.length);
  const members = new Uint32Array(n);
  for (let v = 0; v < n; v++) members[cursor[groupOf[v]!]!++] = v;

  const pairCounts = new Map<number, number>();
  const groupCount = groups.length;
  for (let v = 0; v < dag.nodeCount; v++) {
    const from = groupOf[v]!;
    for (let e = dag.offsets[v]!; e < dag.offsets[v + 1]!; e++) {
      const to = groupOf[dag.targets[e]!]!;
      if (to === from) continue;
      const pair = from * groupCount + to;
      pairCounts.set(pair, (pairCounts.get(pair) ?? 0) + 1);
    }
  }
  const edges: GroupEdge[] = [];
  for (const [pair, multiplicity] of pairCounts) edges.push({ from: Math.floor(pair / groupCount), to: pair % groupCount, multiplicity });
  edges.sort((a, b) => a.from - b.from || a.to - b.to);
  return { groups, groupOf, memberOffsets, members, edges };
}

/**
 * Counts of each job state per group, for the state colours of group nodes. `states[job]` is
 * a small integer state code; the result row `g` has `stateCount` entries.
 * Cost: O(jobs).
 */
export function groupStateCounts(aggregation: JobAggregation, states: Uint8Array, stateCount: number): Uint32Array[] {
  const rows = aggregation.groups.map(() => new Uint32Array(stateCount));
  for (let v = 0; v < aggregation.groupOf.length; v++) {
    const state = states[v] ?? 0;
    if (state < stateCount) rows[aggregation.groupOf[v]!]![state]!++;
  }
  return rows;
}
