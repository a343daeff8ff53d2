import { describe, expect, it } from 'vitest';
import { locateTargets } from '../../../src/main/cli/locate';
import type { Diagnostic } from '../../../src/shared/model';

const d = (target: Diagnostic['target']): Diagnostic => ({ code: 'PC000', severity: 'error', message: 'm', target });

describe('locateTargets', () => {
  it('finds jobs, their files and dependency parents in YAML', () => {
    const text = 'jobs:\n- type: job\n  id: a\n- type: job\n  id: "b"\njobDependencies:\n- id: a\n  children: [b]\n';
    const diagnostics = [
      d({ kind: 'job', jobId: 'b' }),
      d({ kind: 'file', lfn: 'x', jobId: 'a' }),
      d({ kind: 'dependency', parent: 'a', child: 'zz' }),
      d({ kind: 'workflow' }),
    ];
    locateTargets(text, 'wf.yml', diagnostics);
    expect(diagnostics.map((x) => x.location)).toEqual([
      { file: 'wf.yml', line: 5, column: 3 },
      { file: 'wf.yml', line: 3, column: 3 },
      { file: 'wf.yml', line: 7, column: 3 },
      undefined,
    ]);
  });

  it('finds jobs on one long JSON line by column, and ignores keys that end in id', () => {
    const text = '{"jobs":[{"_id":"b","id":"a"},{"id":"b"}]}';
    const diagnostics = [d({ kind: 'job', jobId: 'b' }), d({ kind: 'job', jobId: 'missing' })];
    locateTargets(text, 'wf.json', diagnostics);
    expect(diagnostics[0]!.location).toEqual({ file: 'wf.json', line: 1, column: 32 });
    expect(diagnostics[1]!.location).toBeUndefined();
  });

  it('keeps locations diagnostics already have', () => {
    const located: Diagnostic = {
      ...d({ kind: 'job', jobId: 'a' }),
      location: { file: 'other.yml', line: 9, column: 9 },
    };
    locateTargets('id: a\n', 'wf.yml', [located]);
    expect(located.location).toEqual({ file: 'other.yml', line: 9, column: 9 });
  });
});
