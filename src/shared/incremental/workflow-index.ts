import { isSubWorkflow, type Job, type SubWorkflowJob } from '../model/job';
import type { Dependency } from '../model/workflow';

/** Who touches one LFN, each job listed once (in no particular order; see `WorkflowIndex.inDocumentOrder`). */
export interface FileRecord {
  /** Jobs with an `output` use, `stdout` or `stderr` of the file. */
  producers?: Job[];
  /** Jobs with an `input` use or `stdin` of the file. */
  consumers?: Job[];
  /** Jobs with a `checkpoint` use of the file. */
  checkpoints?: Job[];
  /** Sub-workflow jobs whose `file` it is. */
  subJobs?: SubWorkflowJob[];
}

/** The distinct LFNs of one job by role (the roles of `infer.ts`'s `forEachFileRole`). */
export interface JobFiles {
  readonly consumes: readonly string[];
  readonly produces: readonly string[];
  readonly checkpoints: readonly string[];
  /** The file of a sub-workflow job. */
  readonly file?: string;
}

/** A job's files by role, each LFN once per role. Cost: O(uses). */
export function jobFiles(job: Job): JobFiles {
  const consumes: string[] = [];
  const produces: string[] = [];
  const checkpoints: string[] = [];
  // Jobs usually have a few uses: `includes` beats a Set there; the split job of a fan-out has 10^5.
  const many = job.uses.length > 16;
  const seen = many
    ? { consumes: new Set<string>(), produces: new Set<string>(), checkpoints: new Set<string>() }
    : undefined;
  const add = (list: string[], set: Set<string> | undefined, lfn: string): void => {
    if (set) {
      if (set.has(lfn)) return;
      set.add(lfn);
    } else if (list.includes(lfn)) return;
    list.push(lfn);
  };
  for (const use of job.uses) {
    if (use.type === 'input') add(consumes, seen?.consumes, use.lfn);
    else if (use.type === 'output') add(produces, seen?.produces, use.lfn);
    else if (use.type === 'checkpoint') add(checkpoints, seen?.checkpoints, use.lfn);
  }
  if (job.stdin !== undefined) add(consumes, seen?.consumes, job.stdin);
  if (job.stdout !== undefined) add(produces, seen?.produces, job.stdout);
  if (job.stderr !== undefined) add(produces, seen?.produces, job.stderr);
  return isSubWorkflow(job) ? { consumes, produces, checkpoints, file: job.file } : { consumes, produces, checkpoints };
}

/** Every LFN a job names, in any role. */
export function allFiles(files: JobFiles): string[] {
  const all = [...files.consumes, ...files.produces, ...files.checkpoints];
  if (files.file !== undefined) all.push(files.file);
  return all;
}

/** Lists that hold one job at most once; removal swaps with the last item (order is not kept). */
function addTo<T>(list: T[] | undefined, item: T): T[] {
  if (!list) return [item];
  list.push(item);
  return list;
}

function removeFrom<T>(list: T[] | undefined, item: T): T[] | undefined {
  if (!list) return undefined;
  const at = list.lastIndexOf(item);
  if (at === -1) return list;
  list[at] = list[list.length - 1]!;
  list.pop();
  return list.length === 0 ? undefined : list;
}

/**
 * A workflow's jobs and dependencies with the indexes the rules need: job id → jobs, LFN →
 * producers / consumers / checkpoint writers / sub-workflow jobs, and dependency entries by
 * the ids they name. The graph is not stored: a job's parents and children are derived from
 * these indexes on demand (the rule of `inferDependencies`: the last producer in document
 * order feeds every consumer; an explicit dependency joins the first jobs with its ids).
 *
 * Each stored job and dependency object appears once; a repeated object is stored as a
 * shallow copy. Cost: O(jobs + uses + dependencies) to build; adding or removing one job is
 * O(its uses × the jobs sharing each file).
 */
export class WorkflowIndex {
  readonly jobs: Job[];
  readonly dependencies: Dependency[];
  readonly byId = new Map<string, Job[]>();
  readonly files = new Map<string, FileRecord>();
  readonly depsByParent = new Map<string, Set<Dependency>>();
  readonly depsByChild = new Map<string, Set<Dependency>>();
  private readonly serials = new Map<Job, number>();
  private readonly depSerials = new Map<Dependency, number>();
  private nextSerial = 0;
  private positions: Map<Job, number> | undefined;
  private probes = 0;

