import type { Patch, PatchOp } from '../edit/patch';
import { inferDependencies } from '../infer';
import { formatTransformationKey, type ComputeJob, type Job } from '../model/job';
import type { CatalogFiles, Dependency, Workflow, WorkflowBundle } from '../model/workflow';
import type { DiagnosticSink } from '../validate/context';
import { reportCycles, reportUnknownReference } from '../validate/dependencies';
import { checkJobFileUses } from '../validate/file-uses';
import {
  checkEmptyWorkflow,
  checkJobIdForm,
  checkWorkflowName,
  JOB_ID_PATTERN,
  reportDuplicateId,
} from '../validate/jobs';
import { reportMissingInput, reportMultiProducer, reportUncheckableReplica } from '../validate/producers';
import { checkCatalogProfiles, checkJobProfiles, knownSites } from '../validate/profiles';
import { ReplicaIndex } from '../validate/replica-index';
import { checkSubWorkflowJob } from '../validate/sub-workflows';
import {
  checkCatalogEntries,
  checkJobTransformation,
  reportNoCatalog,
  TransformationLookup,
} from '../validate/transformations';
import { closesCycle } from './cycle-check';
import { bagList } from './job-bag';
import { DiagnosticGroups, type DiagnosticsDelta, type KeyedDiagnostic } from './keyed';
import { compareDiagnostics } from './order';
import { allFiles, jobFiles, WorkflowIndex } from './workflow-index';
import { spliceInPlace } from '../edit/patch';

/** The options of `validateWorkflow` that the incremental validator honours. */
export interface IncrementalValidateOptions {
  /** As `ValidateOptions.subWorkflowExists`: without it, sub-workflow files are not checked. */
  subWorkflowExists?: (file: string) => boolean;
}

/**
 * A splice that removes or inserts more jobs or dependencies than this is applied by a full
 * rebuild: one pass over everything beats many removals from long per-file lists.
 */
const BULK = 1_000;

/** What the ops of one patch touched, with the facts as they were before the patch. */
interface Touched {
  /** LFNs named by a removed or inserted job → its producer before the patch. */
  readonly files: Map<string, Job | undefined>;
  /** Ids of removed or inserted jobs → the first job with the id before the patch. */
  readonly ids: Map<string, Job | undefined>;
  readonly newJobs: Set<Job>;
  readonly newDependencies: Set<Dependency>;
  /** Jobs moved to another place (a splice changed the count), so `#n` in messages may change. */
  shifted: boolean;
  /** Jobs or dependencies changed, so edges may have. */
  edges: boolean;
  computeJobs: boolean;
  replicas: boolean;
  rebuild: boolean;
}

function touched(): Touched {
  return {
    files: new Map(),
    ids: new Map(),
    newJobs: new Set(),
    newDependencies: new Set(),
    shifted: false,
    edges: false,
    computeJobs: false,
    replicas: false,
    rebuild: false,
  };
}

/**
 * Keeps the diagnostics of a workflow bundle up to date through the editor's patches,
 * re-running only the rules whose inputs a patch touched. After every {@link apply}, the
 * diagnostics are the same multiset as `validateWorkflow` of the patched workflow gives
 * (same codes, severities, messages and targets); {@link diagnostics} lists them in the
 * canonical order of `compareDiagnostics`.
 *
 * Rules and what re-runs them:
 * - per job (PC204, PC205, PC208, PC211, PC213–PC216, PC222): when the job is inserted;
 * - PC202 and PC201 (their messages give places `#n`): for inserted jobs and changed ids,
 *   and for every malformed or repeated id when a splice moves jobs;
 * - per file (PC203, PC206, PC210): for the LFNs of removed and inserted jobs, and for all
 *   files when the replica catalog changes;
 * - PC207: for inserted dependency entries and the entries naming an id that appeared or vanished;
 * - PC200 cycles: when jobs or dependencies change, a search from the new edges only
 *   (`closesCycle`); the full cycle pass (inference + `findCycles`) runs only when the
 *   workflow had a cycle before, or a new edge closes one;
 * - workflow-wide rules (PC209, PC212, PC215, PC217–PC221): when their inputs change;
 * - a `workflow` op (a text edit of the whole document) or a splice of more than 1,000
 *   jobs or dependencies: a full rebuild, where diagnostics that did not change keep their keys.
 *
 * Cost: building is O(jobs + uses + dependencies) plus one inference; a one-job edit costs
 * O(its uses × the jobs sharing those files) plus the cycle search around it.
 * Never throws for a well-formed patch (one made against the same document).
 */
