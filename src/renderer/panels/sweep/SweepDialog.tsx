/**
 * The sweep dialog: from one selected job, N jobs with their files named from patterns
 * (`{sample}_aligned.bam`), as Snakemake's expand does. Shows how many jobs it will make and
 * why it cannot, as it is typed; Make applies it as one undo step.
 */
import { useMemo, useState } from 'react';
import { applyEdit, documentStore, useDocument } from '../../store/document-store';
import { select, toast } from '../../store/ui-store';
import { openAuthoringDialog } from '../code/dock-store';
import { AuthoringModal } from '../code/AuthoringModal';
import { type SweepForm, readSweepSpec, sweepEdit } from './sweep-edit';

export function SweepDialog({ jobId }: { jobId: string }) {
  const job = useDocument((s) => s.doc.workflow.jobs.find((j) => j.id === jobId));
  const [form, setForm] = useState<SweepForm>(() => ({
    variables: [{ name: 'sample', values: '' }],
    combine: 'product',
    idPattern: '',
    filePatterns: {},
    keepTemplate: false,
  }));
  const reading = useMemo(() => readSweepSpec(form), [form]);
  const check = useMemo(
    () => (reading.ok && job ? sweepEdit(documentStore.getState().doc, jobId, form) : undefined),
    [reading, form, job, jobId],
  );
  if (!job) return null;
  const close = () => openAuthoringDialog(null);
  const setRow = (index: number, key: 'name' | 'values', value: string) =>
    setForm((f) => ({ ...f, variables: f.variables.map((row, i) => (i === index ? { ...row, [key]: value } : row)) }));
  const problem = !reading.ok ? reading.message : check && !check.ok ? check.reason : undefined;
  const make = () => {
    const result = sweepEdit(documentStore.getState().doc, jobId, form);
    const reason = applyEdit(result);
    if (reason) {
      toast(reason, 'error');
      return;
    }
    if (result.ok && result.select) select(result.select);
    close();
  };
  return (
    <AuthoringModal title={`Sweep ${jobId}`} testId="sweep-dialog" onClose={close}>
      <p className="muted">
        Each variable gets a list (<code>A, B, C</code>) or a range (<code>1..10</code>). Put <code>{'{name}'}</code> in
        the file names and the job id.
      </p>
      <table className="sweep-variables">
        <thead>
          <tr>
            <th>Variable</th>
            <th>Values</th>
          </tr>
        </thead>
        <tbody>
          {form.variables.map((row, i) => (
            <tr key={i}>
              <td>
                <input
                  aria-label={`Variable ${i + 1} name`}
                  value={row.name}
                  data-testid={`sweep-var-name-${i}`}
                  onChange={(e) => setRow(i, 'name', e.target.value)}
                />
              </td>
              <td>
                <input
                  aria-label={`Variable ${i + 1} values`}
                  value={row.values}
                  placeholder="A, B, C or 1..10"
                  data-testid={`sweep-var-values-${i}`}
                  onChange={(e) => setRow(i, 'values', e.target.value)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        onClick={() => setForm((f) => ({ ...f, variables: [...f.variables, { name: '', values: '' }] }))}
      >
        Add a variable
      </button>
      <div className="form-grid">
        <label htmlFor="sweep-combine">Combine</label>
        <select
          id="sweep-combine"
          value={form.combine}
          data-testid="sweep-combine"
          onChange={(e) => setForm((f) => ({ ...f, combine: e.target.value as SweepForm['combine'] }))}
        >
          <option value="product">Every combination</option>
          <option value="zip">In step (zip)</option>
        </select>
        <label htmlFor="sweep-id">Job id pattern</label>
        <input
          id="sweep-id"
          value={form.idPattern}
          placeholder={`${jobId}_{${form.variables[0]?.name || 'sample'}}`}
          data-testid="sweep-id-pattern"
          onChange={(e) => setForm((f) => ({ ...f, idPattern: e.target.value }))}
        />
        {job.uses.map((use) => (
          <FilePattern
            key={use.lfn}
            lfn={use.lfn}
            value={form.filePatterns[use.lfn] ?? ''}
            onChange={(v) => setForm((f) => ({ ...f, filePatterns: { ...f.filePatterns, [use.lfn]: v } }))}
          />
        ))}
        <label htmlFor="sweep-keep">Keep {jobId}</label>
        <input
          id="sweep-keep"
          type="checkbox"
          checked={form.keepTemplate}
          onChange={(e) => setForm((f) => ({ ...f, keepTemplate: e.target.checked }))}
        />
      </div>
      <p data-testid="sweep-preview" aria-live="polite">
        {reading.ok ? `${reading.count} ${reading.count === 1 ? 'job' : 'jobs'}` : ''}
        {problem && <span className="field-issue"> {problem}</span>}
      </p>
      <div className="buttons">
        <button type="button" onClick={close}>
          Cancel
        </button>
        <button type="button" disabled={!check?.ok} onClick={make} data-testid="sweep-make">
          Make {reading.ok ? reading.count : ''} jobs
        </button>
      </div>
    </AuthoringModal>
  );
}

function FilePattern({ lfn, value, onChange }: { lfn: string; value: string; onChange: (v: string) => void }) {
  const id = `sweep-file-${lfn}`;
  return (
    <>
      <label htmlFor={id}>File {lfn}</label>
      <input
        id={id}
        value={value}
        placeholder={`${lfn} (same for every job)`}
        data-testid={`sweep-file-${lfn}`}
        onChange={(e) => onChange(e.target.value)}
      />
    </>
  );
}