  constructor(jobs: readonly Job[], dependencies: readonly Dependency[]) {
    this.jobs = jobs.map((job) => this.addJob(job));
    this.dependencies = dependencies.map((dependency) => this.addDependency(dependency));
  }

  /** A number that names a stored job for as long as it is stored. */
  serialOf(job: Job): number | undefined {
    return this.serials.get(job);
  }

  depSerialOf(dependency: Dependency): number | undefined {
    return this.depSerials.get(dependency);
  }

  /** Indexes a job (not yet placed in `jobs`); returns the object stored (a copy when `job` is stored already). */
  addJob(job: Job): Job {
    const stored = this.serials.has(job) ? ({ ...job } as Job) : job;
    this.serials.set(stored, this.nextSerial++);
    const list = this.byId.get(stored.id);
    if (list) list.push(stored);
    else this.byId.set(stored.id, [stored]);
    const files = jobFiles(stored);
    for (const lfn of files.produces) this.record(lfn).producers = addTo(this.record(lfn).producers, stored);
    for (const lfn of files.consumes) this.record(lfn).consumers = addTo(this.record(lfn).consumers, stored);
    for (const lfn of files.checkpoints) this.record(lfn).checkpoints = addTo(this.record(lfn).checkpoints, stored);
    if (files.file !== undefined) {
      const record = this.record(files.file);
      record.subJobs = addTo(record.subJobs, stored as SubWorkflowJob);
    }
    return stored;
  }

  /** Removes a stored job from the indexes (not from `jobs`). */
  removeJob(job: Job): void {
    if (!this.serials.delete(job)) return;
    const list = removeFrom(this.byId.get(job.id), job);
    if (list) this.byId.set(job.id, list);
    else this.byId.delete(job.id);
    const files = jobFiles(job);
    for (const lfn of files.produces) this.update(lfn, (r) => (r.producers = removeFrom(r.producers, job)));
    for (const lfn of files.consumes) this.update(lfn, (r) => (r.consumers = removeFrom(r.consumers, job)));
    for (const lfn of files.checkpoints) this.update(lfn, (r) => (r.checkpoints = removeFrom(r.checkpoints, job)));
    if (files.file !== undefined)
      this.update(files.file, (r) => (r.subJobs = removeFrom(r.subJobs, job as SubWorkflowJob)));
  }

  /** Indexes a dependency entry (not yet placed in `dependencies`); returns the object stored. */
  addDependency(dependency: Dependency): Dependency {
    const stored = this.depSerials.has(dependency) ? { ...dependency } : dependency;
    this.depSerials.set(stored, this.nextSerial++);
    setOf(this.depsByParent, stored.id).add(stored);
    for (const child of stored.children) setOf(this.depsByChild, child).add(stored);
    return stored;
  }

  removeDependency(dependency: Dependency): void {
    if (!this.depSerials.delete(dependency)) return;
    deleteFrom(this.depsByParent, dependency.id, dependency);
    for (const child of dependency.children) deleteFrom(this.depsByChild, child, dependency);
  }

  hasDependency(dependency: Dependency): boolean {
    return this.depSerials.has(dependency);
  }

  /** Replaces `count` jobs at `index` by `stored` (already indexed) in `jobs`. */
  spliceJobs(index: number, count: number, stored: readonly Job[]): void {
    spliceInPlace(this.jobs, index, count, stored);
    this.positions = undefined;
    this.probes = 0;
  }

  spliceDependencies(index: number, count: number, stored: readonly Dependency[]): void {
    spliceInPlace(this.dependencies, index, count, stored);
  }

  /**
   * The 0-based place of a stored job in `jobs`. A few calls scan the array; past 16 calls
   * since the last change to `jobs`, a map of all places is built once (O(jobs)).
   */
  positionOf(job: Job): number {
    if (this.positions) return this.positions.get(job) ?? -1;
    if (++this.probes <= 16) return this.jobs.indexOf(job);
    const positions = new Map<Job, number>();
    for (let i = 0; i < this.jobs.length; i++) positions.set(this.jobs[i]!, i);
    this.positions = positions;
    return positions.get(job) ?? -1;
  }

