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
      <button
        type="button"
        className={`diagnostic diagnostic-${d.severity}`}
        data-testid="diagnostic"
        data-code={d.code}
        data-severity={d.severity}
        onClick={() => activate(d)}
      >
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

/**
 * Shown at most; the count says how many there are in all. A 10^5-job workflow can have
 * 20,000 warnings: the list shows the first rows (errors come first), keyed by the
 * diagnostics' stable keys, so an edit re-renders only the rows that changed.
 */
const LIMIT = 500;

export const DiagnosticsPanel = memo(function DiagnosticsPanel() {
  const diagnostics = useDiagnostics((s) => s.diagnostics);
  const keys = useDiagnostics((s) => s.keys);
  const errors = useDiagnostics((s) => s.errors);
  const warnings = useDiagnostics((s) => s.warnings);
  const millis = useDiagnostics((s) => s.millis);
  const pending = useDiagnostics((s) => s.pending);
  const shown = Math.min(LIMIT, diagnostics.length);
  const rows = [];
  for (let i = 0; i < shown; i++) rows.push(<Row key={keys[i] ?? i} d={diagnostics[i]!} />);
  return (
    <section
      className="panel diagnostics"
      aria-label="Diagnostics"
      data-testid="diagnostics-panel"
      data-pending={pending}
    >
      <h2 title={`Checked in ${millis.toFixed(0)} ms`}>
        Diagnostics{' '}
        <span className="count">
          {errors} errors, {warnings} warnings
        </span>
        {pending && <span className="count muted"> · checking…</span>}
      </h2>
      {diagnostics.length === 0 ? (
        <p className="muted">No problems found.</p>
      ) : (
        <ul>
          {rows}
          {diagnostics.length > LIMIT && <li className="muted">and {diagnostics.length - LIMIT} more</li>}
        </ul>
      )}
    </section>
  );
});
