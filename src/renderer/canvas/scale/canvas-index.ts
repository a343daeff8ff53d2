/**
 * The canvas of a large document, kept up to date one edit at a time. Where the small-view
 * mapping (`mapping.ts`) rebuilds every node and edge from the workflow on each revision,
 * this index follows the document by its patches: an edit costs the jobs and files it
 * touches, never a pass over 10^5 jobs, so the canvas (and everything waiting on the main
 * thread, like the diagnostics) is not held up by the size of the workflow.
 *
 * It keeps: the job owning each id (the first in document order, as the mapping draws one
 * node per id), for every LFN the jobs that write and read it, the explicit dependencies by
 * parent and by child, and a slot per node with its box in a {@link DynamicGrid}. React Flow
 * node and edge objects are made only for what the viewport shows ({@link CanvasIndex.node},
 * {@link CanvasIndex.edgesAmong}) and reused while their subject, badge, position and
 * selection stay the same. The result is the mapping's, node for node and edge for edge
 * (test/unit/scale/canvas-index.test.ts checks that after random edits).
 */
import { type EditableDocument, type Patch, type Position, fileKey, jobKey } from '../../../shared/edit';
import { forEachFileRole } from '../../../shared/infer';
import type { CatalogFiles, Dependency, Job } from '../../../shared/model';
import { type FileInfo, fileRole, replicaNames } from '../graph-model';
import { type CanvasEdge, type CanvasView, dependencyEdge, fileNode, fileUseEdge, forEachUse, jobNode, sameBadge } from '../mapping';
import { type Badge, type CanvasNode, FILE_SIZE, JOB_SIZE } from '../node-types';
import { DynamicGrid } from './dynamic-grid';

/** How one LFN is used: the jobs that write it and read it (Pegasus's inference roles). */
interface FileUses {
  producers: Job[];
  consumers: Job[];
  /** Mentions of the LFN by jobs of any kind (uses of every type, stdio): the file node exists while > 0. */
  mentions: number;
  /** Output uses with `stageOut`. */
  stagedOut: number;
}

interface CachedNode {
  node: CanvasNode;
  subject: unknown;
  badge: Badge | undefined;
  selected: boolean;
  x: number;
  y: number;
}

const NO_BADGES: ReadonlyMap<string, Badge> = new Map();
/** Edge objects kept for reuse; past this many (a long pan over a huge graph) the cache starts again. */
const MAX_CACHED_EDGES = 50_000;

export class CanvasIndex {
  /** The document this index shows (the one after the last patch applied). */
  doc: EditableDocument;
  readonly view: CanvasView;
  readonly catalogs: CatalogFiles;
  /** Bumped by every change, for memoisation. */
  version = 0;
  readonly grid: DynamicGrid;

  private readonly replicas: Set<string>;
  private readonly owners = new Map<string, Job>();
  private readonly idCount = new Map<string, number>();
  private readonly files = new Map<string, FileUses>();
  private readonly infoCache = new Map<string, FileInfo>();
  private readonly explicitChildren = new Map<string, Map<string, number>>();
  private readonly explicitParents = new Map<string, Map<string, number>>();
  private readonly slotOf = new Map<string, number>();
  private readonly keys: Array<string | undefined> = [];
  private readonly freeSlots: number[] = [];
  /** Positions given to nodes without a saved one; kept so that they do not move. */
  private readonly fallback = new Map<string, Position>();
  private stacked = 0;
  /** The x right of every node, for nodes with nowhere better to go (computed once). */
  private right: number | undefined;
  private readonly nodeCache = new Map<string, CachedNode>();
  private readonly edgeCache = new Map<string, CanvasEdge>();

