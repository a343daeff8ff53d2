/** Properties of one job: every field of the model, each edit one undoable step. */
import { memo } from 'react';
import { fileKey, renameJob, updateJob } from '../../shared/edit';
import { type FileUse, type Job, type LinkType, PROFILE_NAMESPACES, type ProfileNamespace, type Profiles, type Scalar, scalarText } from '../../shared/model';
import { applyEdit, documentStore } from '../store/document-store';
import { focusNode, select, toast } from '../store/ui-store';
import { CheckField, TextArea, TextField, linesToRecord, parseScalar, recordToLines } from './fields';

function commit(jobId: string, change: (job: Job) => Job, label: string): void {
  const doc = documentStore.getState().doc;
  const job = doc.workflow.jobs.find((j) => j.id === jobId);
  if (!job) return;
  const reason = applyEdit(updateJob(doc, jobId, change(job), label));
  if (reason) toast(reason, 'error');
}

function withOptional<T extends object, K extends keyof T>(object: T, key: K, value: T[K] | undefined): T {
  const next = { ...object } as Record<PropertyKey, unknown>;
  if (value === undefined || value === '') delete next[key as PropertyKey];
  else next[key as PropertyKey] = value;
  return next as T;
}

/** Sets or clears one profile key. */
function withProfile(job: Job, namespace: ProfileNamespace, key: string, value: Scalar | undefined): Job {
  const profiles: Profiles = { ...(job.profiles ?? {}) };
  const entries = { ...(profiles[namespace] ?? {}) };
  if (value === undefined) delete entries[key];
  else entries[key] = value;
  if (Object.keys(entries).length === 0) delete profiles[namespace];
  else profiles[namespace] = entries;
  return Object.keys(profiles).length === 0 ? withOptional(job, 'profiles', undefined) : { ...job, profiles };
}

const RESOURCES: Array<{ label: string; namespace: ProfileNamespace; key: string; hint: string }> = [
  { label: 'Cores', namespace: 'pegasus', key: 'cores', hint: 'pegasus.cores' },
  { label: 'Memory (MB)', namespace: 'pegasus', key: 'memory', hint: 'pegasus.memory' },
  { label: 'Disk (MB)', namespace: 'pegasus', key: 'diskspace', hint: 'pegasus.diskspace' },
  { label: 'Runtime (s)', namespace: 'pegasus', key: 'runtime', hint: 'pegasus.runtime' },
  { label: 'Retries', namespace: 'dagman', key: 'retry', hint: 'dagman.retry' },
];

const LINK_TYPES: LinkType[] = ['input', 'output', 'checkpoint', 'inout'];

