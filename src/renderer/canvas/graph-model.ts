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
  /** Job indices that write the file (more than one is a diagnostic). */
  producers: number[];
  /** Job indices that read it. */
  consumers: number[];
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

const cache = new WeakMap<Workflow, GraphModel>();

export function graphModel(workflow: Workflow, catalogs: CatalogFiles | undefined): GraphModel {
  const hit = cache.get(workflow);
  if (hit) return hit;
  const replicas = new Set<string>();
  for (const r of workflow.replicaCatalog?.replicas ?? []) if (!r.regex) replicas.add(r.lfn);
  for (const r of catalogs?.replicas?.replicas ?? []) if (!r.regex) replicas.add(r.lfn);
  const files = new Map<string, FileInfo>();
  const info = (lfn: string): FileInfo => {
    let f = files.get(lfn);
    if (!f) {
      f = { lfn, producers: [], consumers: [], hasReplica: replicas.has(lfn), stagedOut: false, role: 'unused' };
      files.set(lfn, f);
    }
    return f;
  };
  workflow.jobs.forEach((job, index) => {
    forEachFileRole(job, (lfn, role) => {
      const f = info(lfn);
      const list = role === 'produces' ? f.producers : f.consumers;
      if (list[list.length - 1] !== index) list.push(index);
    });
    for (const use of job.uses) {
      const f = info(use.lfn);
      if (use.type === 'output' && use.stageOut) f.stagedOut = true;
    }
  });
  for (const lfn of replicas) if (!files.has(lfn)) info(lfn);
  for (const f of files.values()) {
    if (f.producers.length === 0) f.role = f.consumers.length > 0 || f.hasReplica ? 'input' : 'unused';
    else f.role = f.consumers.length > 0 ? 'intermediate' : 'output';
  }
  const model: GraphModel = { workflow, graph: inferDependencies(workflow), files };
  cache.set(workflow, model);
  return model;
}