export class IncrementalValidator {
  private meta: Workflow;
  private index: WorkflowIndex;
  private readonly groups = new DiagnosticGroups();
  private replicas!: ReplicaIndex;
  private lookup: TransformationLookup | undefined;
  private sites: ReadonlySet<string> | undefined;
  /** LFNs that some job reads and nothing provides → the checkpoint writer named in PC206. */
  private readonly missing = new Map<string, { writer: string | undefined }>();
  private readonly malformed = new Set<Job>();
  private readonly repeatedIds = new Set<string>();
  /** Transformation key → compute jobs running it (for PC209). */
  private readonly computeKeys = new Map<string, number>();
  private cyclic = false;
  /** What PC209's message was built from (see `sameFirstTransformations`). */
  private firstTransformations: { distinct: number; jobs: readonly ComputeJob[] } | undefined;
  /** Serials of jobs, and LFNs, that have a per-job or per-file group: most have none, and building their key is the cost. */
  private readonly jobsWithGroup = new Set<number>();
  private readonly filesWithGroup = new Set<string>();
  private readonly scratch: DiagnosticSink = { diagnostics: [] };

  private constructor(
    bundle: WorkflowBundle,
    private readonly catalogs: CatalogFiles,
    private readonly exists: ((file: string) => boolean) | undefined,
  ) {
    this.meta = bundle.workflow;
    this.index = new WorkflowIndex([], []);
    this.rebuild(bundle.workflow.jobs, bundle.workflow.dependencies);
    this.groups.takeDelta();
  }

  /** Checks `bundle` in full and keeps what later patches need. Cost: about one `validateWorkflow`. */
  static create(bundle: WorkflowBundle, options: IncrementalValidateOptions = {}): IncrementalValidator {
    return new IncrementalValidator(bundle, bundle.catalogs, options.subWorkflowExists);
  }

  /** The workflow as patched so far (its job and dependency arrays belong to the validator: do not change them). */
  get workflow(): Workflow {
    return { ...this.meta, jobs: this.index.jobs, dependencies: this.index.dependencies };
  }

  /** Number of diagnostics. */
  get size(): number {
    return this.groups.size;
  }

  /** Every diagnostic with its key, in the canonical order. Cost: O(d log d). */
  diagnostics(): KeyedDiagnostic[] {
    return this.groups.all().sort((a, b) => compareDiagnostics(a.diagnostic, b.diagnostic));
  }

  /**
   * Applies a patch made against the current document and returns which diagnostics went
   * and which came. Positions-only patches cost nothing.
   */
  apply(patch: Patch): DiagnosticsDelta {
    const t = touched();
    for (const op of patch) this.applyOp(op, t);
    if (t.rebuild) this.rebuild(this.index.jobs, this.index.dependencies);
    else this.refresh(t);
    return this.groups.takeDelta();
  }

  // ------------------------------------------------------------------ applying ops

