import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/shared/model/diagnostic';
import type { Workflow } from '../../../src/shared/model/workflow';
import { VALIDATION_CODES, validateWorkflow, type ValidateOptions } from '../../../src/shared/validate';
import { repoRoot } from '../../support/shared-path';
import { bundle, job, subWorkflow, use, workflow } from './builders';

function check(wf: Workflow, options?: ValidateOptions, catalogs = {}): Diagnostic[] {
  return validateWorkflow(bundle(wf, catalogs), options);
}
function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => d.code);
}
function only(diagnostics: Diagnostic[], code: string): Diagnostic {
  const found = diagnostics.filter((d) => d.code === code);
  expect(found, JSON.stringify(diagnostics)).toHaveLength(1);
  return found[0]!;
}

describe('validateWorkflow', () => {
  it('finds nothing wrong with a clean chain', () => {
    const wf = workflow([job('a', ['out:x']), job('b', ['in:x', 'out:y'])]);
    expect(check(wf)).toEqual([]);
  });

  it('PC200: reports a cycle with its path', () => {
    const wf = workflow([job('a', ['in:y', 'out:x']), job('b', ['in:x', 'out:y']), job('c', ['in:y'])]);
    const d = only(check(wf), 'PC200');
    expect(d.severity).toBe('error');
    expect(d.message).toContain('a -> b -> a');
    expect(d.target).toEqual({ kind: 'job', jobId: 'a' });
  });

  it('PC200: reports an explicit self dependency', () => {
    const wf = workflow([job('a')], {}, [{ id: 'a', children: ['a'] }]);
    expect(only(check(wf), 'PC200').message).toContain("Job 'a' depends on itself: a -> a");
  });

  it('PC201: reports a duplicate job id', () => {
    const d = only(check(workflow([job('a'), job('a')])), 'PC201');
    expect(d.message).toContain('#1 and #2');
    expect(d.target).toEqual({ kind: 'job', jobId: 'a', field: 'id' });
  });

  it('PC202: reports malformed job ids, and accepts the allowed characters', () => {
    const diagnostics = check(workflow([job('a.b'), job('has space'), job(''), job('ok-ID_09')]));
    expect(codes(diagnostics)).toEqual(['PC202', 'PC202', 'PC202']);
    expect(diagnostics[2]!.message).toContain('empty id');
  });

  it('PC203: names every producer and the one pegasus-plan keeps', () => {
    const wf = workflow([job('p1', ['out:shared']), job('p2', ['out:shared']), job('c', ['in:shared'])]);
    const d = only(check(wf), 'PC203');
    expect(d.severity).toBe('error');
    expect(d.message).toContain("'p1' and 'p2'");
    expect(d.message).toContain("keeps the last one in the file ('p2')");
    expect(d.message).toContain('arbitrarily');
    expect(d.target).toEqual({ kind: 'file', lfn: 'shared', jobId: 'p2' });
  });

  it('PC203: counts stdout and stderr as producers', () => {
    const wf = workflow([job('a', ['out:log'], { stdout: 'log' }), job('b', ['out:log'], { stderr: 'log' })]);
    expect(only(check(wf), 'PC203').message).toContain('2 jobs');
  });

  it('PC204: reports a file listed twice with one type', () => {
    const wf = workflow([job('a', ['out:x', 'out:x'])]);
    const d = only(check(wf), 'PC204');
    expect(d.severity).toBe('warning');
    expect(d.target).toEqual({ kind: 'file', lfn: 'x', jobId: 'a' });
  });

  it('PC204: does not count stdout/stdin listed in uses as the API writes them', () => {
    const wf = workflow([job('a', ['out:log'], { stdout: 'log' }), job('b', ['in:log'], { stdin: 'log' })]);
    expect(check(wf)).toEqual([]);
  });

  it('PC204: also finds repeats in jobs with many uses', () => {
    const many = Array.from({ length: 12 }, (_, i) => `out:f${i}`);
    const wf = workflow([job('a', [...many, 'out:f3'])]);
    expect(only(check(wf), 'PC204').message).toContain("'f3' 2 times");
  });

  it('PC205: reports input and output of one file, but not a checkpoint', () => {
    const wf = workflow([job('a', ['in:x', 'out:x']), job('b', ['ck:s'])], {
      replicaCatalog: { replicas: [{ lfn: 'x', pfns: [{ site: 'local', pfn: '/x' }] }] },
    });
    const d = only(check(wf), 'PC205');
    expect(d.message).toContain('both input and output');
    expect(d.target).toEqual({ kind: 'file', lfn: 'x', jobId: 'a' });
  });

  it('PC206: reports an input nothing produces or provides', () => {
    const d = only(check(workflow([job('a', ['in:missing.dat'])])), 'PC206');
    expect(d.severity).toBe('warning');
    expect(d.message).toContain("'missing.dat'");
    expect(d.target).toEqual({ kind: 'file', lfn: 'missing.dat', jobId: 'a' });
  });

  it('PC206: accepts inputs from the embedded catalog, the catalog file, and optional inputs', () => {
    const wf = workflow(
      [
        job('a', ['in:embedded', 'in:fromfile']),
        job('b', [], { uses: [{ lfn: 'maybe', type: 'input', optional: true }] }),
      ],
      {
        replicaCatalog: { replicas: [{ lfn: 'embedded', pfns: [{ site: 'local', pfn: '/e' }] }] },
      },
    );
    expect(
      check(wf, {}, { replicas: { replicas: [{ lfn: 'fromfile', pfns: [{ site: 'local', pfn: '/f' }] }] } }),
    ).toEqual([]);
  });

  it('PC206: matches regex replicas on the whole name, as Java matches() does', () => {
    const wf = workflow([job('a', ['in:raw_12.dat', 'in:xraw_1.dat', 'in:raw_1.dat.bak'])], {
      replicaCatalog: {
        replicas: [{ lfn: 'raw_(\\d+)\\.dat', regex: true, pfns: [{ site: 'local', pfn: 'file:///data/[1].dat' }] }],
      },
    });
    expect(check(wf).map((d) => (d.target as { lfn: string }).lfn)).toEqual(['xraw_1.dat', 'raw_1.dat.bak']);
  });

  it('PC206: explains that a checkpoint file is not a producer', () => {
    const wf = workflow([job('ck', ['ck:state']), job('reader', ['in:state'])]);
    expect(only(check(wf), 'PC206').message).toContain("Job 'ck' writes it as a checkpoint");
  });

  it('PC206: counts stdin as an input', () => {
    const wf = workflow([job('a', ['in:feed'], { stdin: 'feed' })]);
    expect(only(check(wf), 'PC206').target).toEqual({ kind: 'file', lfn: 'feed', jobId: 'a' });
  });

  it('PC207: reports dependencies on unknown jobs', () => {
    const wf = workflow([job('a')], {}, [{ id: 'a', children: ['ghost'] }]);
    const d = only(check(wf), 'PC207');
    expect(d.message).toContain("'ghost'");
    expect(d.target).toEqual({ kind: 'dependency', parent: 'a', child: 'ghost' });
  });

  it('PC208: reports a transformation the catalog lacks; partial keys match', () => {
    const wf = workflow(
      [
        job('a', [], { name: 'nope' }),
        job('b', [], { name: 't', namespace: 'ns', version: '1' }),
        job('c', [], { name: 'u' }),
      ],
      {
        transformationCatalog: {
          transformations: [
            { name: 't', sites: [] },
            { namespace: 'x', name: 'u', version: '2', sites: [] },
          ],
        },
      },
    );
    const diagnostics = check(wf);
    expect(codes(diagnostics)).toEqual(['PC208', 'PC208']);
    expect(diagnostics[0]!.message).toContain("'nope'");
    expect(diagnostics[1]!.message).toContain("'ns::t:1'");
  });

  it('PC208: uses the transformation catalog file too', () => {
    const wf = workflow([job('a', [], { name: 'fromfile' })]);
    expect(check(wf, {}, { transformations: { transformations: [{ name: 'fromfile', sites: [] }] } })).toEqual([]);
  });

  it('PC209: warns once when there is no transformation catalog at all', () => {
    const wf = workflow([job('a'), job('b')], { transformationCatalog: undefined });
    const d = only(check(wf), 'PC209');
    expect(d.severity).toBe('warning');
    expect(d.message).toContain('1 transformation(s): t');
  });

  it('PC210: reports a missing sub-workflow file, asking for the LFN and replica PFNs', () => {
    const asked: string[] = [];
    const wf = workflow([subWorkflow('sub', 'child.yml'), subWorkflow('dag', 'legacy.dag', 'condorWorkflow')], {
      replicaCatalog: {
        replicas: [
          { lfn: 'child.yml', pfns: [{ site: 'local', pfn: '/wfs/child.yml' }] },
          { lfn: 'legacy.dag', pfns: [{ site: 'local', pfn: '/wfs/legacy.dag' }] },
        ],
      },
    });
    const diagnostics = check(wf, { subWorkflowExists: (file) => (asked.push(file), file === '/wfs/child.yml') });
    expect(asked).toEqual(['child.yml', '/wfs/child.yml', 'legacy.dag', '/wfs/legacy.dag']);
    const d = only(diagnostics, 'PC210');
    expect(d.message).toContain('DAG file');
    expect(d.target).toEqual({ kind: 'job', jobId: 'dag', field: 'file' });
  });

  it('PC210: accepts a sub-workflow file another job produces, and skips the check without a callback', () => {
    const wf = workflow([job('gen', ['out:child.yml']), subWorkflow('sub', 'child.yml')]);
    expect(check(wf, { subWorkflowExists: () => false })).toEqual([]);
    const missing = workflow([subWorkflow('sub', 'child.yml')], {
      replicaCatalog: { replicas: [{ lfn: 'child.yml', pfns: [] }] },
    });
    expect(check(missing)).toEqual([]);
  });

  it('PC211: reports stdout, stderr and stdin missing from uses', () => {
    const wf = workflow([job('a', [], { stdout: 'o', stderr: 'e' }), job('b', ['in:o'], { stdin: 'o' })]);
    const diagnostics = check(wf);
    expect(codes(diagnostics)).toEqual(['PC211', 'PC211']);
    expect(diagnostics[0]!.target).toEqual({ kind: 'job', jobId: 'a', field: 'stdout' });
    expect(diagnostics[1]!.target).toEqual({ kind: 'job', jobId: 'a', field: 'stderr' });
  });

  it('PC212: warns about workflow-level profiles', () => {
    const d = only(check(workflow([job('a')], { profiles: { pegasus: { 'clusters.size': 5 } } })), 'PC212');
    expect(d.severity).toBe('warning');
  });

  it('PC213 and PC214: reject type none, warn about inout', () => {
    const wf = workflow([job('a', ['none:x', 'inout:y'])]);
    expect(codes(check(wf))).toEqual(['PC213', 'PC214']);
  });

  it('PC215: warns about the stat namespace wherever it is', () => {
    const wf = workflow([job('a', [], { profiles: { stat: { x: 1 } } })], {
      siteCatalog: { sites: [{ name: 's', profiles: { stat: { y: 2 } } }] },
    });
    const diagnostics = check(wf);
    expect(codes(diagnostics)).toEqual(['PC215', 'PC215']);
  });

  it('PC216: rejects namespace, version and executable on a use', () => {
    const wf = workflow([job('a', [], { uses: [{ lfn: 'x', type: 'output', executable: true, namespace: 'n' }] })]);
    expect(only(check(wf), 'PC216').message).toContain('namespace, executable');
  });

  it('PC217: rejects an empty workflow', () => {
    expect(codes(check(workflow([])))).toEqual(['PC217']);
  });

  it('PC218: reports an unknown container', () => {
    const wf = workflow([job('a')], {
      transformationCatalog: {
        transformations: [{ name: 't', sites: [{ name: 'cp', pfn: '/t', type: 'installed', container: 'ghost' }] }],
        containers: [],
      },
    });
    expect(only(check(wf), 'PC218').target).toEqual({ kind: 'transformation', key: 't', field: 'container' });
  });

  it('PC219: warns about a regex replica it cannot translate, and assumes it matches', () => {
    const wf = workflow([job('a', ['in:anything'])], {
      replicaCatalog: { replicas: [{ lfn: '[a-z&&[^b]]+', regex: true, pfns: [{ site: 'local', pfn: '/x' }] }] },
    });
    const d = only(check(wf), 'PC219');
    expect(d.message).toContain('intersection');
    expect(codes(check(wf))).not.toContain('PC206');
  });

  it('PC220: rejects a workflow name with a space or a slash', () => {
    expect(codes(check(workflow([job('a')], { name: 'my workflow' })))).toEqual(['PC220']);
    expect(codes(check(workflow([job('a')], { name: 'a/b' })))).toEqual(['PC220']);
  });

  it('PC221: reports an unknown requires', () => {
    const wf = workflow([job('a')], {
      transformationCatalog: { transformations: [{ name: 't', requires: ['ns::helper:1.0'], sites: [] }] },
    });
    expect(only(check(wf), 'PC221').message).toContain("'ns::helper:1.0'");
  });

  it('PC222: reports a job pinned to an unknown site, not to local or condorpool', () => {
    const sites = { sites: [{ name: 'hpc' }] };
    const wf = workflow(
      [
        job('a', [], { profiles: { selector: { 'execution.site': 'nowhere' } } }),
        job('b', [], { profiles: { selector: { 'execution.site': 'hpc' } } }),
        job('c', [], { profiles: { selector: { 'execution.site': 'condorpool' } } }),
      ],
      { siteCatalog: sites },
    );
    expect(only(check(wf), 'PC222').target).toEqual({ kind: 'job', jobId: 'a', field: 'profiles' });
  });

  it('lists every code in the README Diagnostics table with its severity', () => {
    const readme = readFileSync(`${repoRoot}/README.md`, 'utf8');
    for (const [code, info] of Object.entries(VALIDATION_CODES)) {
      expect(readme).toMatch(new RegExp(`\\|\\s*${code}\\s*\\|\\s*${info.severity}\\s*\\|`));
    }
  });

  it('uses only documented codes', () => {
    const wf = workflow(
      [job('a', ['none:x', 'in:q']), job('a', ['out:x']), job('b.c')],
      { name: 'a b', profiles: { stat: { k: 1 } } },
      [{ id: 'z', children: ['a'] }],
    );
    for (const d of check(wf)) expect(Object.keys(VALIDATION_CODES)).toContain(d.code);
  });

  it('validates 200,000 fan-out/fan-in jobs without a quadratic step', () => {
    const n = 200_000;
    const jobs = [job('split', ['in:input'])];
    for (let i = 0; i < n - 2; i++) jobs[0]!.uses.push(use(`out:part${i}`));
    for (let i = 0; i < n - 2; i++)
      jobs.push(job(`w${i}`, [`in:part${i}`, `out:res${i}`], { profiles: { pegasus: { cores: 1, runtime: 60 } } }));
    jobs.push(
      job(
        'merge',
        Array.from({ length: n - 2 }, (_, i) => `in:res${i}`),
      ),
    );
    const wf = workflow(jobs, {
      replicaCatalog: { replicas: [{ lfn: 'input', pfns: [{ site: 'local', pfn: '/in' }] }] },
    });
    expect(check(wf)).toEqual([]);
  });
});
