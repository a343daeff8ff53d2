/**
 * What the canvas derives from the workflow, once per document revision: the dependency
 * graph (inferred ∪ explicit, from the core) and, for every file, who writes and reads it.
 * Cost: O(jobs + uses + replicas); cached by workflow object, so each revision pays once.
 */
import { type DependencyGraph, forEachFileRole, inferDependencies } from '../../shared/infer';
import type { CatalogFiles, Workflow } from '../../shared/model';

/** How a file sits in the workflow, as the file node shows it. */
export type FileRole = 'input' | 'intermediate' | 'output' | 'unused';

export interface FileInfo {
  lfn: string;
  /** Ids of the jobs that write the file (more than one is a diagnostic). */
  producers: string[];
  /** Ids of the jobs that read it. */
  consumers: string[];
  /** A replica catalog entry names it (a raw input Pegasus can stage in). */
  hasReplica: boolean;
  /** A producer stages it out (a final output). */
  stagedOut: boolean;
  role: FileRole;
}

export interface GraphModel {
  workflow: Workflow;
  graph: DependencyGraph;
  /** Files in first-mention order. */
  files: Map<string, FileInfo>;
}

/** A file's role from how many jobs write and read it, and whether a replica names it. */
export function fileRole(producers: number, consumers: number, hasReplica: boolean): FileRole {
  if (producers === 0) return consumers > 0 || hasReplica ? 'input' : 'unused';
  return consumers > 0 ? 'intermediate' : 'output';
}

/** LFNs that a replica catalog entry names (not regex ones), embedded or beside the workflow. */
export function replicaNames(workflow: Workflow, catalogs: CatalogFiles | undefined): Set<string> {
  const replicas = new Set<string>();
  for (const r of workflow.replicaCatalog?.replicas ?? []) if (!r.regex) replicas.add(r.lfn);
  for (const r of catalogs?.replicas?.replicas ?? []) if (!r.regex) replicas.add(r.lfn);
  return replicas;
}

const cache = new WeakMap<Workflow, GraphModel>();

export function graphModel(workflow: Workflow, catalogs: CatalogFiles | undefined): GraphModel {
  const hit = cache.get(workflow);
  if (hit) return hit;
  const replicas = replicaNames(workflow, catalogs);
  const files = new Map<string, FileInfo>();
  const info = (lfn: string): FileInfo => {
    let f = files.get(lfn);
    if (!f) {
      f = { lfn, producers: [], consumers: [], hasReplica: replicas.has(lfn), stagedOut: false, role: 'unused' };
      files.set(lfn, f);
    }
    return f;
  };
  for (const job of workflow.jobs) {
    forEachFileRole(job, (lfn, role) => {
      const f = info(lfn);
      const list = role === 'produces' ? f.producers : f.consumers;
      if (list[list.length - 1] !== job.id) list.push(job.id);
    });
    for (const use of job.uses) {
      const f = info(use.lfn);
      if (use.type === 'output' && use.stageOut) f.stagedOut = true;
    }
  }
  for (const lfn of replicas) if (!files.has(lfn)) info(lfn);
  for (const f of files.values()) f.role = fileRole(f.producers.length, f.consumers.length, f.hasReplica);
  const model: GraphModel = { workflow, graph: inferDependencies(workflow), files };
  cache.set(workflow, model);
  return model;
}
