import { forEachFileRole, type DependencyGraph } from '../infer';
import { transformationKey } from '../model/job';
import type { Diagnostic } from '../model/diagnostic';
import type { Workflow } from '../model/workflow';
import { downstream, upstream } from './lineage';

/** Where a search looks: everything, or one kind of name. */
export type SearchField = 'any' | 'id' | 'transformation' | 'file' | 'label' | 'diagnostic';

export interface SearchQuery {
  field: SearchField;
  /** Lower-cased text to look for (substring match). */
  text: string;
}

export interface SearchResult {
  /** Indices of matching jobs, in document order. */
  jobs: number[];
  /** Matching file names. */
  files: string[];
}

const PREFIXES: Record<string, SearchField> = {
  id: 'id',
  tx: 'transformation',
  transformation: 'transformation',
  file: 'file',
  lfn: 'file',
  label: 'label',
  diag: 'diagnostic',
  diagnostic: 'diagnostic',
};

/**
 * Reads what the user typed in the search box: `text` searches every field; `id:`, `tx:`,
 * `file:`, `label:` and `diag:` search one (a diagnostic by code or message).
 */
export function parseSearchQuery(input: string): SearchQuery {
  const match = /^\s*([a-z]+):\s*(.*)$/i.exec(input);
  if (match && PREFIXES[match[1]!.toLowerCase()]) {
    return { field: PREFIXES[match[1]!.toLowerCase()]!, text: match[2]!.trim().toLowerCase() };
  }
  return { field: 'any', text: input.trim().toLowerCase() };
}

/**
 * Finds jobs and files matching a query. A job matches by its id, its transformation key,
 * its node label, a file it uses, or a diagnostic that targets it; a file matches by name or
 * by a diagnostic that targets it. Cost: O(jobs + uses + diagnostics).
 */
export function searchWorkflow(workflow: Workflow, query: SearchQuery, diagnostics: readonly Diagnostic[] = []): SearchResult {
  if (query.text === '') return { jobs: [], files: [] };
  const wants = (field: SearchField) => query.field === 'any' || query.field === field;
  const hit = (value: string | undefined) => value !== undefined && value.toLowerCase().includes(query.text);

  const diagnosedJobs = new Set<string>();
  const diagnosedFiles = new Set<string>();
  if (wants('diagnostic')) {
    for (const diagnostic of diagnostics) {
      if (!hit(diagnostic.code) && !hit(diagnostic.message)) continue;
      const target = diagnostic.target;
      if (target?.kind === 'job') diagnosedJobs.add(target.jobId);
      else if (target?.kind === 'file') {
        diagnosedFiles.add(target.lfn);
        if (target.jobId) diagnosedJobs.add(target.jobId);
      } else if (target?.kind === 'dependency') {
        diagnosedJobs.add(target.parent);
        diagnosedJobs.add(target.child);
      }
    }
  }

  const jobs: number[] = [];
  const files = new Set<string>();
  workflow.jobs.forEach((job, index) => {
    let matched =
      (wants('id') && hit(job.id)) ||
      (wants('transformation') && hit(transformationKey(job))) ||
      (wants('label') && hit(job.nodeLabel ?? (job.profiles?.pegasus?.label !== undefined ? String(job.profiles.pegasus.label) : undefined))) ||
      diagnosedJobs.has(job.id);
    const visit = (lfn: string) => {
      if ((wants('file') && hit(lfn)) || diagnosedFiles.has(lfn)) {
        files.add(lfn);
        if (query.field === 'file' || query.field === 'any') matched = true;
      }
    };
    for (const use of job.uses) visit(use.lfn);
    forEachFileRole(job, visit);
    if (matched) jobs.push(index);
  });
  return { jobs, files: [...files] };
}

/**
 * The lineage of a file: the jobs that lead to it (its producer and everything upstream)
 * and the jobs that depend on it (its consumers and everything downstream), as the canvas
 * isolates it. Cost: O(jobs + edges).
 */
export function fileLineage(workflow: Workflow, graph: DependencyGraph, lfn: string): { upstream: number[]; downstream: number[] } {
  const producers: number[] = [];
  const consumers: number[] = [];
  workflow.jobs.forEach((job, index) => {
    forEachFileRole(job, (name, role) => {
      if (name !== lfn) return;
      if (role === 'produces') producers.push(index);
      else consumers.push(index);
    });
  });
  return { upstream: upstream(graph, producers), downstream: downstream(graph, consumers) };
}
