/** The planner arguments of a pegasusWorkflow job as fields; Apply is one undo step. */
import { useState } from 'react';
import { updateJob } from '../../../shared/edit';
import { applyEdit, documentStore, useDocument } from '../../store/document-store';
import { toast } from '../../store/ui-store';
import { AuthoringModal } from '../code/AuthoringModal';
import { openAuthoringDialog } from '../code/dock-store';
import { PLANNER_OPTIONS, type PlannerFields, readPlannerArgs, writePlannerArgs } from './planner-args';

export function PlannerArgsDialog({ jobId }: { jobId: string }) {
  const job = useDocument((s) => s.doc.workflow.jobs.find((j) => j.id === jobId));
  const [fields, setFields] = useState<PlannerFields | null>(() => (job ? readPlannerArgs(job.arguments) : null));
  const close = () => openAuthoringDialog(null);
  if (!job || !fields) return null;
  const apply = () => {
    const current = documentStore.getState().doc.workflow.jobs.find((j) => j.id === jobId);
    if (!current) return;
    const reason = applyEdit(
      updateJob(
        documentStore.getState().doc,
        jobId,
        { ...current, arguments: writePlannerArgs(fields) },
        `Edit planner arguments of ${jobId}`,
      ),
    );
    if (reason) toast(reason, 'error');
    else close();
  };
  return (
    <AuthoringModal title={`Planner arguments of ${jobId}`} testId="planner-args-dialog" onClose={close}>
      {fields.opaque && (
        <p className="field-issue warning">
          Some arguments are files or numbers; they are kept as other arguments, as text.
        </p>
      )}
      <div className="form-grid">
        {PLANNER_OPTIONS.map((option) => (
          <FieldRow
            key={option.flag}
            label={`${option.label} (${option.flag})`}
            value={fields.values[option.flag] ?? ''}
            placeholder={option.placeholder}
            testId={`planner${option.flag}`}
            onChange={(v) => setFields({ ...fields, values: { ...fields.values, [option.flag]: v } })}
          />
        ))}
        <label htmlFor="planner-other">Other arguments (one a line)</label>
        <textarea
          id="planner-other"
          rows={3}
          value={fields.other.join('\n')}
          data-testid="planner-other"
          onChange={(e) => setFields({ ...fields, other: e.target.value.split('\n') })}
        />
      </div>
      <p className="muted">pegasus-plan {writePlannerArgs(fields).join(' ')}</p>
      <div className="buttons">
        <button type="button" onClick={close}>
          Cancel
        </button>
        <button type="button" onClick={apply} data-testid="planner-apply">
          Apply
        </button>
      </div>
    </AuthoringModal>
  );
}

function FieldRow({
  label,
  value,
  placeholder,
  testId,
  onChange,
}: {
  label: string;
  value: string;
  placeholder: string;
  testId: string;
  onChange: (v: string) => void;
}) {
  return (
    <>
      <label htmlFor={testId}>{label}</label>
      <input
        id={testId}
        value={value}
        placeholder={placeholder}
        data-testid={testId}
        onChange={(e) => onChange(e.target.value)}
      />
    </>
  );
}
