/**
 * Document → React Flow nodes and edges. The document stays the truth; these objects are a
 * view of it, rebuilt when it changes. Node objects are reused while their job, file facts,
 * badge and position are the same, so that memoised node components skip re-rendering and
 * one edit in a large workflow does not redraw the rest. Cost: O(jobs + uses + edges).
 */
import type { Edge } from '@xyflow/react';
import { EdgeFlag } from '../../shared/graph/dag';
import { type EdgeRef, type EditableDocument, type Position, fileKey, jobKey, parseKey } from '../../shared/edit';
import type { Job } from '../../shared/model';
import type { FileInfo, GraphModel } from './graph-model';
import { type Badge, type CanvasNode, FILE_HANDLES, FILE_SIZE, JOB_HANDLES, JOB_SIZE } from './node-types';

export type CanvasView = 'files' | 'jobs';

/** Data of every canvas edge: what it stands for in the document. */
export interface CanvasEdgeData extends Record<string, unknown> {
  ref: EdgeRef;
  /** For dependency edges: inferred from files, explicit, or both. */
  dependency?: 'inferred' | 'explicit' | 'both';
  /** For use edges: the link type. */
  link?: string;
}

export type CanvasEdge = Edge<CanvasEdgeData>;

/** Reuses node objects between rebuilds (see module comment). */
export class NodeCache {
  private readonly entries = new Map<string, { node: CanvasNode; subject: unknown; badge: Badge | undefined; position: Position }>();

  get(key: string, subject: unknown, badge: Badge | undefined, position: Position, make: () => CanvasNode): CanvasNode {
    const hit = this.entries.get(key);
    if (hit && hit.subject === subject && sameBadge(hit.badge, badge) && hit.position.x === position.x && hit.position.y === position.y) return hit.node;
    const node = make();
    this.entries.set(key, { node, subject, badge, position });
    return node;
  }

  /** Drops entries not seen in the last build. */
  retain(keys: ReadonlySet<string>): void {
    for (const key of this.entries.keys()) if (!keys.has(key)) this.entries.delete(key);
  }
}

export function sameBadge(a: Badge | undefined, b: Badge | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.errors === b.errors && a.warnings === b.warnings);
}

/** The nodes of a view: jobs, plus files in the files view. */
export function buildNodes(doc: EditableDocument, model: GraphModel, badges: ReadonlyMap<string, Badge>, view: CanvasView, cache: NodeCache): CanvasNode[] {
  const nodes: CanvasNode[] = [];
  const seen = new Set<string>();
  const place = fallbackPlacer(doc, model);
  for (const job of model.workflow.jobs) {
    const key = jobKey(job.id);
    if (seen.has(key)) continue; // Duplicate ids: validation reports them; one node per id.
    seen.add(key);
    const position = doc.positions.get(key) ?? place(key);
    const badge = badges.get(key);
    nodes.push(cache.get(key, job, badge, position, () => jobNode(key, job, badge, position)));
  }
  if (view === 'files') {
    const addFile = (lfn: string): void => {
      const key = fileKey(lfn);
      if (seen.has(key)) return;
      seen.add(key);
      const info = model.files.get(lfn);
      const position = doc.positions.get(key) ?? place(key);
      const badge = badges.get(key);
      nodes.push(cache.get(key, info ?? lfn, badge, position, () => fileNode(key, info, badge, position)));
    };
    for (const lfn of model.files.keys()) addFile(lfn);
    for (const key of doc.positions.keys()) {
      const ref = parseKey(key);
      if (ref?.kind === 'file') addFile(ref.lfn);
    }
  }
  cache.retain(seen);
  return nodes;
}

/**
 * Where a node without a saved position goes: a file under its producer or above its first
 * reader, a job at the right of everything. Deterministic, so the picture does not jump.
 */
function fallbackPlacer(doc: EditableDocument, model: GraphModel): (key: string) => Position {
  let right: number | undefined;
  let stacked = 0;
  return (key) => {
    const ref = parseKey(key);
    if (ref?.kind === 'file') {
      const info = model.files.get(ref.lfn);
      const producer = info?.producers[0];
      const consumer = info?.consumers[0];
      const anchor = producer ?? consumer;
      const p = anchor === undefined ? undefined : doc.positions.get(jobKey(anchor));
      if (p) return { x: p.x + (JOB_SIZE.width - FILE_SIZE.width) / 2, y: p.y + (producer !== undefined ? 110 : -90) };
    }
    if (right === undefined) {
      right = 0;
      for (const p of doc.positions.values()) right = Math.max(right, p.x + JOB_SIZE.width + 60);
    }
    return { x: right, y: stacked++ * 90 };
  };
}

