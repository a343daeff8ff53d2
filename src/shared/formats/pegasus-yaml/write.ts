import type { ReplicaCatalog, SiteCatalog, TransformationCatalog } from '../../model/catalogs';
import type { Workflow } from '../../model/workflow';
import { dependencyList, inferDependencies, type DependencyGraph } from '../../infer';
import { JsonEmitter, YamlEmitter, type Emitter } from './emitter';
import {
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
export function* writeWorkflowChunks(workflow: Workflow, options: WriteOptions = {}): Generator<string, void, undefined> {
  const e = emitterFor(options.format);
  e.mapStart();
  writeExtras(e, workflow.extra);
  e.key('pegasus', true);
  e.scalar(workflow.pegasus);
  e.key('name', true);
  e.scalar(workflow.name);
  if (workflow.version !== undefined) {
    e.key('version', true);
    e.scalar(workflow.version);
  }
  writeHooks(e, workflow.hooks);
  writeProfiles(e, workflow.profiles);
  writeMetadata(e, workflow.metadata);
  if (workflow.siteCatalog) {
    e.key('siteCatalog', true);
    e.mapStart();
    writeExtras(e, workflow.siteCatalog.extra);
    // The schema requires it here; the API leaves it out; pegasus-plan accepts it.
    e.key('pegasus', true);
    e.scalar('5.0');
    writeSiteCatalogBody(e, workflow.siteCatalog);
    e.mapEnd();
  }
  if (workflow.replicaCatalog) {
    e.key('replicaCatalog', true);
    e.mapStart();
    writeExtras(e, workflow.replicaCatalog.extra);
    writeReplicaCatalogBody(e, workflow.replicaCatalog);
    e.mapEnd();
  }
  if (workflow.transformationCatalog) {
    e.key('transformationCatalog', true);
    e.mapStart();
    writeExtras(e, workflow.transformationCatalog.extra);
    writeTransformationCatalogBody(e, workflow.transformationCatalog);
    e.mapEnd();
  }
  e.key('jobs', true);
  if (workflow.jobs.length === 0) e.emptySeq();
  else {
    e.seqStart();
    for (const job of workflow.jobs) {
      writeJob(e, job);
      if (e.pending >= CHUNK) yield e.take();
    }
    e.seqEnd();
  }
  const dependencies = dependencyList(workflow, options.graph ?? inferDependencies(workflow));
  if (dependencies.length > 0) {
    e.key('jobDependencies', true);
    e.seqStart();
    for (const dependency of dependencies) {
      writeDependency(e, dependency);
      if (e.pending >= CHUNK) yield e.take();
    }
    e.seqEnd();
  }
  e.mapEnd();
  yield e.take();
}

/** {@link writeWorkflowChunks} joined into one string. */
export function writeWorkflow(workflow: Workflow, options: WriteOptions = {}): string {
  let out = '';
  for (const chunk of writeWorkflowChunks(workflow, options)) out += chunk;
  return out;
}

function writeCatalog<T extends { pegasus?: string; extra?: Record<string, unknown> }>(catalog: T, options: WriteOptions, body: (e: Emitter, catalog: T) => void): string {
  const e = emitterFor(options.format);
  e.mapStart();
  writeExtras(e, catalog.extra);
  e.key('pegasus', true);
  e.scalar(catalog.pegasus ?? '5.0');
  body(e, catalog);
  e.mapEnd();
  return e.take();
}

/** A standalone site catalog (`sites.yml`), with `pegasus:` (`"5.0"` when the model has none). */
export function writeSiteCatalog(catalog: SiteCatalog, options: WriteOptions = {}): string {
  return writeCatalog(catalog, options, writeSiteCatalogBody);
}

/** A standalone replica catalog (`replicas.yml`). */
export function writeReplicaCatalog(catalog: ReplicaCatalog, options: WriteOptions = {}): string {
  return writeCatalog(catalog, options, writeReplicaCatalogBody);
}

/** A standalone transformation catalog (`transformations.yml`). */
export function writeTransformationCatalog(catalog: TransformationCatalog, options: WriteOptions = {}): string {
  return writeCatalog(catalog, options, writeTransformationCatalogBody);
}
