/**
 * The graph the layout sees: every job and file as a node, every file use and explicit
 * dependency as an edge (file → job for reads, job → file for writes), as typed arrays that
 * cross into the worker without copying.
 */
import { fileKey, jobKey, parseKey, type EditableDocument } from '../../../shared/edit';
import type { GraphModel } from '../graph-model';
import { FILE_SIZE, JOB_SIZE } from '../node-types';
import type { LayoutInput } from './layered';

export interface KeyedLayoutInput extends LayoutInput {
  /** Node index → position key. */
  keys: string[];
}

/** Cost: O(jobs + uses + dependencies). */
export function layoutInput(doc: EditableDocument, model: GraphModel): KeyedLayoutInput {
  const keys: string[] = [];
  const index = new Map<string, number>();
  const add = (key: string): number => {
    let i = index.get(key);
    if (i === undefined) {
      i = keys.length;
      keys.push(key);
      index.set(key, i);
    }
    return i;
  };
  for (const job of model.workflow.jobs) add(jobKey(job.id));
  for (const lfn of model.files.keys()) add(fileKey(lfn));
  for (const key of doc.positions.keys()) if (parseKey(key)?.kind === 'file') add(key);
  const from: number[] = [];
  const to: number[] = [];
  const edge = (a: number, b: number): void => {
    from.push(a);
    to.push(b);
  };
  for (const job of model.workflow.jobs) {
    const j = index.get(jobKey(job.id))!;
    for (const use of job.uses) {
      const f = index.get(fileKey(use.lfn))!;
      if (use.type === 'input') edge(f, j);
      else edge(j, f);
    }
    if (job.stdin !== undefined) edge(index.get(fileKey(job.stdin))!, j);
    for (const lfn of [job.stdout, job.stderr]) if (lfn !== undefined) edge(j, index.get(fileKey(lfn))!);
  }
  for (const d of model.workflow.dependencies) {
    const p = index.get(jobKey(d.id));
    if (p === undefined) continue;
    for (const c of d.children) {
      const q = index.get(jobKey(c));
      if (q !== undefined) edge(p, q);
    }
  }
  const widths = new Float64Array(keys.length);
  const heights = new Float64Array(keys.length);
  keys.forEach((key, i) => {
    const size = key.startsWith('j:') ? JOB_SIZE : FILE_SIZE;
    widths[i] = size.width;
    heights[i] = size.height;
  });
  return { keys, nodeCount: keys.length, sources: Uint32Array.from(from), targets: Uint32Array.from(to), widths, heights };
}
