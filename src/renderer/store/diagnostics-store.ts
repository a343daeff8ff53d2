/**
 * Diagnostics of the open document, from the core's `validateWorkflow`, re-run after edits.
 * Runs are debounced (one run for a burst of edits) and skipped when the workflow object is
 * the one already checked, so moves and selection (which do not change the workflow) cost
 * nothing. Each diagnostic is indexed by the canvas node it points at, for the badges.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { fileKey, jobKey } from '../../shared/edit';
import type { CatalogFiles, Diagnostic, Workflow } from '../../shared/model';
import { validateWorkflow } from '../../shared/validate';
import { graphModel } from '../canvas/graph-model';
import type { Badge } from '../canvas/node-types';
import { documentStore } from './document-store';

export interface DiagnosticsState {
  diagnostics: Diagnostic[];
  /** Node key → counts, for badges. */
  badges: ReadonlyMap<string, Badge>;
  /** The workflow these diagnostics belong to. */
  checked: Workflow | null;
  /** Time the last run took (ms), shown in the panel's tooltip. */
  millis: number;
}

export const diagnosticsStore = createStore<DiagnosticsState>(() => ({ diagnostics: [], badges: new Map(), checked: null, millis: 0 }));

export function useDiagnostics<T>(selector: (state: DiagnosticsState) => T): T {
  return useStore(diagnosticsStore, selector);
}

/** The node a diagnostic points at, if any. */
export function diagnosticNodeKey(diagnostic: Diagnostic): string | undefined {
  const target = diagnostic.target;
  if (!target) return undefined;
  switch (target.kind) {
    case 'job':
      return jobKey(target.jobId);
    case 'file':
      return target.jobId !== undefined && target.lfn === '' ? jobKey(target.jobId) : fileKey(target.lfn);
    case 'replica':
      return fileKey(target.lfn);
    case 'dependency':
      return jobKey(target.child);
    default:
      return undefined;
  }
}

/** Runs validation now. Cost: one `validateWorkflow` (linear in the workflow). */
export function runValidation(workflow: Workflow, catalogs: CatalogFiles): void {
  const started = performance.now();
  let diagnostics: Diagnostic[];
  try {
    diagnostics = validateWorkflow({ workflow, catalogs }, { graph: graphModel(workflow, catalogs).graph });
  } catch (error) {
    // The core returns values; this is a safety net so one bad document cannot blank the UI.
    diagnostics = [{ code: 'PC000', severity: 'error', message: `Validation failed: ${error instanceof Error ? error.message : String(error)}` }];
  }
  const badges = new Map<string, Badge>();
  for (const d of diagnostics) {
    const key = diagnosticNodeKey(d);
    if (!key || d.severity === 'info') continue;
    const badge = badges.get(key) ?? { errors: 0, warnings: 0 };
    if (d.severity === 'error') badge.errors++;
    else badge.warnings++;
    badges.set(key, badge);
  }
  diagnosticsStore.setState({ diagnostics, badges, checked: workflow, millis: performance.now() - started });
}

/** Re-validates after edits, debounced by `delayMs`. Returns the unsubscribe function. */
export function startValidation(delayMs = 150): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      const { doc, catalogs } = documentStore.getState();
      if (diagnosticsStore.getState().checked !== doc.workflow) runValidation(doc.workflow, catalogs);
    }, delayMs);
  };
  schedule();
  const unsubscribe = documentStore.subscribe((state, previous) => {
    if (state.doc.workflow !== previous.doc.workflow || state.catalogs !== previous.catalogs) schedule();
  });
  return () => {
    unsubscribe();
    if (timer !== undefined) clearTimeout(timer);
  };
}