  /** Cost: O(jobs + uses + dependencies + positions). */
  constructor(doc: EditableDocument, catalogs: CatalogFiles, view: CanvasView) {
    this.doc = doc;
    this.view = view;
    this.catalogs = catalogs;
    this.replicas = replicaNames(doc.workflow, catalogs);
    for (const job of doc.workflow.jobs) this.indexJob(job);
    for (const d of doc.workflow.dependencies) this.indexDependency(d, 1);
    // Slots in the mapping's order: jobs, then files by first mention, then replicas and positioned files.
    const boxes: number[] = [];
    const place = (key: string, size: { width: number; height: number }): void => {
      if (this.slotOf.has(key)) return;
      const slot = this.keys.length;
      this.keys.push(key);
      this.slotOf.set(key, slot);
      const p = this.positionOf(key);
      boxes.push(p.x, p.y, size.width, size.height);
    };
    for (const job of doc.workflow.jobs) place(jobKey(job.id), JOB_SIZE);
    if (view === 'files') {
      for (const lfn of this.files.keys()) place(fileKey(lfn), FILE_SIZE);
      for (const lfn of this.replicas) place(fileKey(lfn), FILE_SIZE);
      for (const key of doc.positions.keys()) if (key.startsWith('f:')) place(key, FILE_SIZE);
    }
    this.grid = new DynamicGrid(Float64Array.from(boxes));
  }

  /** Nodes on the canvas. */
  get nodeCount(): number {
    return this.slotOf.size;
  }

  /** Distinct LFNs that jobs or replica entries name (the mapping's `files.size`). Cost: O(replicas). */
  get fileCount(): number {
    let count = this.files.size;
    for (const lfn of this.replicas) if (!this.files.has(lfn)) count++;
    return count;
  }

  /** The node key in `slot`, or `undefined` for a free slot. */
  keyAt(slot: number): string | undefined {
    return this.keys[slot];
  }

  slotOfKey(key: string): number | undefined {
    return this.slotOf.get(key);
  }

  /** The job drawn for `id` (the first with that id), if any. */
  job(id: string): Job | undefined {
    return this.owners.get(id);
  }

  /**
   * Where node `key` is drawn: its saved position; else a file goes under its producer or
   * above its first reader (following that job when it moves), and anything else to the
   * right of everything, where it stays.
   */
  positionOf(key: string): Position {
    const saved = this.doc.positions.get(key);
    if (saved) return saved;
    const anchored = this.anchoredPosition(key);
    if (anchored) return anchored;
    let p = this.fallback.get(key);
    if (!p) {
      if (this.right === undefined) {
        this.right = 0;
        for (const q of this.doc.positions.values()) this.right = Math.max(this.right, q.x + JOB_SIZE.width + 60);
      }
      p = { x: this.right, y: this.stacked++ * 90 };
      this.fallback.set(key, p);
    }
    return p;
  }

  /** What the file node of `lfn` shows (`undefined` when no job and no replica names it). */
  fileInfo(lfn: string): FileInfo | undefined {
    const hit = this.infoCache.get(lfn);
    if (hit) return hit;
    const uses = this.files.get(lfn);
    const hasReplica = this.replicas.has(lfn);
    if (!uses && !hasReplica) return undefined;
    const producers = distinctIds(uses?.producers);
    const consumers = distinctIds(uses?.consumers);
    const info: FileInfo = {
      lfn,
      producers,
      consumers,
      hasReplica,
      stagedOut: (uses?.stagedOut ?? 0) > 0,
      role: fileRole(producers.length, consumers.length, hasReplica),
    };
    this.infoCache.set(lfn, info);
    return info;
  }

  /**
   * The React Flow node of `slot`, with its badge, selection and (while dragged) position.
   * Cost: O(1); the same object comes back while nothing it shows changed.
   */
  node(slot: number, badges: ReadonlyMap<string, Badge> = NO_BADGES, selected = false, dragged?: Position): CanvasNode | undefined {
    const key = this.keys[slot];
    if (key === undefined) return undefined;
    const position = dragged ?? this.positionOf(key);
    const badge = badges.get(key);
    const isJob = key.startsWith('j:');
    const subject: unknown = isJob ? this.owners.get(key.slice(2)) : this.fileInfo(key.slice(2)) ?? key;
    const hit = this.nodeCache.get(key);
    if (
      hit &&
      hit.subject === subject &&
      hit.selected === selected &&
      hit.x === position.x &&
      hit.y === position.y &&
      sameBadge(hit.badge, badge)
    )
      return hit.node;
    const node = isJob ? jobNode(key, subject as Job, badge, position) : fileNode(key, this.fileInfo(key.slice(2)), badge, position);
    if (selected) node.selected = true;
    this.nodeCache.set(key, { node, subject, badge, selected, x: position.x, y: position.y });
    return node;
  }

