/**
 * The authoring commands under the toolbar: the YAML view, catalogs, sweep, search, compare
 * and the exports menu; and the authoring dialogs they open.
 */
import { parseKey } from '../../../shared/edit';
import { ExportMenu } from '../../export/ExportMenu';
import { useUi } from '../../store/ui-store';
import { useEffect, useMemo, type ReactNode } from 'react';
import { jobWithId } from '../../canvas/scale/canvas-index-store';
import { focusSearch } from '../search/SearchPanel';
import { SweepDialog } from '../sweep/SweepDialog';
import { scriptFile } from '../subworkflow/local-paths';
import { SubWorkflowBar, openSubWorkflow } from '../subworkflow/SubWorkflowBar';
import { TextFileDialog } from '../subworkflow/TextFileDialog';
import { PlannerArgsDialog } from '../subworkflow/PlannerArgsDialog';
import { useDocument } from '../../store/document-store';
import { dockStore, openAuthoringDialog, showPanel, togglePanel, useDock, type DockPanel } from './dock-store';

/** The one selected job, if exactly one job is selected. */
function useSelectedJob(): string | undefined {
  return useUi((s) => {
    if (s.selectedNodes.size !== 1) return undefined;
    const ref = parseKey([...s.selectedNodes][0]!);
    return ref?.kind === 'job' ? ref.id : undefined;
  });
}

/** A button that opens or closes one dock panel, pressed while that panel is open. */
function PanelToggle({ panel, open, title, children }: { panel: DockPanel; open: DockPanel | null; title: string; children: ReactNode }) {
  return (
    <button type="button" aria-pressed={open === panel} onClick={() => togglePanel(panel)} title={title} data-testid={`toggle-${panel}`}>
      {children}
    </button>
  );
}

export function AuthoringBar() {
  const panel = useDock((s) => s.panel);
  const dialog = useDock((s) => s.dialog);
  const selectedJob = useSelectedJob();
  // Selectors run on every store change: they pick references, and the job is looked up on
  // render, through the canvas index of a large document (no scan of 10^5 jobs per edit).
  const workflow = useDocument((s) => s.doc.workflow);
  const catalogs = useDocument((s) => s.catalogs);
  const path = useDocument((s) => s.file?.path);
  const job = useMemo(() => (selectedJob ? jobWithId(workflow, selectedJob) : undefined), [workflow, selectedJob]);
  const selectedKind = job?.type;
  const script = useMemo(() => (job ? scriptFile(job, workflow, catalogs, path) : undefined), [job, workflow, catalogs, path]);

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
      <PanelToggle panel="code" open={panel} title="The workflow's YAML beside the canvas, in sync both ways">
        YAML
      </PanelToggle>
      <PanelToggle panel="catalogs" open={panel} title="Replica, transformation, container and site catalogs">
        Catalogs
      </PanelToggle>
      <button
        type="button"
        disabled={!selectedJob}
        onClick={() => selectedJob && openAuthoringDialog({ kind: 'sweep', jobId: selectedJob })}
        title="Make many jobs from the selected job, over lists or ranges of values"
        data-testid="open-sweep"
      >
        Sweep…
      </button>
      <PanelToggle panel="compare" open={panel} title="Jobs, files and dependencies added, removed and changed against a file">
        Compare
      </PanelToggle>
      <PanelToggle panel="search" open={panel} title="Find jobs and files; select upstream and downstream; isolate a file's lineage (Ctrl+F)">
        Search
      </PanelToggle>
      <ExportMenu />
      {selectedJob && selectedKind && selectedKind !== 'job' && (
        <button
          type="button"
          onClick={() => void openSubWorkflow(selectedJob)}
          title="Open the sub-workflow's file (or double-click the job)"
          data-testid="open-subworkflow"
        >
          {selectedKind === 'condorWorkflow' ? 'Show DAG' : 'Open sub-workflow'}
        </button>
      )}
      {selectedJob && selectedKind === 'pegasusWorkflow' && (
        <button
          type="button"
          onClick={() => openAuthoringDialog({ kind: 'planner', jobId: selectedJob })}
          title="pegasus-plan options of this sub-workflow, as fields"
          data-testid="open-planner-args"
        >
          Planner arguments…
        </button>
      )}
      {selectedJob && script && (
        <button
          type="button"
          onClick={() => openAuthoringDialog({ kind: 'script', jobId: selectedJob, path: script })}
          title={`Edit ${script}`}
          data-testid="open-script"
        >
          Edit script
        </button>
      )}
      {dialog?.kind === 'sweep' && <SweepDialog jobId={dialog.jobId} />}
      {dialog?.kind === 'script' && (
        <TextFileDialog path={dialog.path} readOnly={false} title={`Script of ${dialog.jobId}`} />
      )}
      {dialog?.kind === 'dag' && <TextFileDialog path={dialog.path} readOnly title={`DAG of ${dialog.jobId}`} />}
      {dialog?.kind === 'planner' && <PlannerArgsDialog jobId={dialog.jobId} />}
      <SubWorkflowBar />
    </nav>
  );
}