  private applyOp(op: PatchOp, t: Touched): void {
    switch (op.kind) {
      case 'jobs':
        if (t.rebuild || op.remove.length > BULK || op.insert.length > BULK) {
          t.rebuild = true;
          spliceInPlace(this.index.jobs, op.index, op.remove.length, op.insert);
        } else this.spliceJobs(op.index, op.remove.length, op.insert, t);
        break;
      case 'dependencies':
        if (t.rebuild || op.remove.length > BULK || op.insert.length > BULK) {
          t.rebuild = true;
          spliceInPlace(this.index.dependencies, op.index, op.remove.length, op.insert);
        } else this.spliceDependencies(op.index, op.remove.length, op.insert, t);
        break;
      case 'replicaCatalog': {
        const next = { ...this.meta };
        if (op.after === undefined) delete next.replicaCatalog;
        else next.replicaCatalog = op.after;
        this.meta = next;
        t.replicas = true;
        break;
      }
      case 'workflowName':
        this.meta = { ...this.meta, name: op.after };
        break;
      case 'workflow':
        this.meta = op.after;
        this.index.jobs.length = 0;
        spliceInPlace(this.index.jobs, 0, 0, op.after.jobs);
        this.index.dependencies.length = 0;
        spliceInPlace(this.index.dependencies, 0, 0, op.after.dependencies);
        t.rebuild = true;
        break;
      case 'positions':
        break;
    }
  }

  private spliceJobs(at: number, count: number, insert: readonly Job[], t: Touched): void {
    const index = this.index;
    const removed = index.jobs.slice(at, at + count);
    // The facts before the change, for the cycle search and for PC207.
    for (const job of [...removed, ...insert]) {
      for (const lfn of allFiles(jobFiles(job))) if (!t.files.has(lfn)) t.files.set(lfn, index.producerOf(lfn));
      if (!t.ids.has(job.id)) t.ids.set(job.id, index.firstWithId(job.id));
      if (job.type === 'job') t.computeJobs = true;
    }
    for (const job of removed) this.forgetJob(job, t);
    const stored = insert.map((job) => {
      const kept = index.addJob(job);
      t.newJobs.add(kept);
      if (!JOB_ID_PATTERN.test(kept.id)) this.malformed.add(kept);
      if (kept.type === 'job') this.countKey(kept, 1);
      return kept;
    });
    index.spliceJobs(at, count, stored);
    if (count !== insert.length) t.shifted = true;
    t.edges = true;
  }

  private forgetJob(job: Job, t: Touched): void {
    const serial = this.index.serialOf(job);
    if (serial !== undefined) {
      if (this.jobsWithGroup.delete(serial)) this.groups.delete(`j${serial}`);
      this.groups.delete(`p${serial}`);
      for (const lfn of jobFiles(job).consumes) this.groups.delete(missingKey(serial, lfn));
    }
    this.malformed.delete(job);
    if (job.type === 'job') this.countKey(job, -1);
    t.newJobs.delete(job);
    this.index.removeJob(job);
  }

  private spliceDependencies(at: number, count: number, insert: readonly Dependency[], t: Touched): void {
    const index = this.index;
    for (const dependency of index.dependencies.slice(at, at + count)) {
      const serial = index.depSerialOf(dependency);
      if (serial !== undefined) this.groups.delete(`d${serial}`);
      t.newDependencies.delete(dependency);
      index.removeDependency(dependency);
    }
    const stored = insert.map((dependency) => {
      const kept = index.addDependency(dependency);
      t.newDependencies.add(kept);
      return kept;
    });
    index.spliceDependencies(at, count, stored);
    t.edges = true;
  }

  private countKey(job: ComputeJob, by: 1 | -1): void {
    const key = formatTransformationKey(job.namespace, job.name, job.version);
    const count = (this.computeKeys.get(key) ?? 0) + by;
    if (count <= 0) this.computeKeys.delete(key);
    else this.computeKeys.set(key, count);
  }

  // ------------------------------------------------------------------ re-running rules

