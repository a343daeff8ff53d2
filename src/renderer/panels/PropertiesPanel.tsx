/** The Properties panel: the selected job or file, or a summary of the workflow. */
import { memo, useMemo } from 'react';
import { parseKey, renameWorkflow } from '../../shared/edit';
import { graphModel } from '../canvas/graph-model';
import { INDEX_MIN_JOBS, currentCanvasIndex, jobWithId } from '../canvas/scale/canvas-index-store';
import { applyEdit, documentStore, useDocument } from '../store/document-store';
import { toast, useUi } from '../store/ui-store';
import { TextField } from './fields';
import { FileProperties } from './FileProperties';
import { JobProperties } from './JobProperties';

export const PropertiesPanel = memo(function PropertiesPanel() {
  const selected = useUi((s) => s.selectedNodes);
  const workflow = useDocument((s) => s.doc.workflow);
  const catalogs = useDocument((s) => s.catalogs);
  // A large document's file facts come from the canvas's index, kept in step with the edits,
  // instead of a pass over every job per edit.
  const indexed = workflow.jobs.length > INDEX_MIN_JOBS;
  const index = indexed ? currentCanvasIndex() : null;
  const model = useMemo(() => (indexed ? null : graphModel(workflow, catalogs)), [indexed, workflow, catalogs]);
  if (selected.size > 1) {
    return (
      <section className="panel" aria-label="Properties">
        <h2>{selected.size} items selected</h2>
        <p className="muted">Delete, duplicate or copy them, or drag to move them together.</p>
      </section>
    );
  }
  const ref = selected.size === 1 ? parseKey([...selected][0]!) : undefined;
  let body;
  if (ref?.kind === 'job') {
    const job = jobWithId(workflow, ref.id);
    body = job ? <JobProperties key={job.id} job={job} /> : null;
  } else if (ref?.kind === 'file') {
    body = <FileProperties key={ref.lfn} lfn={ref.lfn} info={model ? model.files.get(ref.lfn) : index?.fileInfo(ref.lfn)} />;
  }
  return (
    <section className="panel" aria-label="Properties">
      {body ?? (
        <div className="properties">
          <h2>Workflow</h2>
          <TextField
            label="Name"
            value={workflow.name}
            testId="prop-workflow-name"
            onCommit={(name) => {
              const reason = applyEdit(renameWorkflow(documentStore.getState().doc, name));
              if (reason) toast(reason, 'error');
            }}
          />
          <p>
            {workflow.jobs.length} jobs, {model ? model.files.size : (index?.fileCount ?? '…')} files
            {model && `, ${model.graph.targets.length} dependencies`}
          </p>
          <p className="muted">Select a job or a file to see and edit its properties.</p>
        </div>
      )}
    </section>
  );
});