  /**
   * The edges whose two ends are both in `keys` (the nodes React Flow holds): file uses and
   * explicit dependencies in the files view, job → job dependencies in the jobs view.
   * Cost: O(uses and dependencies of those nodes).
   */
  edgesAmong(keys: ReadonlySet<string>): CanvasEdge[] {
    const edges: CanvasEdge[] = [];
    const seen = new Set<string>();
    // `shown` names what the edge draws (its id and its kind), so a changed edge is a new object.
    const push = (id: string, shown: string, make: () => CanvasEdge): void => {
      if (seen.has(id)) return;
      seen.add(id);
      let edge = this.edgeCache.get(shown);
      if (!edge) {
        if (this.edgeCache.size > MAX_CACHED_EDGES) this.edgeCache.clear();
        edge = make();
        this.edgeCache.set(shown, edge);
      }
      edges.push(edge);
    };
    for (const key of keys) {
      if (!key.startsWith('j:')) continue;
      const job = this.owners.get(key.slice(2));
      if (!job) continue;
      if (this.view === 'files') {
        const edgeToFile = (lfn: string, direction: 'in' | 'out', link: string): void => {
          const id = JSON.stringify(['u', job.id, lfn]);
          push(id, `${id}${direction}${link}`, () => fileUseEdge(job.id, lfn, direction, link));
        };
        if (job.uses.length > HUB_USES && job.uses.length > keys.size) {
          // A job with 10^5 files (a split, a merge): look its uses up from the files in view.
          const byLfn = usesByLfn(job);
          for (const other of keys) {
            const use = other.startsWith('f:') ? byLfn.get(other.slice(2)) : undefined;
            if (use) edgeToFile(other.slice(2), use[0], use[1]);
          }
        } else
          forEachUse(job, (lfn, direction, link) => {
            if (keys.has(fileKey(lfn))) edgeToFile(lfn, direction, link);
          });
        for (const child of this.explicitChildren.get(job.id)?.keys() ?? []) {
          if (keys.has(jobKey(child)) && this.owners.has(child))
          {
            const id = JSON.stringify(['d', job.id, child]);
            push(id, `${id}explicit`, () => dependencyEdge(job.id, child, 'explicit'));
          }
        }
      } else {
        for (const [parent, kind] of this.parentsOf(job)) {
          if (!keys.has(jobKey(parent))) continue;
          const id = JSON.stringify(['d', parent, job.id]);
          push(id, `${id}${kind}`, () => dependencyEdge(parent, job.id, kind));
        }
      }
    }
    return edges;
  }

  /**
   * Follows one patch of the document. `next` is the document after it. Returns false when
   * the patch replaced the whole workflow or the catalogs it depends on, and the caller
   * should build a new index. Cost: O(jobs and files the patch touches), plus one scan of
   * the jobs when a duplicated job id loses its first job.
   */
  apply(patch: Patch, next: EditableDocument): boolean {
    const touchedFiles = new Set<string>();
    const touchedJobs = new Set<string>();
    for (const op of patch) {
      switch (op.kind) {
        case 'workflow':
        case 'replicaCatalog':
          return false;
        case 'workflowName':
          break;
        case 'jobs':
          for (const job of op.remove) this.unindexJob(job, touchedFiles, touchedJobs);
          for (const job of op.insert) this.indexJob(job, touchedFiles, touchedJobs);
          break;
        case 'dependencies':
          for (const d of op.remove) this.indexDependency(d, -1);
          for (const d of op.insert) this.indexDependency(d, 1);
          break;
        case 'positions':
          for (const [key] of op.entries) {
            if (key.startsWith('f:')) touchedFiles.add(key.slice(2));
            else {
              touchedJobs.add(key.slice(2));
              // Its files without a position of their own move with it.
              const job = this.owners.get(key.slice(2));
              if (job) forEachUse(job, (lfn) => touchedFiles.add(lfn));
            }
          }
          break;
      }
    }
    this.doc = next;
    // Duplicate ids: the first job in document order owns the node (rare; one scan).
    for (const id of touchedJobs) {
      if ((this.idCount.get(id) ?? 0) > 1 || (!this.owners.has(id) && (this.idCount.get(id) ?? 0) > 0)) {
        const first = next.workflow.jobs.find((j) => j.id === id);
        if (first) this.owners.set(id, first);
      }
      this.syncSlot(jobKey(id), this.owners.has(id), JOB_SIZE);
    }
    for (const lfn of touchedFiles) {
      this.infoCache.delete(lfn);
      if (this.view !== 'files') continue;
      const key = fileKey(lfn);
      const present = (this.files.get(lfn)?.mentions ?? 0) > 0 || this.replicas.has(lfn) || next.positions.has(key);
      this.syncSlot(key, present, FILE_SIZE);
    }
    this.version++;
    return true;
  }

