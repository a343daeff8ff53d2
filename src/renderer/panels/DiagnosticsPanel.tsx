/** Diagnostics of the document from the core's validation; clicking one selects and centres its target. */
import { memo } from 'react';
import type { Diagnostic } from '../../shared/model';
import { diagnosticNodeKey, useDiagnostics } from '../store/diagnostics-store';
import { focusNode, select } from '../store/ui-store';

function targetText(d: Diagnostic): string {
  const t = d.target;
  if (!t) return '';
  switch (t.kind) {
    case 'job':
      return `job ${t.jobId}${t.field ? ` · ${t.field}` : ''}`;
    case 'file':
      return `file ${t.lfn}${t.jobId ? ` in ${t.jobId}` : ''}`;
    case 'dependency':
      return `${t.parent} → ${t.child}`;
    case 'transformation':
      return `transformation ${t.key}`;
    case 'site':
      return `site ${t.name}`;
    case 'replica':
      return `replica ${t.lfn}`;
    case 'container':
      return `container ${t.name}`;
    default:
      return 'workflow';
  }
}

function activate(d: Diagnostic): void {
  const key = diagnosticNodeKey(d);
  if (key) focusNode(key);
  else select([]);
}

const Row = memo(function Row({ d }: { d: Diagnostic }) {
  return (
    <li>
      <button type="button" className={`diagnostic diagnostic-${d.severity}`} data-testid="diagnostic" data-code={d.code} data-severity={d.severity} onClick={() => activate(d)}>
        <span className="diagnostic-severity" aria-label={d.severity}>
          {d.severity === 'error' ? '●' : d.severity === 'warning' ? '▲' : 'i'}
        </span>
        <span className="diagnostic-code">{d.code}</span>
        <span className="diagnostic-message">{d.message}</span>
        <span className="diagnostic-target">{targetText(d)}</span>
      </button>
    </li>
  );
});

/** Shown at most; the count says how many there are in all. */
const LIMIT = 500;

export const DiagnosticsPanel = memo(function DiagnosticsPanel() {
  const diagnostics = useDiagnostics((s) => s.diagnostics);
  const millis = useDiagnostics((s) => s.millis);
  const pending = useDiagnostics((s) => s.pending);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  return (
    <section className="panel diagnostics" aria-label="Diagnostics" data-testid="diagnostics-panel" data-pending={pending}>
      <h2 title={`Checked in ${millis.toFixed(0)} ms`}>
        Diagnostics <span className="count">{errors} errors, {warnings} warnings</span>
        {pending && <span className="count muted"> · checking…</span>}
      </h2>
      {diagnostics.length === 0 ? (
        <p className="muted">No problems found.</p>
      ) : (
        <ul>
          {diagnostics.slice(0, LIMIT).map((d, i) => (
            <Row key={i} d={d} />
          ))}
          {diagnostics.length > LIMIT && <li className="muted">and {diagnostics.length - LIMIT} more</li>}
        </ul>
      )}
    </section>
  );
});
