/**
 * Submit the open workflow to the connected host with pegasus-plan's options, and follow the
 * remembered runs: state, a progress bar and counts, the run that paints the canvas, and the
 * actions a terminal user knows (pegasus-remove, pegasus-run, pegasus-statistics,
 * pegasus-analyzer). Selecting a failed job on the canvas shows its analyzer output here.
 */
import { useState } from 'react';
import type { RunSummary } from '../../../shared/ipc';
import type { RunAnalysisValue, RunStatisticsValue } from '../../../shared/ipc-remote';
import { getApi } from '../../api/get-api';
import { useDocument } from '../../store/document-store';
import { setRuns, showRun, useSession } from '../../store/session';
import { useUi } from '../../store/ui-store';
import { JobFailure } from './JobFailure';
import { SubmitForm } from './SubmitForm';

function RunRow({ run, active }: { run: RunSummary; active: boolean }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [stats, setStats] = useState<RunStatisticsValue | null>(null);
  const [fetched, setFetched] = useState<string | null>(null);
  const act = async (label: string, call: () => Promise<{ ok: true; value: unknown } | { ok: false; error: { message: string } }>, onValue?: (value: unknown) => void) => {
    setBusy(label);
    const result = await call();
    setBusy(null);
    if (!result.ok) setMessage(result.error.message);
    else {
      setMessage(null);
      onValue?.(result.value);
    }
  };
  const over = run.state === 'succeeded' || run.state === 'failed' || run.state === 'cancelled' || run.state === 'interrupted';
  const counts = run.counts;
  return (
    <li className={`run-row${active ? ' is-active' : ''}`} data-testid="run-row" data-run-id={run.id} data-run-state={run.state}>
      <div className="run-head">
        <b>{run.workflowName}</b> <span className={`run-state run-state-${run.state}`}>{run.state}</span>
      </div>
      <div className="run-meta">
        {run.host} · {new Date(run.createdAt).toLocaleString()}
      </div>
      <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(run.percentDone)} data-testid="run-progress">
        <div className={`progress-bar progress-${run.state}`} style={{ width: `${Math.min(100, Math.max(0, run.percentDone))}%` }} />
      </div>
      <div className="run-counts" data-testid="run-counts">
        {run.total} jobs: {counts.succeeded} done, {counts.running} running, {counts.queued} queued, {counts.held} held, {counts.failed} failed
      </div>
      {(run.error ?? run.watchError) && <p className="error">{run.error ?? run.watchError}</p>}
      {message && <p className="error">{message}</p>}
      <div className="buttons">
        <button type="button" onClick={() => showRun(active ? null : run.id)} aria-pressed={active} data-testid="show-run">
          {active ? 'Hide on canvas' : 'Show on canvas'}
        </button>
        {!over && (
          <button
            type="button"
            disabled={busy !== null}
            data-testid="run-remove"
            onClick={() => {
              if (window.confirm(`Stop ${run.workflowName} (pegasus-remove)?`)) void act('remove', () => getApi().runRemove({ runId: run.id }), (v) => setMessage((v as { message: string }).message));
            }}
          >
            Remove
          </button>
        )}
        {(run.state === 'failed' || run.state === 'cancelled' || run.state === 'interrupted') && (
          <button type="button" disabled={busy !== null} data-testid="run-rerun" onClick={() => void act('rerun', () => getApi().runRerun({ runId: run.id }), (v) => setRuns([v as RunSummary]))}>
            Rerun
          </button>
        )}
        {run.state === 'succeeded' && (
          <button
            type="button"
            disabled={busy !== null}
            data-testid="run-fetch"
            title="Download the outputs staged to the submit host into outputs-<run> beside the workflow"
            onClick={() =>
              void act('download', () => getApi().runFetch({ runId: run.id }), (v) => {
                const fetched = v as { folder: string; files: string[] };
                setMessage(null);
                setFetched(`${fetched.files.length} file(s) downloaded to ${fetched.folder}`);
              })
            }
          >
            Download outputs
          </button>
        )}
        {over && (
          <button type="button" disabled={busy !== null} data-testid="run-statistics" onClick={() => void act('statistics', () => getApi().runStatistics({ runId: run.id }), (v) => setStats(v as RunStatisticsValue))}>
            Statistics
          </button>
        )}
      </div>
      {busy && <p className="hint">{busy}…</p>}
      {fetched && (
        <p className="hint" data-testid="run-fetched">
          {fetched}
        </p>
      )}
      {stats && <Statistics stats={stats} />}
    </li>
  );
}

function Statistics({ stats }: { stats: RunStatisticsValue }) {
  const longest = Math.max(1, ...stats.runtimes.map((r) => r.runtime));
  return (
    <div className="run-statistics" data-testid="statistics">
      <table>
        <thead>
          <tr>
            <th>Type</th>
            <th>Succeeded</th>
            <th>Failed</th>
            <th>Incomplete</th>
            <th>Total</th>
            <th>Retries</th>
          </tr>
        </thead>
        <tbody>
          {stats.summary.rows.map((row) => (
            <tr key={row.type}>
              <td>{row.type}</td>
              <td>{row.succeeded}</td>
              <td>{row.failed}</td>
              <td>{row.incomplete}</td>
              <td>{row.total}</td>
              <td>{row.retries}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {stats.summary.times.map((t) => (
        <div key={t.label} className="hint">
          {t.label}: {t.value}
        </div>
      ))}
      {stats.runtimes.length > 0 && (
        <ul className="runtime-chart" aria-label="Job runtimes">
          {stats.runtimes.map((r) => (
            <li key={r.node}>
              <span className="runtime-label">{r.jobId ?? r.node}</span>
              <span className="runtime-bar" style={{ width: `${(r.runtime * 100) / longest}%` }} />
              <span className="runtime-value">{r.runtime} s</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The failed or held job selected on the canvas, from the shown run. */
function useSelectedFailure(): { run: RunSummary; jobId: string } | null {
  const selected = useUi((s) => s.selectedNodes);
  const run = useSession((s) => (s.activeRunId ? s.runs[s.activeRunId] : undefined));
  if (!run || selected.size !== 1) return null;
  const key = [...selected][0]!;
  if (!key.startsWith('j:')) return null;
  const jobId = key.slice(2);
  const state = run.jobStates[jobId];
  return state === 'failed' || state === 'held' ? { run, jobId } : null;
}

export function RunsPanel() {
  const runs = useSession((s) => s.runs);
  const active = useSession((s) => s.activeRunId);
  const file = useDocument((s) => s.file);
  const failure = useSelectedFailure();
  const [analyses, setAnalyses] = useState<Record<string, RunAnalysisValue | string>>({});
  const list = Object.values(runs).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const shown = file ? list.filter((run) => run.workflowFile === file.path) : list;
  const others = list.length - shown.length;
  return (
    <section className="remote-section" data-testid="runs-panel">
      <SubmitForm />
      {failure && (
        <JobFailure
          key={`${failure.run.id}:${failure.jobId}`}
          run={failure.run}
          jobId={failure.jobId}
          analysis={analyses[failure.run.id]}
          onAnalysis={(value) => setAnalyses((all) => ({ ...all, [failure.run.id]: value }))}
        />
      )}
      <h3>Runs{file ? ` of ${file.name}` : ''}</h3>
      {shown.length === 0 && <p className="hint">No runs yet.</p>}
      <ul className="run-list">
        {shown.map((run) => (
          <RunRow key={run.id} run={run} active={run.id === active} />
        ))}
      </ul>
      {others > 0 && <p className="hint">{others} run(s) of other workflows are remembered too.</p>}
    </section>
  );
}
