/**
 * Beside the Plan view: the plan options of the document as a form, the plan's diagnostics
 * (each pointing at its job on the canvas), and the plan report.
 */
import { memo, type ReactNode } from 'react';
import { formatBytes, formatDuration, type TransferTotals } from '../../../shared/formats/plan-report';
import type { Diagnostic } from '../../../shared/model';
import type { CleanupMode, DataConfiguration, PlanJobKind } from '../../../shared/plan';
import { KIND_LABEL } from '../../canvas/plan-view/plan-view-model';
import { diagnosticNodeKey } from '../../store/diagnostics-store';
import { focusNode } from '../../store/ui-store';
import { formatStagingSites, parseNames, parseStagingSites } from './plan-options';
import { setPlanOptions, setPlanView, usePlan } from './plan-store';

/** A text field that commits on blur or Enter, so typing does not plan on every key. */
function TextField({ label, value, onCommit, placeholder, testId }: { label: string; value: string; onCommit: (text: string) => void; placeholder?: string; testId: string }) {
  return (
    <label>
      <span>{label}</span>
      <input
        key={value}
        type="text"
        defaultValue={value}
        placeholder={placeholder}
        data-testid={testId}
        onBlur={(e) => e.target.value !== value && onCommit(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
      />
    </label>
  );
}

const DATA_CONFIGURATIONS: readonly DataConfiguration[] = ['condorio', 'nonsharedfs', 'sharedfs'];
const CLEANUP_MODES: readonly CleanupMode[] = ['inplace', 'leaf', 'none'];

/** A drop-down whose options read as their values. */
function Choice<T extends string>({ label, value, choices, testId, onChange }: { label: string; value: T; choices: readonly T[]; testId: string; onChange: (value: T) => void }) {
  return (
    <label>
      <span>{label}</span>
      <select value={value} data-testid={testId} onChange={(e) => onChange(e.target.value as T)}>
        {choices.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </label>
  );
}

function OptionsForm() {
  const options = usePlan((s) => s.options);
  const toggleCluster = (style: 'horizontal' | 'label', on: boolean): void =>
    setPlanOptions({ cluster: on ? [...options.cluster.filter((c) => c !== style), style] : options.cluster.filter((c) => c !== style) });
  return (
    <form className="plan-form" data-testid="plan-options" onSubmit={(e) => e.preventDefault()}>
      <TextField label="Sites" value={options.sites.join(', ')} placeholder="default (compute, or all but local)" testId="plan-sites" onCommit={(t) => setPlanOptions({ sites: parseNames(t) })} />
      <TextField
        label="Staging sites"
        value={formatStagingSites(options.stagingSites)}
        placeholder="exec=staging, …"
        testId="plan-staging-sites"
        onCommit={(t) => setPlanOptions({ stagingSites: parseStagingSites(t).map })}
      />
      <TextField label="Output sites" value={options.outputSites.join(', ')} placeholder="none: outputs stay in scratch" testId="plan-output-sites" onCommit={(t) => setPlanOptions({ outputSites: parseNames(t) })} />
      <Choice<DataConfiguration>
        label="Data configuration"
        value={options.dataConfiguration}
        choices={DATA_CONFIGURATIONS}
        testId="plan-data-configuration"
        onChange={(dataConfiguration) => setPlanOptions({ dataConfiguration })}
      />
      <Choice<CleanupMode> label="Cleanup" value={options.cleanup} choices={CLEANUP_MODES} testId="plan-cleanup" onChange={(cleanup) => setPlanOptions({ cleanup })} />
      <div className="checks">
        <span>Clustering</span>
        <label>
          <input type="checkbox" checked={options.cluster.includes('horizontal')} data-testid="plan-cluster-horizontal" onChange={(e) => toggleCluster('horizontal', e.target.checked)} /> horizontal
        </label>
        <label>
          <input type="checkbox" checked={options.cluster.includes('label')} data-testid="plan-cluster-label" onChange={(e) => toggleCluster('label', e.target.checked)} /> label
        </label>
        <label>
          <input type="checkbox" checked={options.force} data-testid="plan-force" onChange={(e) => setPlanOptions({ force: e.target.checked })} /> force
        </label>
      </div>
      <TextField label="Relative dir" value={options.relativeDir} placeholder="user/pegasus/NAME/run0001" testId="plan-relative-dir" onCommit={(t) => setPlanOptions({ relativeDir: t })} />
      <label>
        <span>Slots (makespan)</span>
        <input
          key={options.slots}
          type="number"
          min={1}
          max={100000}
          defaultValue={options.slots}
          data-testid="plan-slots"
          onBlur={(e) => {
            const n = Number(e.target.value);
            if (Number.isInteger(n) && n >= 1 && n <= 100000 && n !== options.slots) setPlanOptions({ slots: n });
          }}
          onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
        />
      </label>
    </form>
  );
}

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <tr>
      <td>{label}</td>
      <td data-testid={testId}>{children}</td>
    </tr>
  );
}

function transfers(t: TransferTotals): string {
  if (t.files === 0) return 'none';
  const bytes = t.files === t.unknownSizes ? 'size unknown' : `${formatBytes(t.bytes)}${t.unknownSizes > 0 ? ` + ${t.unknownSizes} of unknown size` : ''}`;
  return `${t.jobs} job${t.jobs === 1 ? '' : 's'}, ${t.files} file${t.files === 1 ? '' : 's'}, ${bytes}`;
}

function Report() {
  const report = usePlan((s) => s.report);
  const millis = usePlan((s) => s.millis);
  if (!report) return null;
  const kinds = Object.entries(report.jobsByKind) as Array<[PlanJobKind, number]>;
  return (
    <div className="plan-report" data-testid="plan-report">
      <h3>Plan report</h3>
      <table>
        <tbody>
          <Row label="Jobs" testId="report-jobs">{report.jobs}</Row>
          {kinds.map(([kind, count]) => (
            <Row key={kind} label={`  ${KIND_LABEL[kind]}`} testId={`report-kind-${kind}`}>
              {count}
            </Row>
          ))}
          {report.prunedJobs > 0 && <Row label="Pruned (data reuse)">{report.prunedJobs}</Row>}
          <Row label="Levels" testId="report-levels">{report.levels}</Row>
          <Row label="Width" testId="report-width">
            {report.width.jobs} (level {report.width.level})
          </Row>
          <Row label="Critical path" testId="report-critical-path">
            {formatDuration(report.criticalPath.seconds)}, {report.criticalPath.jobs.length} jobs
          </Row>
          <Row label="Stage-in" testId="report-stage-in">{transfers(report.transfers.stageIn)}</Row>
          <Row label="Inter-site">{transfers(report.transfers.interSite)}</Row>
          <Row label="Stage-out" testId="report-stage-out">{transfers(report.transfers.stageOut)}</Row>
          <Row label={`Makespan on ${report.makespan.slots} slot${report.makespan.slots === 1 ? '' : 's'}`} testId="report-makespan">
            {formatDuration(report.makespan.seconds)}
          </Row>
        </tbody>
      </table>
      {report.makespan.jobsWithoutRuntime > 0 && (
        <p className="muted">
          {report.makespan.jobsWithoutRuntime} jobs have no runtime profile: counted as {report.makespan.defaultRuntime} s (compute) or {report.makespan.auxiliaryRuntime} s (auxiliary).
        </p>
      )}
      <p className="muted">Submit directory: {report.relativeDir}{millis !== null ? ` · planned in ${Math.round(millis)} ms` : ''}</p>
    </div>
  );
}

function activate(d: Diagnostic): void {
  const key = diagnosticNodeKey(d);
  if (!key) return;
  // The job is on the workflow canvas: leave the Plan view and show it there.
  setPlanView(false);
  focusNode(key);
}

function Diagnostics() {
  const diagnostics = usePlan((s) => s.diagnostics);
  const message = usePlan((s) => s.message);
  const status = usePlan((s) => s.status);
  const shown = diagnostics.filter((d) => d.severity !== 'info' || status === 'failed');
  if (shown.length === 0 && !message) return null;
  return (
    <div className="plan-diagnostics" data-testid="plan-diagnostics">
      <h3>{status === 'failed' ? 'The workflow cannot be planned' : 'Planner notes'}</h3>
      {message && <p className="run-error">{message}</p>}
      <ul className="diagnostics-list">
        {shown.map((d, i) => (
          <li key={i}>
            <button type="button" className={`diagnostic diagnostic-${d.severity}`} data-testid="plan-diagnostic" data-code={d.code} onClick={() => activate(d)}>
              <span className="diagnostic-severity" aria-label={d.severity}>
                {d.severity === 'error' ? '●' : d.severity === 'warning' ? '▲' : 'i'}
              </span>
              <span className="diagnostic-code">{d.code}</span>
              <span className="diagnostic-message">{d.message}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

export const PlanPanel = memo(function PlanPanel() {
  return (
    <section className="panel plan-panel" aria-label="Plan" data-testid="plan-panel">
      <h2>Plan</h2>
      <div className="plan-legend" aria-label="Legend">
        {(['compute', 'cluster', 'create-dir', 'stage-in', 'stage-out', 'registration', 'cleanup'] as const).map((k) => (
          <span key={k} className={`plan-kind-${k}`}>
            {KIND_LABEL[k]}
          </span>
        ))}
      </div>
      <OptionsForm />
      <Diagnostics />
      <Report />
    </section>
  );
});