  private refresh(t: Touched): void {
    const index = this.index;
    for (const [id, before] of t.ids) {
      const known = index.hasId(id);
      if (index.jobsWithId(id).length > 1) this.repeatedIds.add(id);
      else this.repeatedIds.delete(id);
      if (!t.shifted) this.refreshRepeatedId(id);
      if ((before !== undefined) !== known) {
        for (const dependency of index.depsByParent.get(id) ?? []) this.refreshDependency(dependency);
        for (const dependency of index.depsByChild.get(id) ?? []) this.refreshDependency(dependency);
      }
    }
    for (const dependency of t.newDependencies) this.refreshDependency(dependency);
    if (t.shifted) {
      // Places after the splice moved: every `#n` of PC201/PC202 may have changed.
      for (const id of this.repeatedIds) this.refreshRepeatedId(id);
      for (const id of t.ids.keys()) if (!this.repeatedIds.has(id)) this.refreshRepeatedId(id);
      for (const job of this.malformed) this.refreshIdForm(job);
    } else {
      for (const job of t.newJobs) if (this.malformed.has(job)) this.refreshIdForm(job);
    }
    for (const job of t.newJobs) this.refreshJob(job);
    if (t.replicas) {
      this.replicas = new ReplicaIndex(this.bundle());
      this.refreshCatalogs();
      for (const lfn of index.files.keys()) this.refreshFile(lfn, t);
      for (const lfn of t.files.keys()) if (!index.files.has(lfn)) this.refreshFile(lfn, t);
    } else {
      for (const lfn of t.files.keys()) this.refreshFile(lfn, t);
    }
    this.refreshWorkflowWide(t);
    if (t.edges && (this.cyclic || this.newEdgesCloseCycle(t))) this.refreshCycles();
  }

  /** Everything from nothing (load, whole-document replace, bulk splices); unchanged diagnostics keep their keys. */
  private rebuild(jobs: readonly Job[], dependencies: readonly Dependency[]): void {
    const index = new WorkflowIndex(jobs, dependencies);
    this.index = index;
    const bundle = this.bundle();
    this.replicas = new ReplicaIndex(bundle);
    this.lookup = TransformationLookup.of(this.meta, bundle);
    this.sites = knownSites(this.meta, bundle);
    this.missing.clear();
    this.jobsWithGroup.clear();
    this.filesWithGroup.clear();
    this.malformed.clear();
    this.repeatedIds.clear();
    this.computeKeys.clear();
    this.groups.beginRebuild();
    const t = touched();
    for (const job of index.jobs) {
      if (!JOB_ID_PATTERN.test(job.id)) {
        this.malformed.add(job);
        this.refreshIdForm(job);
      }
      if (job.type === 'job') this.countKey(job, 1);
      this.refreshJob(job);
    }
    for (const id of index.repeatedIds()) {
      this.repeatedIds.add(id);
      this.refreshRepeatedId(id);
    }
    for (const dependency of index.dependencies) this.refreshDependency(dependency);
    for (const lfn of index.files.keys()) this.refreshFile(lfn, t);
    this.refreshCatalogs();
    this.firstTransformations = undefined;
    this.refreshWorkflowWide(undefined);
    this.refreshCycles();
    this.groups.endRebuild();
  }

  private bundle(): WorkflowBundle {
    return { workflow: this.workflow, catalogs: this.catalogs };
  }

  private sink(): DiagnosticSink {
    this.scratch.diagnostics.length = 0;
    return this.scratch;
  }

  /** The rules that read one job alone. */
  private refreshJob(job: Job): void {
    const serial = this.index.serialOf(job);
    if (serial === undefined) return;
    const sink = this.sink();
    checkJobFileUses(sink, job);
    if (this.lookup) checkJobTransformation(sink, this.lookup, job);
    checkJobProfiles(sink, job, this.sites);
    if (sink.diagnostics.length === 0 && !this.jobsWithGroup.has(serial)) return;
    if (sink.diagnostics.length > 0) this.jobsWithGroup.add(serial);
    else this.jobsWithGroup.delete(serial);
    this.groups.set(`j${serial}`, sink.diagnostics);
  }

