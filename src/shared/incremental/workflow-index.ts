import { isSubWorkflow, type Job, type SubWorkflowJob } from '../model/job';
import type { Dependency } from '../model/workflow';
import { spliceInPlace } from '../edit/patch';
import { bagAdd, bagList, bagRemove, bagSize, type JobBag } from './job-bag';

/** Who touches one LFN, each job listed once (in no particular order; see `WorkflowIndex.inDocumentOrder`). */
export interface FileRecord {
  /** Jobs with an `output` use, `stdout` or `stderr` of the file. */
  producers: JobBag;
  /** Jobs with an `input` use or `stdin` of the file. */
  consumers: JobBag;
  /** Jobs with a `checkpoint` use of the file. */
  checkpoints: JobBag;
  /** Sub-workflow jobs whose `file` it is. */
  subJobs: JobBag<SubWorkflowJob>;
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
  private readonly byId = new Map<string, JobBag>();
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
    this.byId.set(stored.id, bagAdd(this.byId.get(stored.id), stored));
    // The roles of forEachFileRole, inlined: this runs once per use of every job at load.
    for (const use of stored.uses) {
      if (use.type === 'input') this.addConsumer(use.lfn, stored);
      else if (use.type === 'output') this.addProducer(use.lfn, stored);
      else if (use.type === 'checkpoint') {
        const record = this.record(use.lfn);
        record.checkpoints = bagAdd(record.checkpoints, stored);
      }
    }
    if (stored.stdin !== undefined) this.addConsumer(stored.stdin, stored);
    if (stored.stdout !== undefined) this.addProducer(stored.stdout, stored);
    if (stored.stderr !== undefined) this.addProducer(stored.stderr, stored);
    if (isSubWorkflow(stored)) {
      const record = this.record(stored.file);
      record.subJobs = bagAdd(record.subJobs, stored);
    }
    return stored;
  }

  /** Removes a stored job from the indexes (not from `jobs`). */
  removeJob(job: Job): void {
    if (!this.serials.delete(job)) return;
    const list = bagRemove(this.byId.get(job.id), job);
    if (list) this.byId.set(job.id, list);
    else this.byId.delete(job.id);
    const files = jobFiles(job);
    for (const lfn of files.produces) this.update(lfn, job, 'producers');
    for (const lfn of files.consumes) this.update(lfn, job, 'consumers');
    for (const lfn of files.checkpoints) this.update(lfn, job, 'checkpoints');
    if (files.file !== undefined) this.update(files.file, job, 'subJobs');
  }

  /** True when some job has `id`. */
  hasId(id: string): boolean {
    return this.byId.has(id);
  }

  /** The jobs with `id` (in no particular order). */
  jobsWithId(id: string): readonly Job[] {
    return bagList(this.byId.get(id));
  }

  /** Ids that more than one job has. Cost: O(distinct ids). */
  *repeatedIds(): Generator<string> {
    for (const [id, bag] of this.byId) if (bagSize(bag) > 1) yield id;
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
    const bag = this.files.get(lfn)?.producers;
    if (!Array.isArray(bag)) return bag;
    const ordered = this.inDocumentOrder(bag);
    return ordered[ordered.length - 1];
  }

  /** The job that explicit dependencies naming `id` attach to: the first with the id. */
  firstWithId(id: string): Job | undefined {
    return this.first(this.byId.get(id));
  }

  /** The first job in document order that writes `lfn` as a checkpoint. */
  firstCheckpointWriter(lfn: string): Job | undefined {
    return this.first(this.files.get(lfn)?.checkpoints);
  }

  /**
   * Calls `visit` for each child of `job` in the dependency graph (a child may come twice).
   * Walks the uses directly: a job with 10^5 inputs and one output costs one pass, no set.
   */
  forEachChild(job: Job, visit: (child: Job) => void): void {
    const fromFile = (lfn: string): void => {
      if (this.producerOf(lfn) !== job) return;
      for (const consumer of bagList(this.files.get(lfn)?.consumers)) if (consumer !== job) visit(consumer);
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

  private first(bag: JobBag): Job | undefined {
    return Array.isArray(bag) ? this.inDocumentOrder(bag)[0] : bag;
  }

  private addConsumer(lfn: string, job: Job): void {
    const record = this.record(lfn);
    record.consumers = bagAdd(record.consumers, job);
  }

  private addProducer(lfn: string, job: Job): void {
    const record = this.record(lfn);
    record.producers = bagAdd(record.producers, job);
  }

  private record(lfn: string): FileRecord {
    let record = this.files.get(lfn);
    if (!record) {
      record = { producers: undefined, consumers: undefined, checkpoints: undefined, subJobs: undefined };
      this.files.set(lfn, record);
    }
    return record;
  }

  private update(lfn: string, job: Job, role: keyof FileRecord): void {
    const record = this.files.get(lfn);
    if (!record) return;
    if (role === 'subJobs') record.subJobs = bagRemove(record.subJobs, job as SubWorkflowJob);
    else record[role] = bagRemove(record[role], job);
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