  /** Adds, moves or removes the slot of `key` so that it matches the document. */
  private syncSlot(key: string, present: boolean, size: { width: number; height: number }): void {
    const slot = this.slotOf.get(key);
    if (!present) {
      if (slot === undefined) return;
      this.grid.remove(slot);
      this.slotOf.delete(key);
      this.keys[slot] = undefined;
      this.freeSlots.push(slot);
      this.nodeCache.delete(key);
      this.fallback.delete(key);
      return;
    }
    const p = this.positionOf(key);
    if (slot !== undefined) {
      const box = this.grid.box(slot);
      if (!box || box.x !== p.x || box.y !== p.y) this.grid.set(slot, p.x, p.y, size.width, size.height);
      return;
    }
    const fresh = this.freeSlots.pop() ?? this.keys.length;
    this.keys[fresh] = key;
    this.slotOf.set(key, fresh);
    this.grid.set(fresh, p.x, p.y, size.width, size.height);
  }

  private indexJob(job: Job, touchedFiles?: Set<string>, touchedJobs?: Set<string>): void {
    this.idCount.set(job.id, (this.idCount.get(job.id) ?? 0) + 1);
    if (!this.owners.has(job.id)) this.owners.set(job.id, job);
    touchedJobs?.add(job.id);
    // One lookup per use (this runs for every use of 10^5 jobs when a document opens); the
    // roles are forEachFileRole's: input and stdin read, output, stdout and stderr write.
    const uses = (lfn: string): FileUses => {
      let f = this.files.get(lfn);
      if (!f) {
        f = { producers: [], consumers: [], mentions: 0, stagedOut: 0 };
        this.files.set(lfn, f);
      }
      f.mentions++;
      touchedFiles?.add(lfn);
      return f;
    };
    for (const use of job.uses) {
      const f = uses(use.lfn);
      if (use.type === 'input') f.consumers.push(job);
      else if (use.type === 'output') {
        f.producers.push(job);
        if (use.stageOut) f.stagedOut++;
      }
    }
    if (job.stdin !== undefined) uses(job.stdin).consumers.push(job);
    if (job.stdout !== undefined) uses(job.stdout).producers.push(job);
    if (job.stderr !== undefined) uses(job.stderr).producers.push(job);
  }

  private unindexJob(job: Job, touchedFiles: Set<string>, touchedJobs: Set<string>): void {
    const count = (this.idCount.get(job.id) ?? 1) - 1;
    if (count > 0) this.idCount.set(job.id, count);
    else this.idCount.delete(job.id);
    if (this.owners.get(job.id) === job) this.owners.delete(job.id);
    touchedJobs.add(job.id);
    forEachFileRole(job, (lfn, role) => {
      const f = this.files.get(lfn);
      if (!f) return;
      removeOne(role === 'produces' ? f.producers : f.consumers, job);
      touchedFiles.add(lfn);
    });
    const drop = (lfn: string, field: 'mentions' | 'stagedOut'): void => {
      const f = this.files.get(lfn);
      if (!f) return;
      f[field]--;
      touchedFiles.add(lfn);
      if (f.mentions <= 0 && f.producers.length === 0 && f.consumers.length === 0) this.files.delete(lfn);
    };
    for (const use of job.uses) if (use.type === 'output' && use.stageOut) drop(use.lfn, 'stagedOut');
    forEachUse(job, (lfn) => drop(lfn, 'mentions'));
  }