  private refreshIdForm(job: Job): void {
    const serial = this.index.serialOf(job);
    if (serial === undefined) return;
    const sink = this.sink();
    checkJobIdForm(sink, job.id, this.index.positionOf(job));
    this.groups.set(`p${serial}`, sink.diagnostics);
  }

  private refreshRepeatedId(id: string): void {
    const list = this.index.jobsWithId(id);
    const sink = this.sink();
    if (list.length > 1) {
      const ordered = list.map((job) => this.index.positionOf(job)).sort((a, b) => a - b);
      for (let i = 1; i < ordered.length; i++) reportDuplicateId(sink, id, ordered[0]!, ordered[i]!);
    }
    this.groups.set(`i\u0000${id}`, sink.diagnostics);
  }

  private refreshDependency(dependency: Dependency): void {
    const serial = this.index.depSerialOf(dependency);
    if (serial === undefined) return;
    const sink = this.sink();
    const parentKnown = this.index.hasId(dependency.id);
    for (const child of dependency.children) {
      const childKnown = this.index.hasId(child);
      if (!parentKnown || !childKnown) reportUnknownReference(sink, dependency.id, child, parentKnown, childKnown);
    }
    this.groups.set(`d${serial}`, sink.diagnostics);
  }

  /** PC203 and PC210 of one LFN, then PC206 of its readers. */
  private refreshFile(lfn: string, t: Touched): void {
    const index = this.index;
    const record = index.files.get(lfn);
    if (!record) this.missing.delete(lfn);
    const sink = this.sink();
    if (Array.isArray(record?.producers)) {
      reportMultiProducer(
        sink,
        lfn,
        index.inDocumentOrder(record.producers).map((job) => job.id),
      );
    }
    if (this.exists && record?.subJobs) {
      const bundle = this.bundle();
      for (const job of bagList(record.subJobs))
        checkSubWorkflowJob(sink, bundle, job, record.producers !== undefined, this.exists);
    }
    if (sink.diagnostics.length > 0 || this.filesWithGroup.has(lfn)) {
      if (sink.diagnostics.length > 0) this.filesWithGroup.add(lfn);
      else this.filesWithGroup.delete(lfn);
      this.groups.set(`f\u0000${lfn}`, sink.diagnostics);
    }

    const consumers = record?.consumers;
    const unprovided = consumers !== undefined && record?.producers === undefined && !this.replicas.provides(lfn);
    const before = this.missing.get(lfn);
    if (!unprovided) {
      if (before) {
        for (const job of bagList(consumers)) this.groups.delete(missingKey(index.serialOf(job)!, lfn));
        this.missing.delete(lfn);
      }
      return;
    }
    const writer = index.firstCheckpointWriter(lfn)?.id;
    // Same state as before (and same replicas): only readers inserted by this patch need their diagnostic.
    const all = t.replicas || !before || before.writer !== writer;
    for (const job of bagList(consumers)) {
      if (!all && !t.newJobs.has(job)) continue;
      const reads = this.sink();
      if (!job.uses.some((use) => use.optional && use.lfn === lfn)) reportMissingInput(reads, job.id, lfn, writer);
      this.groups.set(missingKey(index.serialOf(job)!, lfn), reads.diagnostics);
    }
    this.missing.set(lfn, { writer });
  }

  private refreshCatalogs(): void {
    const sink = this.sink();
    const bundle = this.bundle();
    checkCatalogProfiles(sink, this.meta, bundle);
    if (this.lookup) checkCatalogEntries(sink, this.lookup);
    for (const entry of this.replicas.uncheckable) reportUncheckableReplica(sink, entry);
    this.groups.set('catalogs', sink.diagnostics);
  }

