/**
 * The aggregated view of a large workflow, as Snakemake's rule graph draws it: one node per
 * group of jobs (same level and transformation, or same sub-workflow file: `aggregateJobs` of
 * the core) with its count, one edge per pair of connected groups labelled with the number of
 * job edges it stands for. The groups get their own layered layout (a small graph), so the
 * view reads at any size; each group also knows the box its members cover in the member
 * layout, where opening it leads. Selection, diagnostics and run states are counted per group
 * from the members, so they read the same in both views. Cost: O(jobs + edges) per document
 * revision (grouping), O(jobs) per change of selection, badges or run states (counts).
 */
import type { Edge, Node } from '@xyflow/react';
import { type JobAggregation, aggregateJobs, groupStateCounts } from '../../../shared/aggregate/aggregate-jobs';
import { jobKey, parseKey } from '../../../shared/edit';
import { type Levels, levels } from '../../../shared/graph/levels';
import { JOB_STATES, type JobState } from '../../../shared/run/run-state';
import type { GraphModel } from '../graph-model';
import type { Position } from '../../../shared/edit';
import type { Badge } from '../node-types';
import { JOB_SIZE, handlesFor } from '../node-types';
import { layeredLayout } from '../layout/layered';
import type { Rect } from './dynamic-grid';

export interface JobGroupData extends Record<string, unknown> {
  label: string;
  kind: 'job' | 'pegasusWorkflow' | 'condorWorkflow';
  level: number;
  count: number;
  /** Members now selected (in either view). */
  selected: number;
  errors: number;
  warnings: number;
  /** Members per run state, in JOB_STATES order; empty without a run on show. */
  states: ReadonlyArray<{ state: JobState; count: number }>;
}

export type JobGroupNode = Node<JobGroupData, 'jobgroup'>;

/** Size of a group node in the aggregated view. */
export const GROUP_SIZE = { width: 240, height: 96 } as const;
const GROUP_HANDLES = handlesFor(GROUP_SIZE);

/** The grouping of one document revision, with where each group is drawn and where its members are. */
export interface GroupLayout {
  aggregation: JobAggregation;
  /** Job keys in job-index order (`j:ID`). */
  keys: string[];
  /** Top-left of group g in the aggregated view: x at 2g, y at 2g+1. */
  positions: Float64Array;
  /** Box of group g's members in the member layout: x, y, width, height at 4g..4g+3. */
  boxes: Float64Array;
  /** Box of all groups in the aggregated view. */
  bounds: Rect;
}

/** Node key of a group. */
function groupNodeId(groupKey: string): string {
  return `g:${groupKey}`;
}

export function isGroupNodeId(id: string): boolean {
  return id.startsWith('g:');
}

/** Groups the jobs and measures each group's box from where its job nodes are drawn. */
export function groupLayout(model: Pick<GraphModel, 'workflow' | 'graph'>, positionOf: (key: string) => Position | undefined): GroupLayout {
  const { workflow, graph } = model;
  const levelsOf: Levels = levels(graph) ?? { level: new Uint32Array(graph.nodeCount), count: 1 };
  const aggregation = aggregateJobs(workflow, graph, levelsOf);
  const keys = workflow.jobs.map((job) => jobKey(job.id));
  const groupCount = aggregation.groups.length;
  const boxes = new Float64Array(groupCount * 4);
  for (let g = 0; g < groupCount; g++) {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let k = aggregation.memberOffsets[g]!; k < aggregation.memberOffsets[g + 1]!; k++) {
      const position = positionOf(keys[aggregation.members[k]!]!);
      if (!position) continue;
      minX = Math.min(minX, position.x);
      minY = Math.min(minY, position.y);
      maxX = Math.max(maxX, position.x + JOB_SIZE.width);
      maxY = Math.max(maxY, position.y + JOB_SIZE.height);
    }
    if (minX === Infinity) minX = minY = maxX = maxY = 0;
    boxes.set([minX, minY, Math.max(JOB_SIZE.width, maxX - minX), Math.max(JOB_SIZE.height, maxY - minY)], 4 * g);
  }
  const edgeCount = aggregation.edges.length;
  const { positions } = layeredLayout(
    {
      nodeCount: groupCount,
      sources: Uint32Array.from(aggregation.edges, (e) => e.from),
      targets: Uint32Array.from(aggregation.edges, (e) => e.to),
      widths: new Float64Array(groupCount).fill(GROUP_SIZE.width),
      heights: new Float64Array(groupCount).fill(GROUP_SIZE.height),
    },
    { nodeGap: 60, layerGap: edgeCount > 0 ? 90 : 40 },
  );
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let g = 0; g < groupCount; g++) {
    minX = Math.min(minX, positions[2 * g]!);
    minY = Math.min(minY, positions[2 * g + 1]!);
    maxX = Math.max(maxX, positions[2 * g]! + GROUP_SIZE.width);
    maxY = Math.max(maxY, positions[2 * g + 1]! + GROUP_SIZE.height);
  }
  const bounds =
    groupCount === 0
      ? { x: 0, y: 0, width: 0, height: 0 }
      : { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
  return { aggregation, keys, positions, boxes, bounds };
}

/** The group of the job node `key` (`j:ID`), or -1 for a file or an unknown job. */
export function groupOfNode(layout: GroupLayout, model: Pick<GraphModel, 'graph'>, key: string): number {
  const ref = parseKey(key);
  const index = ref?.kind === 'job' ? model.graph.indexById.get(ref.id) : undefined;
  return index === undefined ? -1 : (layout.aggregation.groupOf[index] ?? -1);
}

