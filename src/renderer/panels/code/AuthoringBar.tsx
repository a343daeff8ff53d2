/**
 * The authoring commands under the toolbar: the YAML view, catalogs, sweep, search, compare
 * and the exports menu; and the authoring dialogs they open.
 */
import { parseKey } from '../../../shared/edit';
import { ExportMenu } from '../../export/ExportMenu';
import { useUi } from '../../store/ui-store';
import { useEffect } from 'react';
import { focusSearch } from '../search/SearchPanel';
import { SweepDialog } from '../sweep/SweepDialog';
import { dockStore, openAuthoringDialog, showPanel, togglePanel, useDock } from './dock-store';

/** The one selected job, if exactly one job is selected. */
function useSelectedJob(): string | undefined {
  return useUi((s) => {
    if (s.selectedNodes.size !== 1) return undefined;
    const ref = parseKey([...s.selectedNodes][0]!);
    return ref?.kind === 'job' ? ref.id : undefined;
  });
}

export function AuthoringBar() {
  const panel = useDock((s) => s.panel);
  const dialog = useDock((s) => s.dialog);
  const selectedJob = useSelectedJob();

  // Ctrl+F (Cmd+F): the search panel, its box focused. Capture, so the browser's own find stays out.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== 'f') return;
      if (event.target instanceof Element && event.target.closest('.monaco-editor')) return; // Monaco's own find.
      event.preventDefault();
      if (dockStore.getState().panel === 'search') focusSearch();
      else showPanel('search');
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
  return (
    <nav className="authoring-bar" aria-label="Authoring">
      <button type="button" aria-pressed={panel === 'code'} onClick={() => togglePanel('code')} title="The workflow's YAML beside the canvas, in sync both ways" data-testid="toggle-code">
        YAML
      </button>
      <button type="button" aria-pressed={panel === 'catalogs'} onClick={() => togglePanel('catalogs')} title="Replica, transformation, container and site catalogs" data-testid="toggle-catalogs">
        Catalogs
      </button>
      <button
        type="button"
        disabled={!selectedJob}
        onClick={() => selectedJob && openAuthoringDialog({ kind: 'sweep', jobId: selectedJob })}
        title="Make many jobs from the selected job, over lists or ranges of values"
        data-testid="open-sweep"
      >
        Sweep…
      </button>
      <button type="button" aria-pressed={panel === 'compare'} onClick={() => togglePanel('compare')} title="Jobs, files and dependencies added, removed and changed against a file" data-testid="toggle-compare">
        Compare
      </button>
      <button type="button" aria-pressed={panel === 'search'} onClick={() => togglePanel('search')} title="Find jobs and files; select upstream and downstream; isolate a file's lineage (Ctrl+F)" data-testid="toggle-search">
        Search
      </button>
      <ExportMenu />
      {dialog?.kind === 'sweep' && <SweepDialog jobId={dialog.jobId} />}
    </nav>
  );
}
