import { describe, expect, it } from 'vitest';
import { inferDependencies } from '../../../src/shared/infer';
import type { Diagnostic, Workflow } from '../../../src/shared/model';
import { downstream, upstream } from '../../../src/shared/search/lineage';
import { fileLineage, parseSearchQuery, searchWorkflow } from '../../../src/shared/search/search-workflow';

const workflow: Workflow = {
  pegasus: '5.0.4',
  name: 'chain',
  dependencies: [],
  jobs: [
    { type: 'job', namespace: 'bio', name: 'fetch', id: 'fetch_A', nodeLabel: 'download', arguments: [], uses: [{ lfn: 'A.sra', type: 'output' }] },
    { type: 'job', name: 'align', id: 'align_A', arguments: [], uses: [{ lfn: 'A.sra', type: 'input' }, { lfn: 'A.bam', type: 'output' }] },
    { type: 'job', name: 'call', id: 'call_A', arguments: [], uses: [{ lfn: 'A.bam', type: 'input' }, { lfn: 'A.vcf', type: 'output' }] },
    { type: 'job', name: 'fetch', id: 'fetch_B', arguments: [], uses: [{ lfn: 'B.sra', type: 'output' }] },
  ],
};

describe('search', () => {
  it('reads field prefixes', () => {
    expect(parseSearchQuery('tx: bio::fetch')).toEqual({ field: 'transformation', text: 'bio::fetch' });
    expect(parseSearchQuery('A.bam')).toEqual({ field: 'any', text: 'a.bam' });
    expect(parseSearchQuery('http://x')).toEqual({ field: 'any', text: 'http://x' });
  });

  it('finds jobs by id, transformation, label and file, and files by name', () => {
    expect(searchWorkflow(workflow, parseSearchQuery('id:align')).jobs).toEqual([1]);
    expect(searchWorkflow(workflow, parseSearchQuery('tx:bio::')).jobs).toEqual([0]);
    expect(searchWorkflow(workflow, parseSearchQuery('label:download')).jobs).toEqual([0]);
    expect(searchWorkflow(workflow, parseSearchQuery('file:a.bam'))).toEqual({ jobs: [1, 2], files: ['A.bam'] });
    expect(searchWorkflow(workflow, parseSearchQuery('fetch')).jobs).toEqual([0, 3]);
    expect(searchWorkflow(workflow, parseSearchQuery('   '))).toEqual({ jobs: [], files: [] });
  });

  it('finds the targets of diagnostics by code or message', () => {
    const diagnostics: Diagnostic[] = [
      { code: 'PC205', severity: 'error', message: 'nothing produces B.ref', target: { kind: 'file', lfn: 'B.ref', jobId: 'fetch_B' } },
    ];
    expect(searchWorkflow(workflow, parseSearchQuery('diag:PC205'), diagnostics)).toEqual({ jobs: [3], files: [] });
  });
});

describe('lineage', () => {
  const graph = inferDependencies(workflow);

  it('selects upstream and downstream jobs', () => {
    expect(upstream(graph, [2])).toEqual([0, 1, 2]);
    expect(downstream(graph, [0])).toEqual([0, 1, 2]);
    expect(downstream(graph, [3])).toEqual([3]);
  });

  it('isolates the lineage of a file', () => {
    expect(fileLineage(workflow, graph, 'A.bam')).toEqual({ upstream: [0, 1], downstream: [2] });
  });
});
