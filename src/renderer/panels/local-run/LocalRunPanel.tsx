/**
 * The local-run panel: Run locally, the run on show with a progress bar and counts, cancel and
 * resume, the reasons a run was refused (each pointing at its job), the runs of this workflow
 * on disk, and the logs of the selected job.
 */
import { memo, useEffect } from 'react';
import { jobKey, parseKey } from '../../../shared/edit';
import type { Diagnostic } from '../../../shared/model';
import { formatCounts, isRunFinal, progressFraction } from '../../../shared/run/run-state';
import { useDocument } from '../../store/document-store';
import { useRunStates } from '../../store/run-states-store';
import { focusNode, useUi } from '../../store/ui-store';
import { cancelRun, closeRun, loadLogs, localRunStore, openRun, resumeRun, runLocally, startLocalRunEvents, useLocalRun } from './local-run-store';
import './local-run.css';

function Refusal({ d }: { d: Diagnostic }) {
  const jobId = d.target?.kind === 'job' ? d.target.jobId : undefined;
  return (
    <li>
      <button type="button" className={`diagnostic diagnostic-${d.severity}`} data-testid="run-refusal" data-code={d.code} data-job-id={jobId} onClick={() => jobId !== undefined && focusNode(jobKey(jobId))}>
        <span className="diagnostic-severity" aria-label={d.severity}>
          {d.severity === 'error' ? '●' : d.severity === 'warning' ? '▲' : 'i'}
        </span>
        <span className="diagnostic-code">{d.code}</span>
        <span className="diagnostic-message">{d.message}</span>
        {jobId !== undefined && <span className="diagnostic-target">job {jobId}</span>}
      </button>
    </li>
  );
}

function Logs() {
  const logs = useLocalRun((s) => s.logs);
  if (!logs) return null;
  return (
    <div className="run-logs" data-testid="run-logs" data-job-id={logs.jobId}>
      <h3>Logs of {logs.jobId}</h3>
      {logs.error && <p className="run-error">{logs.error}</p>}
      <h4>stdout{logs.stdout?.truncated ? ' (end)' : ''}</h4>
      <pre data-testid="run-log-stdout">{logs.stdout?.text || '(empty)'}</pre>
      <h4>stderr{logs.stderr?.truncated ? ' (end)' : ''}</h4>
      <pre data-testid="run-log-stderr">{logs.stderr?.text || '(empty)'}</pre>
    </div>
  );
}

/** Opens the logs of the job the user clicks while a local run is on show. */
function useLogsOfSelection(): void {
  const selected = useUi((s) => s.selectedNodes);
  const runDir = useLocalRun((s) => s.current?.runDir);
  useEffect(() => {
    if (!runDir || selected.size !== 1) return;
    const ref = parseKey([...selected][0]!);
    if (ref?.kind === 'job') void loadLogs(ref.id);
  }, [selected, runDir]);
}

export const LocalRunPanel = memo(function LocalRunPanel() {
  const file = useDocument((s) => s.file);
  const { current, runs, refused, busy, slots } = useLocalRun((s) => s);
  const counts = useRunStates((s) => (s.source?.kind === 'local' ? s.counts : null));
  useEffect(() => startLocalRunEvents(), []);
  useLogsOfSelection();
  const running = current !== null && !isRunFinal(current.state);
  const percent = counts ? Math.round(progressFraction(counts) * 100) : 0;
  return (
    <section className="panel local-run" aria-label="Local run" data-testid="local-run-panel">
      <h2>Run locally</h2>
      <div className="run-actions">
        <button type="button" onClick={() => void runLocally()} disabled={busy || running} data-testid="run-locally" title="Run the saved workflow on this machine">
          {busy ? 'Starting…' : 'Run locally'}
        </button>
        {running && (
          <button type="button" onClick={() => void cancelRun()} data-testid="run-cancel">
            Cancel
          </button>
        )}
        {current && !running && current.state !== 'succeeded' && (
          <button type="button" onClick={() => void resumeRun()} disabled={busy} data-testid="run-resume" title="Run again the jobs that did not finish">
            Resume
          </button>
        )}
        {current && !running && (
          <button type="button" onClick={closeRun} data-testid="run-close" title="Show the canvas without run states">
            Close
          </button>
        )}
      </div>
      <label className="run-slots">
        Jobs at once{' '}
        <input
          type="number"
          min={1}
          max={4096}
          placeholder="all cores"
          value={slots ?? ''}
          data-testid="run-slots"
          onChange={(e) => {
            const n = Number(e.target.value);
            localRunStore.setState({ slots: e.target.value === '' || !Number.isInteger(n) || n < 1 ? null : Math.min(n, 4096) });
          }}
        />
      </label>
      {!file && <p className="muted">Save the workflow to run it here.</p>}
      {refused && (
        <div className="run-refused" data-testid="run-refused">
          <p>The run was refused before it started:</p>
          <ul className="diagnostics-list">
            {refused.map((d, i) => (
              <Refusal key={i} d={d} />
            ))}
          </ul>
        </div>
      )}
      {current && (
        <div className="run-current" data-testid="run-current" data-run-dir={current.runDir} data-state={current.state}>
          <div className="run-title">
            <span className="run-name">{current.name}</span> <span className={`run-state run-state-${current.state}`} data-testid="run-state">{current.state}</span>
          </div>
          <div className="run-progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} data-testid="run-progress">
            <div className="run-progress-done" style={{ width: `${percent}%` }} />
            {counts && counts.failed > 0 && <div className="run-progress-failed" style={{ width: `${Math.round((counts.failed / Math.max(1, Object.values(counts).reduce((a, b) => a + b, 0))) * 100)}%` }} />}
          </div>
          {counts && (
            <div className="run-counts" data-testid="run-counts" data-succeeded={counts.succeeded} data-failed={counts.failed} data-running={counts.running}>
              {formatCounts(counts)}
            </div>
          )}
          <p className="muted">Click a job to see its logs.</p>
        </div>
      )}
      <Logs />
      {runs.length > 0 && (
        <details className="run-list" open={!current}>
          <summary>Runs of this workflow ({runs.length})</summary>
          <ul>
            {runs.map((run) => (
              <li key={run.runDir}>
                <button type="button" onClick={() => void openRun(run.runDir)} data-testid="run-entry" data-run-dir={run.runDir} data-state={run.state}>
                  {run.name} <span className={`run-state run-state-${run.state}`}>{run.state}</span>
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
});
