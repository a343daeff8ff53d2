import { describe, expect, it } from 'vitest';
import { buildStatusCommand, parseStatusJson } from '../../../src/shared/remote/pegasus-status';
import { expectedStatus, recordedBlock } from './recorded-samples';

describe('pegasus-status -j parser', () => {
  it('reads the totals, the root DAG and the HTCondor queue of the man page sample', () => {
    const result = parseStatusJson(recordedBlock('### 3c.'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const report = result.value;
    expect(report.totals).toEqual({ unready: 13, ready: 0, pre: 0, queued: 1, post: 1, succeeded: 14, failed: 0, percentDone: 48.28, total: 29 });
    expect(report.state).toBe('Running');
    expect(report.dags).toHaveLength(1);
    expect(report.dags[0]).toMatchObject({ key: 'root', dagName: 'workflow-0.dag', succeeded: 8, total: 13, percentDone: 61.54 });
    expect(report.condorJobs.map((job) => [job.clusterId, job.status, job.dagJobId])).toEqual([
      [2457, 'running', undefined],
      [2465, 'running', 'pegasus-plan_diamond_subworkflow'],
    ]);
    expect(report.condorJobs[1]?.daxJobId).toBe('diamond_subworkflow');
  });

  it('accepts every recorded totals/state pair of expected-status.json', () => {
    for (const [file, expected] of Object.entries(expectedStatus())) {
      if (file.startsWith('_')) continue;
      const { state, summary: _summary, ...totals } = expected;
      const json = JSON.stringify({ totals, dags: { root: { ...totals, dagname: file.split('/')[1], state } } });
      const result = parseStatusJson(`\n(No matching jobs found in Condor Q)\n${json}\n`);
      expect(result.ok, file).toBe(true);
      if (!result.ok) continue;
      expect(result.value.state, file).toBe(state);
      expect(result.value.totals.succeeded, file).toBe(totals.succeeded);
      expect(result.value.totals.percentDone, file).toBe(totals.percent_done);
      // sample_started has no "total": it is the sum of the counts (0).
      expect(result.value.totals.total, file).toBe(totals.total ?? 0);
      expect(result.value.condorJobs, file).toEqual([]);
    }
  });

  it('treats a DAG with no state as Running and numeric JobStatus codes as HTCondor does', () => {
    const json = {
      totals: { unready: 1, ready: 0, pre: 0, queued: 1, post: 0, succeeded: 0, failed: 0, percent_done: 0, total: 2 },
      dags: { root: { unready: 1, ready: 0, pre: 0, queued: 1, post: 0, succeeded: 0, failed: 0, percent_done: 0, total: 2 } },
      condor_jobs: { u: { DAG_NAME: 'root', DAG_CONDOR_JOBS: [{ ClusterId: 7, JobStatus: 5, HoldReason: 'disk full', pegasus_wf_dag_job_id: 'a_b' }] } },
    };
    const result = parseStatusJson(JSON.stringify(json));
    expect(result.ok && result.value.state).toBe('Running');
    expect(result.ok && result.value.condorJobs[0]).toMatchObject({ status: 'held', holdReason: 'disk full', dagJobId: 'a_b' });
  });

  it('reports garbage, the text layout and non-numeric totals as errors that say what was expected', () => {
    for (const garbage of ['', 'Traceback (most recent call last):\n  File "x"', recordedBlock('### 3b.'), '{"totals": 3}', '[1,2]', '{ not json']) {
      const result = parseStatusJson(garbage);
      expect(result.ok, garbage).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/^pegasus-status: expected .*"totals"/);
    }
    const bad = parseStatusJson('{"totals": {"unready": "many"}, "dags": {}}');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toContain('numeric totals');
  });

  it('builds pegasus-status -j with the submit dir after --, refusing relative or multi-line paths', () => {
    expect(buildStatusCommand('/home/u/submit/run0001')).toEqual({ ok: true, value: ['pegasus-status', '-j', '--', '/home/u/submit/run0001'] });
    expect(buildStatusCommand('submit/run0001').ok).toBe(false);
    expect(buildStatusCommand('/a\n/b').ok).toBe(false);
  });
});
