/**
 * Sub-workflows: double-clicking a pegasusWorkflow job opens its workflow file, with a
 * breadcrumb back to the parent; double-clicking a condorWorkflow job shows its DAG file.
 * A sub-workflow job's planner arguments are edited as fields (PlannerArgsFields).
 */
import { useEffect } from 'react';
import { parseKey } from '../../../shared/edit';
import { openPath } from '../../commands/file-commands';
import { documentStore } from '../../store/document-store';
import { toast } from '../../store/ui-store';
import { openAuthoringDialog } from '../code/dock-store';
import { subWorkflowFile } from './local-paths';
import { startTrailFollowing, trailStore, useTrail } from './subworkflow-store';

/** Opens the workflow of sub-workflow job `jobId` (or shows its DAG file). */
export async function openSubWorkflow(jobId: string): Promise<void> {
  const state = documentStore.getState();
  const job = state.doc.workflow.jobs.find((j) => j.id === jobId);
  if (!job || job.type === 'job') return;
  const file = subWorkflowFile(job, state.doc.workflow, state.catalogs, state.file?.path);
  if (!file) {
    toast(`${job.file} is not on this machine: add a replica at site local, or put it beside the workflow.`, 'error');
    return;
  }
  if (job.type === 'condorWorkflow') {
    openAuthoringDialog({ kind: 'dag', jobId, path: file });
    return;
  }
  const trail = trailStore.getState().trail;
  const here = state.file ? { path: state.file.path, name: state.name, viaJob: jobId } : null;
  const base =
    trail.length > 0 ? [...trail.slice(0, -1), { ...trail[trail.length - 1]!, viaJob: jobId }] : here ? [here] : [];
  if (await openPath(file)) {
    const opened = documentStore.getState();
    trailStore.setState({ trail: [...base, { path: opened.file?.path ?? file, name: opened.name }] });
  }
}

async function goBack(index: number): Promise<void> {
  const trail = trailStore.getState().trail;
  const crumb = trail[index];
  if (!crumb) return;
  const kept = trail.slice(0, index + 1);
  // Set first: the load must find itself as the last crumb.
  trailStore.setState({ trail: kept });
  if (!(await openPath(crumb.path))) trailStore.setState({ trail });
}

export function SubWorkflowBar() {
  const trail = useTrail();

  useEffect(() => {
    const stop = startTrailFollowing();
    const onDoubleClick = (event: MouseEvent) => {
      const element = event.target instanceof Element ? event.target.closest('.react-flow__node') : null;
      const ref = parseKey(element?.getAttribute('data-id') ?? '');
      if (ref?.kind !== 'job') return;
      const job = documentStore.getState().doc.workflow.jobs.find((j) => j.id === ref.id);
      if (!job || job.type === 'job') return;
      event.preventDefault();
      void openSubWorkflow(ref.id);
    };
    window.addEventListener('dblclick', onDoubleClick, true);
    return () => {
      stop();
      window.removeEventListener('dblclick', onDoubleClick, true);
    };
  }, []);

  if (trail.length < 2) return null;
  return (
    <nav className="breadcrumb" aria-label="Sub-workflows" data-testid="breadcrumb">
      {trail.map((crumb, index) => (
        <span key={`${index}:${crumb.path}`}>
          {index > 0 && <span aria-hidden="true"> › </span>}
          {index < trail.length - 1 ? (
            <button
              type="button"
              className="link"
              onClick={() => void goBack(index)}
              title={crumb.path}
              data-testid={`crumb-${index}`}
            >
              {crumb.name}
              {crumb.viaJob ? ` (${crumb.viaJob})` : ''}
            </button>
          ) : (
            <strong aria-current="page">{crumb.name}</strong>
          )}
        </span>
      ))}
    </nav>
  );
}