  /** A copy of `jobs` in document order. */
  inDocumentOrder(jobs: readonly Job[]): Job[] {
    if (jobs.length < 2) return [...jobs];
    const placed = jobs.map((job) => [this.positionOf(job), job] as const);
    placed.sort((a, b) => a[0] - b[0]);
    return placed.map(([, job]) => job);
  }

  /** The producer of `lfn` as pegasus-plan keeps it: the last in document order. */
  producerOf(lfn: string): Job | undefined {
    return this.last(this.files.get(lfn)?.producers);
  }

  /** The job that explicit dependencies naming `id` attach to: the first with the id. */
  firstWithId(id: string): Job | undefined {
    const list = this.byId.get(id);
    if (!list) return undefined;
    if (list.length === 1) return list[0];
    return this.inDocumentOrder(list)[0];
  }

  /** The first job in document order that writes `lfn` as a checkpoint. */
  firstCheckpointWriter(lfn: string): Job | undefined {
    const list = this.files.get(lfn)?.checkpoints;
    if (!list) return undefined;
    return list.length === 1 ? list[0] : this.inDocumentOrder(list)[0];
  }

  /**
   * Calls `visit` for each child of `job` in the dependency graph (a child may come twice).
   * Walks the uses directly: a job with 10^5 inputs and one output costs one pass, no set.
   */
  forEachChild(job: Job, visit: (child: Job) => void): void {
    const fromFile = (lfn: string): void => {
      if (this.producerOf(lfn) !== job) return;
      for (const consumer of this.files.get(lfn)?.consumers ?? []) if (consumer !== job) visit(consumer);
    };
    for (const use of job.uses) if (use.type === 'output') fromFile(use.lfn);
    if (job.stdout !== undefined) fromFile(job.stdout);
    if (job.stderr !== undefined) fromFile(job.stderr);
    if (this.firstWithId(job.id) !== job) return;
    for (const dependency of this.depsByParent.get(job.id) ?? []) {
      for (const childId of dependency.children) {
        const child = this.firstWithId(childId);
        if (child) visit(child);
      }
    }
  }

  /** Calls `visit` for each parent of `job` in the dependency graph (a parent may come twice). */
  forEachParent(job: Job, visit: (parent: Job) => void): void {
    const fromFile = (lfn: string): void => {
      const producer = this.producerOf(lfn);
      if (producer && producer !== job) visit(producer);
    };
    for (const use of job.uses) if (use.type === 'input') fromFile(use.lfn);
    if (job.stdin !== undefined) fromFile(job.stdin);
    if (this.firstWithId(job.id) !== job) return;
    for (const dependency of this.depsByChild.get(job.id) ?? []) {
      const parent = this.firstWithId(dependency.id);
      if (parent) visit(parent);
    }
  }

  private last(list: readonly Job[] | undefined): Job | undefined {
    if (!list) return undefined;
    if (list.length === 1) return list[0];
    const ordered = this.inDocumentOrder(list);
    return ordered[ordered.length - 1];
  }

  private record(lfn: string): FileRecord {
    let record = this.files.get(lfn);
    if (!record) {
      record = {};
      this.files.set(lfn, record);
    }
    return record;
  }

  private update(lfn: string, change: (record: FileRecord) => void): void {
    const record = this.files.get(lfn);
    if (!record) return;
    change(record);
    if (!record.producers && !record.consumers && !record.checkpoints && !record.subJobs) this.files.delete(lfn);
  }
}

function setOf<K, V>(map: Map<K, Set<V>>, key: K): Set<V> {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  return set;
}

function deleteFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}

/** `Array.prototype.splice` without spreading `insert` into arguments (which overflows past ~10^5 items). */
export function spliceInPlace<T>(list: T[], index: number, removeCount: number, insert: readonly T[]): void {
  if (insert.length < 10_000) {
    list.splice(index, removeCount, ...insert);
    return;
  }
  const tail = list.slice(index + removeCount);
  list.length = index;
  for (const item of insert) list.push(item);
  for (const item of tail) list.push(item);
}
