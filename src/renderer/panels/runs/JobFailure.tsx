/** A failed or held job's pegasus-analyzer report: exit code, hold reason, stdout and stderr. */
import { useEffect } from 'react';
import type { RunSummary } from '../../../shared/ipc';
import type { RunAnalysisValue } from '../../../shared/ipc-remote';
import { getApi } from '../../api/get-api';

export interface JobFailureProps {
  run: RunSummary;
  jobId: string;
  /** The run's analysis once read, or the error message. */
  analysis: RunAnalysisValue | string | undefined;
  onAnalysis(value: RunAnalysisValue | string): void;
}

export function JobFailure({ run, jobId, analysis, onAnalysis }: JobFailureProps) {
  useEffect(() => {
    if (analysis !== undefined) return;
    let live = true;
    void getApi()
      .runAnalyze({ runId: run.id })
      .then((result) => {
        if (live) onAnalysis(result.ok ? result.value : result.error.message);
      });
    return () => {
      live = false;
    };
  }, [analysis, onAnalysis, run.id]);
  const job = typeof analysis === 'object' ? analysis.jobs.find((j) => j.jobId === jobId) : undefined;
  return (
    <div className="job-failure" data-testid="job-failure" data-job-id={jobId}>
      <h3>
        {jobId} — {run.jobStates[jobId]}
      </h3>
      {analysis === undefined && <p className="hint">Running pegasus-analyzer…</p>}
      {typeof analysis === 'string' && <p className="error">{analysis}</p>}
      {typeof analysis === 'object' && !job && <p className="hint">pegasus-analyzer does not list this job.</p>}
      {job && (
        <>
          <dl className="job-failure-facts">
            {job.state && (
              <>
                <dt>State</dt>
                <dd>{job.state}</dd>
              </>
            )}
            {job.exitCode !== undefined && (
              <>
                <dt>Exit code</dt>
                <dd data-testid="job-exit-code">{job.exitCode}</dd>
              </>
            )}
            {job.reason && (
              <>
                <dt>Hold reason</dt>
                <dd>{job.reason}</dd>
              </>
            )}
            {job.site && (
              <>
                <dt>Site</dt>
                <dd>
                  {job.site}
                  {job.hostname ? ` (${job.hostname})` : ''}
                </dd>
              </>
            )}
            {job.workDir && (
              <>
                <dt>Working directory</dt>
                <dd>{job.workDir}</dd>
              </>
            )}
          </dl>
          <h4>stdout</h4>
          <pre className="job-log" data-testid="job-stdout">
            {job.stdout ?? '(nothing captured)'}
          </pre>
          <h4>stderr</h4>
          <pre className="job-log" data-testid="job-stderr">
            {job.stderr ?? '(nothing captured)'}
          </pre>
        </>
      )}
    </div>
  );
}