/** The group drawn nearest to `point` in the aggregated view, or -1 without groups. */
export function groupNear(layout: GroupLayout, point: { x: number; y: number }): number {
  let best = -1;
  let bestDistance = Infinity;
  for (let g = 0; g < layout.aggregation.groups.length; g++) {
    const dx = layout.positions[2 * g]! + GROUP_SIZE.width / 2 - point.x;
    const dy = layout.positions[2 * g + 1]! + GROUP_SIZE.height / 2 - point.y;
    const distance = dx * dx + dy * dy;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = g;
    }
  }
  return best;
}

/** The box of group `g`'s members in the member layout. */
export function groupBox(layout: GroupLayout, g: number): Rect {
  const b = layout.boxes;
  return { x: b[4 * g]!, y: b[4 * g + 1]!, width: b[4 * g + 2]!, height: b[4 * g + 3]! };
}

/** Members of group `g` as node keys. */
export function groupMemberKeys(layout: GroupLayout, g: number): string[] {
  const { memberOffsets, members } = layout.aggregation;
  const keys: string[] = [];
  for (let k = memberOffsets[g]!; k < memberOffsets[g + 1]!; k++) keys.push(layout.keys[members[k]!]!);
  return keys;
}

/** Per group: members selected, and their errors and warnings. */
export interface GroupMarks {
  selected: Uint32Array;
  errors: Uint32Array;
  warnings: Uint32Array;
}

/** Counts the selection and the badges per group. Cost: O(jobs). */
export function groupMarks(layout: GroupLayout, selection: ReadonlySet<string>, badges: ReadonlyMap<string, Badge>): GroupMarks {
  const { aggregation, keys } = layout;
  const groupCount = aggregation.groups.length;
  const marks: GroupMarks = { selected: new Uint32Array(groupCount), errors: new Uint32Array(groupCount), warnings: new Uint32Array(groupCount) };
  if (selection.size === 0 && badges.size === 0) return marks;
  for (let v = 0; v < keys.length; v++) {
    const g = aggregation.groupOf[v]!;
    const key = keys[v]!;
    if (selection.has(key)) marks.selected[g]!++;
    const badge = badges.get(key);
    if (badge) {
      marks.errors[g]! += badge.errors;
      marks.warnings[g]! += badge.warnings;
    }
  }
  return marks;
}

/** Members per run state of each group (rows in JOB_STATES order); undefined without a run. Cost: O(jobs). */
export function groupStateRows(layout: GroupLayout, runStates: ReadonlyMap<string, JobState>, jobIds: readonly string[]): Uint32Array[] | undefined {
  if (runStates.size === 0) return undefined;
  const codes = new Uint8Array(layout.keys.length).fill(JOB_STATES.length);
  for (let v = 0; v < jobIds.length; v++) {
    const state = runStates.get(jobIds[v]!);
    if (state) codes[v] = JOB_STATES.indexOf(state);
  }
  return groupStateCounts(layout.aggregation, codes, JOB_STATES.length);
}

/**
 * `rows` moved on by a batch of changed jobs (a copy; `rows` stays as it was): one job leaves
 * the row of its old state and joins the row of its new one. Cost: O(changes + groups).
 */
export function updatedGroupStateRows(
  layout: GroupLayout,
  rows: readonly Uint32Array[],
  changes: ReadonlyArray<{ jobId: string; from: JobState | undefined; to: JobState | undefined }>,
  jobIndex: ReadonlyMap<string, number>,
): Uint32Array[] {
  const next = rows.map((row) => row.slice());
  for (const { jobId, from, to } of changes) {
    const v = jobIndex.get(jobId);
    if (v === undefined) continue;
    const row = next[layout.aggregation.groupOf[v]!]!;
    if (from) row[JOB_STATES.indexOf(from)]!--;
    if (to) row[JOB_STATES.indexOf(to)]!++;
  }
  return next;
}

/** Group nodes and group edges for React Flow, with the counts of the selection, badges and run. Cost: O(groups + group edges). */
export function groupElements(
  layout: GroupLayout,
  marks: GroupMarks,
  stateRows: readonly Uint32Array[] | undefined,
): { nodes: JobGroupNode[]; edges: Edge[] } {
  const { aggregation } = layout;
  const { selected, errors, warnings } = marks;
  const nodes = aggregation.groups.map((group, g): JobGroupNode => {
    const row = stateRows?.[g];
    return {
      id: groupNodeId(group.key),
      type: 'jobgroup',
      position: { x: layout.positions[2 * g]!, y: layout.positions[2 * g + 1]! },
      width: GROUP_SIZE.width,
      height: GROUP_SIZE.height,
      measured: GROUP_SIZE,
      handles: GROUP_HANDLES,
      selectable: false,
      draggable: false,
      connectable: false,
      ariaLabel: `Group ${group.label}, level ${group.level}, ${group.count} jobs`,
      data: {
        label: group.label,
        kind: group.kind,
        level: group.level,
        count: group.count,
        selected: selected[g]!,
        errors: errors[g]!,
        warnings: warnings[g]!,
        states: row ? JOB_STATES.map((state, i) => ({ state, count: row[i]! })).filter((s) => s.count > 0) : [],
      },
    };
  });
  const edges: Edge[] = aggregation.edges.map((edge) => {
    const from = groupNodeId(aggregation.groups[edge.from]!.key);
    const to = groupNodeId(aggregation.groups[edge.to]!.key);
    return {
      id: `ge:${from}>${to}`,
      source: from,
      target: to,
      sourceHandle: 'out',
      targetHandle: 'in',
      label: edge.multiplicity.toLocaleString('en-US'),
      className: 'group-edge',
      selectable: false,
      focusable: false,
      data: { multiplicity: edge.multiplicity },
    };
  });
  return { nodes, edges };
}
