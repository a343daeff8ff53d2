import { describe, expect, it } from 'vitest';
import { compareWorkflows } from '../../../src/shared/compare/compare-workflows';
import type { Workflow } from '../../../src/shared/model';

function diamond(): Workflow {
  return {
    pegasus: '5.0.4',
    name: 'diamond',
    dependencies: [],
    jobs: [
      { type: 'job', name: 'preprocess', id: 'a', arguments: ['-i', 'f.a'], uses: [{ lfn: 'f.a', type: 'input' }, { lfn: 'f.b1', type: 'output' }, { lfn: 'f.b2', type: 'output' }] },
      { type: 'job', name: 'findrange', id: 'b', arguments: [], uses: [{ lfn: 'f.b1', type: 'input' }, { lfn: 'f.c1', type: 'output' }] },
      { type: 'job', name: 'findrange', id: 'c', arguments: [], uses: [{ lfn: 'f.b2', type: 'input' }, { lfn: 'f.c2', type: 'output' }] },
      { type: 'job', name: 'analyze', id: 'd', arguments: [], uses: [{ lfn: 'f.c1', type: 'input' }, { lfn: 'f.c2', type: 'input' }, { lfn: 'f.d', type: 'output' }] },
    ],
  };
}

describe('compareWorkflows', () => {
  it('finds nothing between a document and itself, whatever the job order or key order', () => {
    const a = diamond();
    const b = diamond();
    b.jobs.reverse();
    const first = b.jobs[0]!;
    b.jobs[0] = { uses: first.uses, arguments: first.arguments, id: first.id, name: 'analyze', type: 'job' };
    expect(compareWorkflows(a, b).same).toBe(true);
  });

  it('lists jobs, files and dependencies added, removed and changed', () => {
    const before = diamond();
    const after = diamond();
    after.jobs = after.jobs.filter((job) => job.id !== 'c');
    after.jobs[2]!.uses = after.jobs[2]!.uses.filter((use) => use.lfn !== 'f.c2');
    after.jobs[0]!.arguments = ['-i', 'f.a', '-v'];
    after.jobs.push({ type: 'job', name: 'report', id: 'e', arguments: [], uses: [{ lfn: 'f.d', type: 'input' }, { lfn: 'report.pdf', type: 'output' }] });

    const comparison = compareWorkflows(before, after);
    expect(comparison.same).toBe(false);
    expect(comparison.jobs.added).toEqual(['e']);
    expect(comparison.jobs.removed).toEqual(['c']);
    expect(comparison.jobs.changed).toEqual([
      { id: 'a', fields: ['arguments'] },
      { id: 'd', fields: ['uses'] },
    ]);
    expect(comparison.files.added).toEqual(['report.pdf']);
    expect(comparison.files.removed.sort()).toEqual(['f.c2']);
    expect(comparison.dependencies.added).toEqual([['d', 'e']]);
    expect(comparison.dependencies.removed.sort()).toEqual([
      ['a', 'c'],
      ['c', 'd'],
    ]);
  });

  it('reports explicit dependencies and catalog changes', () => {
    const before = diamond();
    const after = diamond();
    after.dependencies = [{ id: 'b', children: ['c'] }];
    after.replicaCatalog = { replicas: [{ lfn: 'f.a', pfns: [{ site: 'local', pfn: '/data/f.a' }] }] };
    const comparison = compareWorkflows(before, after);
    expect(comparison.dependencies.added).toEqual([['b', 'c']]);
    expect(comparison.workflow).toEqual(['replicaCatalog']);
  });
});