  private indexDependency(d: Dependency, delta: 1 | -1): void {
    for (const child of d.children) {
      bump(this.explicitChildren, d.id, child, delta);
      bump(this.explicitParents, child, d.id, delta);
    }
  }

  /** Parents of `job` in the jobs view: inferred from the files it reads, and explicit. */
  private parentsOf(job: Job): Map<string, 'inferred' | 'explicit' | 'both'> {
    const parents = new Map<string, 'inferred' | 'explicit' | 'both'>();
    forEachFileRole(job, (lfn, role) => {
      if (role !== 'consumes') return;
      const producer = this.producerOf(lfn);
      if (!producer || producer.id === job.id || !this.owners.has(producer.id)) return;
      parents.set(producer.id, 'inferred');
    });
    for (const parent of this.explicitParents.get(job.id)?.keys() ?? []) {
      if (!this.owners.has(parent) || parent === job.id) continue;
      parents.set(parent, parents.has(parent) ? 'both' : 'explicit');
    }
    return parents;
  }

  /** The job that produces `lfn`: the last in document order, as pegasus-plan keeps. */
  private producerOf(lfn: string): Job | undefined {
    const producers = this.files.get(lfn)?.producers;
    if (!producers || producers.length === 0) return undefined;
    if (producers.length === 1) return producers[0];
    const jobs = this.doc.workflow.jobs;
    let best: Job | undefined;
    let bestIndex = -1;
    for (const p of producers) {
      const index = jobs.indexOf(p);
      if (index > bestIndex) {
        bestIndex = index;
        best = p;
      }
    }
    return best;
  }

  /** A file without a saved position goes under its producer or above its first reader (the mapping's rule). */
  private anchoredPosition(key: string): Position | undefined {
    if (!key.startsWith('f:')) return undefined;
    const uses = this.files.get(key.slice(2));
    const producer = uses?.producers[0];
    const anchor = producer ?? uses?.consumers[0];
    const p = anchor ? this.doc.positions.get(jobKey(anchor.id)) : undefined;
    return p && { x: p.x + (JOB_SIZE.width - FILE_SIZE.width) / 2, y: p.y + (producer ? 110 : -90) };
  }
}

/** Jobs with more uses than this are looked up from the files in view (see {@link usesByLfn}). */
const HUB_USES = 64;
const hubUses = new WeakMap<Job, Map<string, readonly ['in' | 'out', string]>>();

/** A job's first use of each LFN (as the mapping draws it), built once per job object. */
function usesByLfn(job: Job): Map<string, readonly ['in' | 'out', string]> {
  let byLfn = hubUses.get(job);
  if (!byLfn) {
    const map = new Map<string, readonly ['in' | 'out', string]>();
    forEachUse(job, (lfn, direction, link) => {
      if (!map.has(lfn)) map.set(lfn, [direction, link]);
    });
    byLfn = map;
    hubUses.set(job, byLfn);
  }
  return byLfn;
}

function distinctIds(jobs: readonly Job[] | undefined): string[] {
  const ids: string[] = [];
  if (!jobs) return ids;
  const seen = new Set<string>();
  for (const job of jobs) {
    if (seen.has(job.id)) continue;
    seen.add(job.id);
    ids.push(job.id);
  }
  return ids;
}

function removeOne<T>(list: T[], item: T): void {
  const at = list.lastIndexOf(item);
  if (at >= 0) list.splice(at, 1);
}

function bump(map: Map<string, Map<string, number>>, a: string, b: string, delta: 1 | -1): void {
  let inner = map.get(a);
  if (!inner) {
    if (delta < 0) return;
    inner = new Map();
    map.set(a, inner);
  }
  const count = (inner.get(b) ?? 0) + delta;
  if (count > 0) inner.set(b, count);
  else inner.delete(b);
  if (inner.size === 0) map.delete(a);
}
