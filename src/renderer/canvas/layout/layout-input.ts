/**
 * The graph the layout sees: every job and file as a node, every file use and explicit
 * dependency as an edge (file → job for reads, job → file for writes), as typed arrays that
 * cross into the worker without copying.
 */
import { fileKey, jobKey, type EditableDocument } from '../../../shared/edit';
import type { CatalogFiles } from '../../../shared/model';
import { replicaNames } from '../graph-model';
import { FILE_SIZE, JOB_SIZE } from '../node-types';
import type { LayoutInput } from './layered';

export interface KeyedLayoutInput extends LayoutInput {
  /** Node index → position key. */
  keys: string[];
}

/**
 * Nodes: jobs, then files by first mention, then files only a replica or a saved position
 * names. Cost: O(jobs + uses + dependencies), one map from key to
 * node; no per-file objects (at 10^5 jobs this runs before anything is drawn).
 */
export function layoutInput(doc: EditableDocument, catalogs?: CatalogFiles): KeyedLayoutInput {
  const workflow = doc.workflow;
  // Two maps keyed by id and by LFN: no key strings built per lookup.
  const jobIndex = new Map<string, number>();
  for (const job of workflow.jobs) if (!jobIndex.has(job.id)) jobIndex.set(job.id, jobIndex.size);
  const jobCount = jobIndex.size;
  const fileIndex = new Map<string, number>();
  const file = (lfn: string): number => {
    let i = fileIndex.get(lfn);
    if (i === undefined) {
      i = jobCount + fileIndex.size;
      fileIndex.set(lfn, i);
    }
    return i;
  };
  // One pass: each use is looked up once, for its node and its edge together.
  const from: number[] = [];
  const to: number[] = [];
  for (const job of workflow.jobs) {
    const j = jobIndex.get(job.id)!;
    for (const use of job.uses) {
      const f = file(use.lfn);
      if (use.type === 'input') {
        from.push(f);
        to.push(j);
      } else {
        from.push(j);
        to.push(f);
      }
    }
    if (job.stdin !== undefined) {
      from.push(file(job.stdin));
      to.push(j);
    }
    if (job.stdout !== undefined) {
      from.push(j);
      to.push(file(job.stdout));
    }
    if (job.stderr !== undefined) {
      from.push(j);
      to.push(file(job.stderr));
    }
  }
  for (const lfn of replicaNames(workflow, catalogs)) file(lfn);
  for (const key of doc.positions.keys()) if (key.startsWith('f:')) file(key.slice(2));
  for (const d of workflow.dependencies) {
    const p = jobIndex.get(d.id);
    if (p === undefined) continue;
    for (const c of d.children) {
      const q = jobIndex.get(c);
      if (q === undefined) continue;
      from.push(p);
      to.push(q);
    }
  }
  const nodeCount = jobCount + fileIndex.size;
  const keys = new Array<string>(nodeCount);
  for (const [id, i] of jobIndex) keys[i] = jobKey(id);
  for (const [lfn, i] of fileIndex) keys[i] = fileKey(lfn);
  const widths = new Float64Array(nodeCount).fill(FILE_SIZE.width);
  const heights = new Float64Array(nodeCount).fill(FILE_SIZE.height);
  widths.fill(JOB_SIZE.width, 0, jobCount);
  heights.fill(JOB_SIZE.height, 0, jobCount);
  return { keys, nodeCount, sources: Uint32Array.from(from), targets: Uint32Array.from(to), widths, heights };
}
