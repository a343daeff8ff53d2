import type { ReplicaCatalog, SiteCatalog, TransformationCatalog } from '../../model/catalogs';
import type { Dependency, Workflow } from '../../model/workflow';
import { inferDependencies, type DependencyGraph } from '../../infer';
import { jobDependencyList } from './dependencies';
import { JsonEmitter, YamlEmitter, type Emitter } from './emitter';
import {
  enter,
  fromExtra,
  leave,
  writeDependency,
  writeExtras,
  writeHooks,
  writeJob,
  writeMetadata,
  writeProfiles,
  writeReplicaCatalogBody,
  writeSiteCatalogBody,
  writeTransformationCatalogBody,
} from './write-model';

export type WriteFormat = 'yaml' | 'json';

export interface WriteOptions {
  /** `yaml` (default) or `json` (valid YAML too, and far faster for pegasus-plan to read). */
  format?: WriteFormat;
  /** The dependency graph when the caller already has it (saves one inference). */
  graph?: DependencyGraph;
}

/** Text is handed out in chunks of about this many characters. */
const CHUNK = 1 << 16;

function emitterFor(format: WriteFormat | undefined): Emitter {
  return format === 'json' ? new JsonEmitter() : new YamlEmitter();
}

/**
 * Writes a workflow as Pegasus 5.0 YAML (or JSON), chunk by chunk, for streaming to disk.
 *
 * What pegasus-plan and the schema need: `pegasus: "5.0"` inside an embedded site catalog,
 * `uses[].size` as text, `stdin:` after `uses:`, and every dependency, inferred from files or
 * explicit, written as `jobDependencies` (as the Python API does). Key order is fixed (the
 * API's), so the same document always gives the same bytes.
 *
 * A hand-written emitter rather than `yaml.stringify`: it never builds a document tree, so
 * memory stays flat and a million jobs stream out in seconds. Cost: O(size of the output).
 */
export function writeWorkflowChunks(workflow: Workflow, options: WriteOptions = {}): Generator<string, void, undefined> {
  return emitWorkflow(workflow, options, (e) => e.take());
}

/**
 * {@link writeWorkflowChunks} as UTF-8 bytes, ready for a file: the emitters encode as they go,
 * so this skips turning each chunk into a string and back.
 */
export function writeWorkflowByteChunks(workflow: Workflow, options: WriteOptions = {}): Generator<Uint8Array, void, undefined> {
  return emitWorkflow(workflow, options, (e) => e.takeBytes());
}

function* emitWorkflow<T>(workflow: Workflow, options: WriteOptions, take: (e: Emitter) => T): Generator<T, void, undefined> {
  const e = emitterFor(options.format);
  e.mapStart();
  enter(e, workflow.extra);
  // Unknown keys first, where the API puts x-pegasus; a known key kept in extra (wrong type) goes in its place.
  writeExtras(e, workflow.extra, WORKFLOW_KEYS);
  scalarKey(e, 'pegasus', workflow.pegasus);
  scalarKey(e, 'name', workflow.name);
  scalarKey(e, 'version', workflow.version);
  writeHooks(e, workflow.hooks);
  writeProfiles(e, workflow.profiles);
  writeMetadata(e, workflow.metadata);
  // The schema requires pegasus inside an embedded site catalog; the API leaves it out; pegasus-plan accepts it.
  const siteRef = workflow.siteCatalog?.sites.length === 0 && workflow.siteCatalog.extra !== undefined && Object.hasOwn(workflow.siteCatalog.extra, '$ref');
  catalogKey(e, 'siteCatalog', workflow.siteCatalog, SITE_KEYS, siteRef ? undefined : '5.0', writeSiteCatalogBody);
  catalogKey(e, 'replicaCatalog', workflow.replicaCatalog, REPLICA_KEYS, undefined, writeReplicaCatalogBody);
  catalogKey(e, 'transformationCatalog', workflow.transformationCatalog, TRANSFORMATION_KEYS, undefined, writeTransformationCatalogBody);
  e.key('jobs', true);
  if (workflow.jobs.length === 0) e.emptySeq();
  else {
    e.seqStart();
    for (const job of workflow.jobs) {
      writeJob(e, job);
      if (e.pending >= CHUNK) yield take(e);
    }
    e.seqEnd();
  }
  if (!fromExtra(e, 'jobDependencies')) {
    const graph = options.graph ?? inferDependencies(workflow);
    if (graph.unknownReferences.length === 0 && !workflow.dependencies.some((d) => d.extra)) {
      // The common case, straight from the graph without building a list (10^6 entries at 10^6 jobs).
      yield* writeGraphDependencies(e, workflow, graph, take);
    } else {
      yield* writeDependencyList(e, jobDependencyList(workflow, graph), take);
    }
  }
  e.mapEnd();
  yield take(e);
}