/** The edges of a view. Files view: file uses and explicit dependencies; jobs view: every job → job dependency. */
export function buildEdges(model: GraphModel, view: CanvasView): CanvasEdge[] {
  const edges: CanvasEdge[] = [];
  const { workflow, graph } = model;
  if (view === 'files') {
    for (const job of workflow.jobs) {
      const seen = new Set<string>();
      const use = (lfn: string, direction: 'in' | 'out', link: string): void => {
        if (seen.has(lfn)) return;
        seen.add(lfn);
        edges.push(fileUseEdge(job.id, lfn, direction, link));
      };
      forEachUse(job, use);
    }
    for (const dependency of workflow.dependencies) {
      for (const child of dependency.children) {
        if (!graph.indexById.has(dependency.id) || !graph.indexById.has(child)) continue;
        edges.push(dependencyEdge(dependency.id, child, 'explicit'));
      }
    }
    return edges;
  }
  for (let v = 0; v < graph.nodeCount; v++) {
    const parent = workflow.jobs[v]!.id;
    if (graph.indexById.get(parent) !== v) continue;
    for (let e = graph.offsets[v]!; e < graph.offsets[v + 1]!; e++) {
      const flags = graph.flags[e]!;
      const kind = flags & EdgeFlag.Inferred ? (flags & EdgeFlag.Explicit ? 'both' : 'inferred') : 'explicit';
      edges.push(dependencyEdge(parent, workflow.jobs[graph.targets[e]!]!.id, kind));
    }
  }
  return edges;
}

/** A job's file uses as the canvas draws them: uses in order, then stdin, stdout, stderr. */
export function forEachUse(job: Job, visit: (lfn: string, direction: 'in' | 'out', link: string) => void): void {
  for (const u of job.uses) visit(u.lfn, u.type === 'input' ? 'in' : 'out', u.type);
  if (job.stdin !== undefined) visit(job.stdin, 'in', 'stdin');
  if (job.stdout !== undefined) visit(job.stdout, 'out', 'stdout');
  if (job.stderr !== undefined) visit(job.stderr, 'out', 'stderr');
}

/** The edge of a dependency between two jobs. */
export function dependencyEdge(parent: string, child: string, kind: 'inferred' | 'explicit' | 'both'): CanvasEdge {
  return {
    id: JSON.stringify(['d', parent, child]),
    source: jobKey(parent),
    target: jobKey(child),
    sourceHandle: 'out',
    targetHandle: 'in',
    type: 'dependency',
    data: { ref: { kind: 'dependency', parent, child }, dependency: kind },
  };
}

/** The node of a job (or sub-workflow job) at `position`. */
export function jobNode(key: string, job: Job, badge: Badge | undefined, position: Position): CanvasNode {
  return {
    id: key,
    type: job.type === 'job' ? 'job' : 'subworkflow',
    position,
    data: { job, badge },
    width: JOB_SIZE.width,
    height: JOB_SIZE.height,
    measured: JOB_SIZE,
    handles: JOB_HANDLES,
    ariaLabel: `Job ${job.id}`,
  };
}

/** The node of a file (`key` is `f:LFN`) at `position`. */
export function fileNode(key: string, info: FileInfo | undefined, badge: Badge | undefined, position: Position): CanvasNode {
  const lfn = key.slice(2);
  return {
    id: key,
    type: 'file',
    position,
    data: { info, lfn, badge },
    width: FILE_SIZE.width,
    height: FILE_SIZE.height,
    measured: FILE_SIZE,
    handles: FILE_HANDLES,
    ariaLabel: `File ${lfn}`,
  };
}

/** The edge of one file use: file → job for a read, job → file for a write. */
export function fileUseEdge(jobId: string, lfn: string, direction: 'in' | 'out', link: string): CanvasEdge {
  const job = jobKey(jobId);
  const file = fileKey(lfn);
  return {
    id: JSON.stringify(['u', jobId, lfn]),
    source: direction === 'in' ? file : job,
    target: direction === 'in' ? job : file,
    sourceHandle: 'out',
    targetHandle: 'in',
    type: 'use',
    data: { ref: { kind: 'use', jobId, lfn }, link },
  };
}