export const JobProperties = memo(function JobProperties({ job }: { job: Job }) {
  const id = job.id;
  const usedFiles = new Set(job.uses.map((u) => u.lfn));
  const setUse = (index: number, next: FileUse | undefined, label: string) =>
    commit(id, (j) => ({ ...j, uses: next ? j.uses.map((u, i) => (i === index ? next : u)) : j.uses.filter((_, i) => i !== index) }), label);
  return (
    <div className="properties" data-testid="job-properties">
      <h2>{job.type === 'job' ? 'Job' : job.type === 'pegasusWorkflow' ? 'Sub-workflow (Pegasus)' : 'Sub-workflow (DAG)'}</h2>
      <TextField
        label="Id"
        value={id}
        testId="prop-job-id"
        onCommit={(to) => {
          const result = renameJob(documentStore.getState().doc, id, to.trim());
          const reason = applyEdit(result);
          if (reason) toast(reason, 'error');
          else if (result.ok && result.select) select(result.select);
        }}
      />
      {job.type === 'job' ? (
        <fieldset>
          <legend>Transformation</legend>
          <TextField label="Namespace" value={job.namespace ?? ''} testId="prop-job-namespace" onCommit={(v) => commit(id, (j) => withOptional(j as typeof job, 'namespace', v.trim()), 'Edit namespace')} />
          <TextField label="Name" value={job.name} testId="prop-job-name" onCommit={(v) => v.trim() && commit(id, (j) => ({ ...(j as typeof job), name: v.trim() }), 'Edit transformation')} />
          <TextField label="Version" value={job.version ?? ''} testId="prop-job-version" onCommit={(v) => commit(id, (j) => withOptional(j as typeof job, 'version', v.trim()), 'Edit version')} />
        </fieldset>
      ) : (
        <TextField label="Workflow file (LFN)" value={job.file} testId="prop-job-file" onCommit={(v) => v.trim() && commit(id, (j) => ({ ...j, file: v.trim() }) as Job, 'Edit sub-workflow file')} />
      )}
      <TextField label="Label" value={job.nodeLabel ?? ''} onCommit={(v) => commit(id, (j) => withOptional(j, 'nodeLabel', v), 'Edit label')} />

      <h3>Arguments</h3>
      <div className="chips" aria-label="Arguments">
        {job.arguments.length === 0 && <span className="muted">none</span>}
        {job.arguments.map((a, i) => {
          const text = typeof a === 'object' ? a.text : String(a);
          return usedFiles.has(text) ? (
            <button key={i} type="button" className="chip chip-file" title="A file this job uses: show it" onClick={() => focusNode(fileKey(text))}>
              {text}
            </button>
          ) : (
            <span key={i} className="chip">
              {text}
            </span>
          );
        })}
      </div>
      <TextArea
        label="One argument per line"
        value={job.arguments.map((a) => (typeof a === 'object' ? a.text : String(a))).join('\n')}
        testId="prop-job-arguments"
        hint="Ctrl+Enter or leave the field to apply"
        onCommit={(text) => commit(id, (j) => ({ ...j, arguments: text === '' ? [] : text.split('\n').map((line, i) => keepArgument(j.arguments[i], line)) }), 'Edit arguments')}
      />

      <h3>Resources</h3>
      <div className="grid2">
        {RESOURCES.map((r) => {
          const value = job.profiles?.[r.namespace]?.[r.key];
          return (
            <TextField
              key={r.hint}
              label={r.label}
              value={value === undefined ? '' : scalarText(value)}
              placeholder={r.hint}
              testId={`prop-${r.key}`}
              onCommit={(v) => commit(id, (j) => withProfile(j, r.namespace, r.key, v.trim() === '' ? undefined : parseScalar(v.trim())), `Edit ${r.label.toLowerCase()}`)}
            />
          );
        })}
      </div>

      <h3>Files</h3>
      <table className="uses" data-testid="prop-uses">
        <thead>
          <tr>
            <th>LFN</th>
            <th>Type</th>
            <th title="Stage out to the output site">Stage out</th>
            <th title="Register in the replica catalog">Register</th>
            <th title="The job may not produce it">Optional</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {job.uses.map((use, i) => (
            <tr key={`${use.lfn}-${i}`}>
              <td>
                <button type="button" className="link" onClick={() => focusNode(fileKey(use.lfn))}>
                  {use.lfn}
                </button>
              </td>
              <td>
                <select aria-label={`Link type of ${use.lfn}`} value={use.type} onChange={(e) => setUse(i, { ...use, type: e.target.value as LinkType }, `Edit use of ${use.lfn}`)}>
                  {LINK_TYPES.map((t) => (
                    <option key={t}>{t}</option>
                  ))}
                  {!LINK_TYPES.includes(use.type) && <option>{use.type}</option>}
                </select>
              </td>
              <td>
                <CheckField label="" checked={use.stageOut ?? false} onChange={(c) => setUse(i, { ...use, stageOut: c }, `Edit use of ${use.lfn}`)} />
              </td>
              <td>
                <CheckField label="" checked={use.registerReplica ?? false} onChange={(c) => setUse(i, { ...use, registerReplica: c }, `Edit use of ${use.lfn}`)} />
              </td>
              <td>
                <CheckField label="" checked={use.optional ?? false} onChange={(c) => setUse(i, { ...use, optional: c }, `Edit use of ${use.lfn}`)} />
              </td>
              <td>
                <button type="button" className="icon" aria-label={`Stop using ${use.lfn}`} onClick={() => setUse(i, undefined, `Unwire ${use.lfn}`)}>
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3>Standard streams</h3>
      <TextField label="stdin" value={job.stdin ?? ''} placeholder="LFN" onCommit={(v) => commit(id, (j) => withOptional(j, 'stdin', v.trim()), 'Edit stdin')} />
      <TextField label="stdout" value={job.stdout ?? ''} placeholder="LFN" onCommit={(v) => commit(id, (j) => withOptional(j, 'stdout', v.trim()), 'Edit stdout')} />
      <TextField label="stderr" value={job.stderr ?? ''} placeholder="LFN" onCommit={(v) => commit(id, (j) => withOptional(j, 'stderr', v.trim()), 'Edit stderr')} />

      <h3>Profiles</h3>
      {PROFILE_NAMESPACES.filter((ns) => ns !== 'hints' && ns !== 'stat').map((ns) => (
        <TextArea
          key={ns}
          label={ns}
          rows={Math.max(1, Object.keys(job.profiles?.[ns] ?? {}).length)}
          value={recordToLines(job.profiles?.[ns])}
          hint="key = value, one per line"
          testId={`prop-profiles-${ns}`}
          onCommit={(text) =>
            commit(
              id,
              (j) => {
                const entries = linesToRecord(text);
                const profiles: Profiles = { ...(j.profiles ?? {}) };
                if (Object.keys(entries).length === 0) delete profiles[ns];
                else profiles[ns] = entries;
                return Object.keys(profiles).length === 0 ? withOptional(j, 'profiles', undefined) : { ...j, profiles };
              },
              `Edit ${ns} profiles`,
            )
          }
        />
      ))}

      <h3>Metadata</h3>
      <TextArea
        label="key = value"
        value={recordToLines(job.metadata)}
        testId="prop-metadata"
        onCommit={(text) => {
          const metadata = linesToRecord(text);
          commit(id, (j) => (Object.keys(metadata).length === 0 ? withOptional(j, 'metadata', undefined) : { ...j, metadata }), 'Edit metadata');
        }}
      />
      {job.hooks && job.hooks.shell.length > 0 && (
        <p className="muted">
          {job.hooks.shell.length} shell hook{job.hooks.shell.length === 1 ? '' : 's'}: {job.hooks.shell.map((h) => `${h.on}: ${h.cmd}`).join('; ')}
        </p>
      )}
    </div>
  );
});

/** Keeps a number argument a number when its text did not change. */
function keepArgument(previous: Job['arguments'][number] | undefined, line: string): Job['arguments'][number] {
  if (previous !== undefined && (typeof previous === 'object' ? previous.text : String(previous)) === line) return previous;
  return line;
}