/** `jobDependencies` from the graph: one entry per parent with children, in job order (as `dependencyList`). */
function* writeGraphDependencies<T>(e: Emitter, workflow: Workflow, graph: DependencyGraph, take: (e: Emitter) => T): Generator<T, void, undefined> {
  const { offsets, targets, nodeCount } = graph;
  if (offsets[nodeCount] === 0) return;
  const jobs = workflow.jobs;
  e.key('jobDependencies', true);
  e.seqStart();
  for (let v = 0; v < nodeCount; v++) {
    const start = offsets[v]!;
    const end = offsets[v + 1]!;
    if (start === end) continue;
    e.mapStart();
    e.key('id', true);
    e.scalar(jobs[v]!.id);
    e.key('children', true);
    e.seqStart();
    for (let k = start; k < end; k++) e.scalar(jobs[targets[k]!]!.id);
    e.seqEnd();
    e.mapEnd();
    if (e.pending >= CHUNK) yield take(e);
  }
  e.seqEnd();
}

/** `jobDependencies` from a list (when it holds unknown jobs or `x-*` keys). */
function* writeDependencyList<T>(e: Emitter, dependencies: readonly Dependency[], take: (e: Emitter) => T): Generator<T, void, undefined> {
  if (dependencies.length === 0) return;
  e.key('jobDependencies', true);
  e.seqStart();
  for (const dependency of dependencies) {
    writeDependency(e, dependency);
    if (e.pending >= CHUNK) yield take(e);
  }
  e.seqEnd();
}

const WORKFLOW_KEYS: ReadonlySet<string> = new Set(['pegasus', 'name', 'version', 'hooks', 'profiles', 'metadata', 'siteCatalog', 'replicaCatalog', 'transformationCatalog', 'jobs', 'jobDependencies']);
const SITE_KEYS: ReadonlySet<string> = new Set(['pegasus', 'sites']);
const REPLICA_KEYS: ReadonlySet<string> = new Set(['pegasus', 'replicas']);
const TRANSFORMATION_KEYS: ReadonlySet<string> = new Set(['pegasus', 'transformations', 'containers']);

function scalarKey(e: Emitter, key: string, value: string | undefined): void {
  if (fromExtra(e, key) || value === undefined) return;
  e.key(key, true);
  e.scalar(value);
}

/** An embedded catalog: its unknown keys first, then `pegasus` when asked, then its lists. */
function catalogKey<T extends { extra?: Record<string, unknown> }>(
  e: Emitter,
  key: string,
  catalog: T | undefined,
  known: ReadonlySet<string>,
  pegasus: string | undefined,
  body: (e: Emitter, catalog: T) => void,
): void {
  if (fromExtra(e, key) || catalog === undefined) return;
  e.key(key, true);
  e.mapStart();
  const saved = enter(e, catalog.extra);
  writeExtras(e, catalog.extra, known);
  scalarKey(e, 'pegasus', pegasus);
  body(e, catalog);
  leave(e, saved);
  e.mapEnd();
}

/** {@link writeWorkflowChunks} joined into one string. */
export function writeWorkflow(workflow: Workflow, options: WriteOptions = {}): string {
  let out = '';
  for (const chunk of writeWorkflowChunks(workflow, options)) out += chunk;
  return out;
}

function writeCatalog<T extends { pegasus?: string; extra?: Record<string, unknown> }>(catalog: T, options: WriteOptions, known: ReadonlySet<string>, body: (e: Emitter, catalog: T) => void): string {
  const e = emitterFor(options.format);
  e.mapStart();
  enter(e, catalog.extra);
  writeExtras(e, catalog.extra, known);
  scalarKey(e, 'pegasus', catalog.pegasus ?? '5.0');
  body(e, catalog);
  e.mapEnd();
  return e.take();
}

/** A standalone site catalog (`sites.yml`), with `pegasus:` (`"5.0"` when the model has none). */
export function writeSiteCatalog(catalog: SiteCatalog, options: WriteOptions = {}): string {
  return writeCatalog(catalog, options, SITE_KEYS, writeSiteCatalogBody);
}

/** A standalone replica catalog (`replicas.yml`). */
export function writeReplicaCatalog(catalog: ReplicaCatalog, options: WriteOptions = {}): string {
  return writeCatalog(catalog, options, REPLICA_KEYS, writeReplicaCatalogBody);
}

/** A standalone transformation catalog (`transformations.yml`). */
export function writeTransformationCatalog(catalog: TransformationCatalog, options: WriteOptions = {}): string {
  return writeCatalog(catalog, options, TRANSFORMATION_KEYS, writeTransformationCatalogBody);
}
