import { describe, expect, it } from 'vitest';
import { buildAnalyzerCommand, parseAnalyzerJson } from '../../../src/shared/remote/pegasus-analyzer';
import { recordedBlock } from './recorded-samples';

describe('pegasus-analyzer -j parser', () => {
  it("brings the failed job's state, exit code and stderr from the man page sample", () => {
    const result = parseAnalyzerJson(recordedBlock('### 4a.'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.rootWfUuid).toBe('f84f05fc-a8d0-42b5-bac5-52d6f41a77e3');
    const root = result.value.workflows[0];
    expect(root).toMatchObject({ key: 'root', wfName: 'process', status: 'failure', total: 5, succeeded: 1, failed: 1, held: 0, unsubmitted: 3 });
    expect(root?.jobs).toHaveLength(1);
    const job = root?.jobs[0];
    expect(job).toMatchObject({ name: 'ls_ID0000001', kind: 'failed', state: 'POST_SCRIPT_FAILURE', site: 'condorpool', exitCode: 2 });
    expect(job?.stderr).toBe("/bin/ls: invalid option -- 'z'\nTry '/bin/ls --help' for more information.\n");
    // "-" is the analyzer's "nothing captured".
    expect(job?.stdout).toBeUndefined();
    expect(job?.tasks[0]).toMatchObject({ seq: 1, transformation: 'ls', abstractJobId: 'ID0000001', executable: '/usr/bin/ls' });
  });

  it('skips log lines before the JSON, as the Pegasus tests do', () => {
    const text = `2026.11.25 00:00:00 WARNING  Database version mismatch\n${recordedBlock('### 4a.')}`;
    expect(parseAnalyzerJson(text).ok).toBe(true);
  });

  it('reads held jobs and any *_FAILED state in other groups as failed', () => {
    const json = {
      workflows: {
        root: {
          wf_status: 'running',
          jobs: {
            total: 3, success: 0, failed: 1, held: 1, unsubmitted: 1,
            job_details: {
              held_jobs_details: { sleep_j2: { state: 'JOB_HELD', reason: 'Error from slot1@corbusier.isi.edu', tasks: {} } },
              unknown_jobs_details: { x_j3: { state: 'POST_SCRIPT_FAILED', tasks: { '1': { exitcode: 0 }, '2': { exitcode: 3 } } } },
            },
          },
        },
      },
    };
    const result = parseAnalyzerJson(JSON.stringify(json));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [held, failed] = result.value.workflows[0]?.jobs ?? [];
    expect(held).toMatchObject({ name: 'sleep_j2', kind: 'held', reason: 'Error from slot1@corbusier.isi.edu' });
    expect(failed).toMatchObject({ name: 'x_j3', kind: 'failed', exitCode: 3 });
  });

  it('reports the text report and garbage as errors naming the JSON it expected', () => {
    for (const garbage of [recordedBlock('## 4. pegasus-analyzer'), '', '{"root_wf_uuid": "x"}', 'ERROR: no stampede db']) {
      const result = parseAnalyzerJson(garbage);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/^pegasus-analyzer: expected the JSON object pegasus-analyzer -j prints/);
    }
  });

  it('builds pegasus-analyzer -j -- DIR', () => {
    expect(buildAnalyzerCommand('/s/run0001')).toEqual({ ok: true, value: ['pegasus-analyzer', '-j', '--', '/s/run0001'] });
    expect(buildAnalyzerCommand('run0001').ok).toBe(false);
  });
});
