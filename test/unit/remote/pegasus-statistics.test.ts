import { describe, expect, it } from 'vitest';
import { buildStatisticsCommand, parseStatisticsText } from '../../../src/shared/remote/pegasus-statistics';
import { recordedBlock } from './recorded-samples';

describe('pegasus-statistics text parser', () => {
  it('reads the summary table, wall times, integrity lines and file paths of the recorded output', () => {
    const result = parseStatisticsText(recordedBlock('## 5. pegasus-statistics'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.rows).toEqual([
      { type: 'Tasks', succeeded: 5, failed: 0, incomplete: 0, total: 5, retries: 0, totalRetries: 5 },
      { type: 'Jobs', succeeded: 10, failed: 0, incomplete: 0, total: 10, retries: 0, totalRetries: 10 },
      { type: 'Sub-Workflows', succeeded: 0, failed: 0, incomplete: 0, total: 0, retries: 0, totalRetries: 0 },
    ]);
    expect(result.value.times[0]).toEqual({ label: 'Workflow wall time', value: '1 min, 56 secs' });
    expect(result.value.times.map((time) => time.label)).toContain('Cumulative job badput wall time as seen from submit side');
    expect(result.value.integrity).toEqual([
      '9 files checksums compared with total duration of 0.76 secs',
      '9 files checksums generated with total duration of 0.04 secs',
    ]);
    expect(result.value.files).toHaveLength(6);
    expect(result.value.files[2]).toEqual({ label: 'Job instance statistics', path: 'split/submit/mayani/pegasus/split/run0001/statistics/jobs.txt' });
  });

  it('accepts thousands separators in counts', () => {
    const text = 'Type           Succeeded Failed  Incomplete  Total     Retries   Total+Retries\nJobs  7,137 0 0 7,137 0 7,137\n';
    const result = parseStatisticsText(text);
    expect(result.ok && result.value.rows[0]?.succeeded).toBe(7137);
  });

  it('reports output without the summary table as an error', () => {
    const result = parseStatisticsText('ERROR:pegasus-statistics: Unable to connect to database');
    expect(result).toEqual({
      ok: false,
      error: 'pegasus-statistics: expected the summary table (Type Succeeded Failed Incomplete Total Retries Total+Retries), got: ERROR:pegasus-statistics: Unable to connect to database',
    });
  });

  it('builds pegasus-statistics -s all [-f csv] -- DIR', () => {
    expect(buildStatisticsCommand('/s/r')).toEqual({ ok: true, value: ['pegasus-statistics', '-s', 'all', '--', '/s/r'] });
    expect(buildStatisticsCommand('/s/r', 'csv')).toEqual({ ok: true, value: ['pegasus-statistics', '-s', 'all', '-f', 'csv', '--', '/s/r'] });
  });
});
