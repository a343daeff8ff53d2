/** Properties of one file: its name (renamed everywhere), who writes and reads it, its replicas. */
import { memo } from 'react';
import { jobKey, renameFile } from '../../shared/edit';
import type { Replica } from '../../shared/model';
import type { FileInfo } from '../canvas/graph-model';
import { applyEdit, documentStore, useDocument } from '../store/document-store';
import { focusNode, select, toast } from '../store/ui-store';
import { TextField } from './fields';

const ROLE = { input: 'Raw input', intermediate: 'Intermediate', output: 'Output', unused: 'Not used by any job' } as const;

export const FileProperties = memo(function FileProperties({ lfn, info }: { lfn: string; info: FileInfo | undefined }) {
  const embedded = useDocument((s) => s.doc.workflow.replicaCatalog);
  const beside = useDocument((s) => s.catalogs.replicas);
  const replicas: Array<Replica & { where: string }> = [
    ...(embedded?.replicas ?? []).filter((r) => !r.regex && r.lfn === lfn).map((r) => ({ ...r, where: 'in the workflow' })),
    ...(beside?.replicas ?? []).filter((r) => !r.regex && r.lfn === lfn).map((r) => ({ ...r, where: 'replicas.yml' })),
  ];
  const jobList = (ids: string[] | undefined) =>
    (ids ?? []).length === 0 ? (
      <span className="muted">none</span>
    ) : (
      (ids ?? []).map((id) => (
        <button key={id} type="button" className="chip chip-job" onClick={() => focusNode(jobKey(id))}>
          {id}
        </button>
      ))
    );
  return (
    <div className="properties" data-testid="file-properties">
      <h2>File</h2>
      <TextField
        label="LFN (renames it everywhere)"
        value={lfn}
        testId="prop-file-lfn"
        onCommit={(to) => {
          const result = renameFile(documentStore.getState().doc, lfn, to.trim());
          const reason = applyEdit(result);
          if (reason) toast(reason, 'error');
          else if (result.ok && result.select) select(result.select);
        }}
      />
      <p data-testid="prop-file-role">
        {ROLE[info?.role ?? 'unused']}
        {info?.role === 'input' && (info.hasReplica ? ', with a replica to stage in' : ', with no replica: the planner will not find it')}
        {info?.stagedOut && ', staged out'}
      </p>
      <h3>Written by</h3>
      <div className="chips">{jobList(info?.producers)}</div>
      <h3>Read by</h3>
      <div className="chips">{jobList(info?.consumers)}</div>
      <h3>Replicas</h3>
      {replicas.length === 0 ? (
        <p className="muted">No replica catalog entry.</p>
      ) : (
        <table className="replicas">
          <thead>
            <tr>
              <th>Site</th>
              <th>PFN</th>
              <th>Catalog</th>
            </tr>
          </thead>
          <tbody>
            {replicas.flatMap((r, i) =>
              r.pfns.map((p, j) => (
                <tr key={`${i}-${j}`}>
                  <td>{p.site}</td>
                  <td className="mono">{p.pfn}</td>
                  <td>{r.where}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
    </div>
  );
});