  /** PC217 and PC220 (cheap, every patch); PC209 when compute jobs changed and there is no catalog. */
  private refreshWorkflowWide(t: Touched | undefined): void {
    const workflow = this.workflow;
    let sink = this.sink();
    checkEmptyWorkflow(sink, workflow);
    checkWorkflowName(sink, workflow.name);
    this.groups.set('workflow', sink.diagnostics);
    if (this.lookup || (t && !t.computeJobs) || (t && this.sameFirstTransformations(t))) return;
    // The first job of each of the first five transformations, in document order: PC209 names them.
    const distinct = this.computeKeys.size;
    const firsts: ComputeJob[] = [];
    const seen = new Set<string>();
    for (const job of this.index.jobs) {
      if (seen.size >= Math.min(5, distinct)) break;
      if (job.type !== 'job') continue;
      const key = formatTransformationKey(job.namespace, job.name, job.version);
      if (seen.has(key)) continue;
      seen.add(key);
      firsts.push(job);
    }
    this.firstTransformations = { distinct, jobs: firsts };
    sink = this.sink();
    reportNoCatalog(sink, firsts, distinct);
    this.groups.set('no-catalog', sink.diagnostics);
  }

  /**
   * True when PC209's message cannot have changed: as many distinct transformations, the jobs
   * it was built from all still there in place, and no compute job inserted before the last of them.
   * Saves a scan of the jobs (up to all of them) on most edits of a workflow without catalog.
   */
  private sameFirstTransformations(t: Touched): boolean {
    const cached = this.firstTransformations;
    if (!cached || cached.distinct !== this.computeKeys.size) return false;
    // A job gone, or taken out and put back elsewhere: its key may now start later.
    if (cached.jobs.some((job) => this.index.serialOf(job) === undefined || t.newJobs.has(job))) return false;
    const last = cached.jobs[cached.jobs.length - 1];
    if (!last) return true;
    const limit = this.index.positionOf(last);
    for (const job of t.newJobs) if (job.type === 'job' && this.index.positionOf(job) < limit) return false;
    return true;
  }

  /** Whether an edge the patch may have added closes a cycle (the graph had none before). */
  private newEdgesCloseCycle(t: Touched): boolean {
    const index = this.index;
    for (const [lfn, before] of t.files) {
      const producer = index.producerOf(lfn);
      if (!producer) continue;
      const consumers = bagList(index.files.get(lfn)?.consumers);
      // A new producer feeds every reader; otherwise only readers inserted by this patch are new edges.
      const heads = consumers.filter((job) => job !== producer && (producer !== before || t.newJobs.has(job)));
      if (closesCycle(index, producer, heads)) return true;
    }
    const explicit = (dependency: Dependency): boolean => {
      const parent = index.firstWithId(dependency.id);
      if (!parent) return false;
      const heads: Job[] = [];
      for (const childId of dependency.children) {
        const child = index.firstWithId(childId);
        if (child) heads.push(child);
      }
      return closesCycle(index, parent, heads);
    };
    for (const [id, before] of t.ids) {
      const first = index.firstWithId(id);
      if (!first || first === before) continue;
      for (const dependency of index.depsByParent.get(id) ?? []) if (explicit(dependency)) return true;
      for (const dependency of index.depsByChild.get(id) ?? []) if (explicit(dependency)) return true;
    }
    for (const dependency of t.newDependencies)
      if (index.hasDependency(dependency) && explicit(dependency)) return true;
    return false;
  }

  /** PC200 by the full pass: inference of the whole graph and `findCycles`. Cost: O(jobs + uses + edges). */
  private refreshCycles(): void {
    const workflow = this.workflow;
    const sink = this.sink();
    reportCycles(sink, workflow, inferDependencies(workflow));
    this.cyclic = sink.diagnostics.length > 0;
    this.groups.set('cycles', sink.diagnostics);
  }
}

function missingKey(serial: number, lfn: string): string {
  return `m${serial}\u0000${lfn}`;
}
