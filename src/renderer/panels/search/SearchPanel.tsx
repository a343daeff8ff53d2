/**
 * Search (Ctrl+F): jobs and files by id, transformation, file, label or diagnostic
 * (`id:`, `tx:`, `file:`, `label:`, `diag:` narrow it). Hits are outlined on the canvas; the
 * selection can grow to everything upstream or downstream; a file's lineage can be isolated
 * (everything else dimmed).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { fileKey, jobKey, parseKey } from '../../../shared/edit';
import { inferDependencies } from '../../../shared/infer';
import { downstream, upstream } from '../../../shared/search/lineage';
import { fileLineage, parseSearchQuery, searchWorkflow } from '../../../shared/search/search-workflow';
import { useDiagnostics } from '../../store/diagnostics-store';
import { documentStore, useDocument } from '../../store/document-store';
import { focusNode, select, uiStore } from '../../store/ui-store';
import { clearHighlight, setHighlight } from '../code/node-highlight';

const OWNER = 'search';
const HIT_STYLE = 'outline: 3px solid #2e90fa; outline-offset: 2px';
const SHOWN = 500;

/** Focus requests from Ctrl+F while the panel is already open. */
let focusSearchBox: (() => void) | null = null;
export function focusSearch(): void {
  focusSearchBox?.();
}

/** Grows the selection to every job upstream or downstream of the selected jobs. */
function selectAlong(direction: 'upstream' | 'downstream'): number {
  const { workflow } = documentStore.getState().doc;
  const graph = inferDependencies(workflow);
  const start: number[] = [];
  for (const key of uiStore.getState().selectedNodes) {
    const ref = parseKey(key);
    const index = ref?.kind === 'job' ? graph.indexById.get(ref.id) : undefined;
    if (index !== undefined) start.push(index);
  }
  if (start.length === 0) return 0;
  const reached = direction === 'upstream' ? upstream(graph, start) : downstream(graph, start);
  const keys = new Set([...uiStore.getState().selectedNodes, ...reached.map((i) => jobKey(workflow.jobs[i]!.id))]);
  select(keys);
  return keys.size;
}

export function SearchPanel() {
  const workflow = useDocument((s) => s.doc.workflow);
  const diagnostics = useDiagnostics((s) => s.diagnostics);
  const [input, setInput] = useState('');
  const [isolated, setIsolated] = useState<string | null>(null);
  const box = useRef<HTMLInputElement>(null);
  const result = useMemo(
    () => searchWorkflow(workflow, parseSearchQuery(input), diagnostics),
    [workflow, input, diagnostics],
  );
  const hitKeys = useMemo(
    () => [...result.jobs.map((i) => jobKey(workflow.jobs[i]!.id)), ...result.files.map(fileKey)],
    [result, workflow],
  );

  useEffect(() => {
    focusSearchBox = () => {
      box.current?.focus();
      box.current?.select();
    };
    box.current?.focus();
    return () => {
      focusSearchBox = null;
      clearHighlight(OWNER);
    };
  }, []);

  useEffect(() => {
    if (isolated) {
      const graph = inferDependencies(workflow);
      const lineage = fileLineage(workflow, graph, isolated);
      const jobs = [...lineage.upstream, ...lineage.downstream].map((i) => workflow.jobs[i]!);
      const files = new Set<string>([isolated]);
      for (const job of jobs) for (const use of job.uses) files.add(use.lfn);
      setHighlight(
        OWNER,
        [
          { keys: [...jobs.map((j) => jobKey(j.id)), ...[...files].map(fileKey)], style: 'opacity: 1' },
          { keys: [fileKey(isolated)], style: HIT_STYLE },
        ],
        true,
      );
    } else setHighlight(OWNER, [{ keys: hitKeys, style: HIT_STYLE }]);
  }, [hitKeys, isolated, workflow]);

  return (
    <section className="dock-scroll" aria-label="Search" data-testid="search-panel">
      <input
        ref={box}
        type="search"
        value={input}
        placeholder="Search: text, or id: tx: file: label: diag:"
        aria-label="Search jobs and files"
        data-testid="search-input"
        onChange={(e) => setInput(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') select(hitKeys);
        }}
        size={40}
      />
      <p className="muted" data-testid="search-count">
        {input.trim() === ''
          ? 'Type to search.'
          : `${result.jobs.length} ${result.jobs.length === 1 ? 'job' : 'jobs'}, ${result.files.length} ${result.files.length === 1 ? 'file' : 'files'}`}
      </p>
      <div className="buttons">
        <button
          type="button"
          disabled={hitKeys.length === 0}
          onClick={() => select(hitKeys)}
          data-testid="search-select"
        >
          Select hits
        </button>
        <button
          type="button"
          onClick={() => selectAlong('upstream')}
          title="Add every job the selected jobs depend on"
          data-testid="select-upstream"
        >
          + Upstream
        </button>
        <button
          type="button"
          onClick={() => selectAlong('downstream')}
          title="Add every job that depends on the selected jobs"
          data-testid="select-downstream"
        >
          + Downstream
        </button>
        {isolated && (
          <button type="button" onClick={() => setIsolated(null)} data-testid="lineage-clear">
            Show all
          </button>
        )}
      </div>
      {isolated && (
        <p data-testid="lineage-of">Lineage of {isolated}: the jobs that lead to it and the jobs that use it.</p>
      )}
      <ul className="authoring-list" data-testid="search-jobs">
        {result.jobs.slice(0, SHOWN).map((index) => {
          const job = workflow.jobs[index]!;
          return (
            <li key={`j${index}`}>
              <button type="button" className="link" onClick={() => focusNode(jobKey(job.id))}>
                {job.id}
              </button>
            </li>
          );
        })}
      </ul>
      <ul className="authoring-list" data-testid="search-files">
        {result.files.slice(0, SHOWN).map((lfn) => (
          <li key={`f${lfn}`}>
            <button type="button" className="link" onClick={() => focusNode(fileKey(lfn))}>
              {lfn}
            </button>{' '}
            <button
              type="button"
              onClick={() => setIsolated(lfn)}
              title="Dim everything but the jobs that lead to this file and use it"
              data-testid={`isolate-${lfn}`}
            >
              Lineage
            </button>
          </li>
        ))}
      </ul>
      {result.jobs.length + result.files.length > 2 * SHOWN && (
        <p className="muted">Only the first {SHOWN} of each are listed; all are outlined.</p>
      )}
    </section>
  );
}
