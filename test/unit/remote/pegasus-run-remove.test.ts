import { describe, expect, it } from 'vitest';
import { buildRemoveCommand, parseRemoveOutput } from '../../../src/shared/remote/pegasus-remove';
import { buildRunCommand, parseRunOutput } from '../../../src/shared/remote/pegasus-run';
import { recordedBlock } from './recorded-samples';

describe('pegasus-run', () => {
  it('reads the braindump JSON and the cluster id from the recorded stderr lines', () => {
    const stderr = recordedBlock('## 2. pegasus-run', 0).replace('{job_id}', '3793');
    const stdout = JSON.stringify({ submit_dir: '/home/u/submit/u/pegasus/diamond/run0001', dag: 'diamond-0.dag', wf_uuid: 'abc' });
    const result = parseRunOutput(stdout, stderr);
    expect(result).toMatchObject({ ok: true, value: { submitDir: '/home/u/submit/u/pegasus/diamond/run0001', dag: 'diamond-0.dag', clusterId: 3793 } });
  });

  it('reports the text output of pegasus-run without --json as an error', () => {
    const text = recordedBlock('## 2. pegasus-run', 1).replaceAll('{submit_dir}', '/s/run0001');
    const result = parseRunOutput(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^pegasus-run: expected the JSON braindump pegasus-run --json prints/);
  });

  it('builds pegasus-run --json -- DIR', () => {
    expect(buildRunCommand('/s/run0001')).toEqual({ ok: true, value: ['pegasus-run', '--json', '--', '/s/run0001'] });
  });
});

describe('pegasus-remove', () => {
  it('takes exit 0 as removed and keeps condor_rm\'s message without the Success mark', () => {
    const result = parseRemoveOutput(0, 'All jobs in cluster 3793 have been marked for removal\n✨ Success\n', '');
    expect(result).toEqual({ ok: true, value: { message: 'All jobs in cluster 3793 have been marked for removal' } });
  });

  it('explains exit 42 as a condor_rm failure with its stderr, and other codes as the tool failing', () => {
    const failed = parseRemoveOutput(42, 'Error \n', "Couldn't find/remove all jobs in cluster 3793\n");
    expect(failed).toEqual({ ok: false, error: "pegasus-remove: condor_rm failed (exit 42): Couldn't find/remove all jobs in cluster 3793" });
    const other = parseRemoveOutput(1, '', 'Usage: pegasus-remove [OPTIONS] SUBMIT_DIR');
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.error).toContain('exit code 1');
  });

  it('builds pegasus-remove -- DIR', () => {
    expect(buildRemoveCommand('/s/run0001')).toEqual({ ok: true, value: ['pegasus-remove', '--', '/s/run0001'] });
  });
});
