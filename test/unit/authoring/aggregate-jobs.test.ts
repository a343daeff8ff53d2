import { describe, expect, it } from 'vitest';
import { aggregateJobs, groupStateCounts } from '../../../src/shared/aggregate/aggregate-jobs';
import { levels } from '../../../src/shared/graph';
import { inferDependencies } from '../../../src/shared/infer';
import type { Job, Workflow } from '../../../src/shared/model';

function fanOutFanIn(workers: number): Workflow {
  const jobs: Job[] = [{ type: 'job', name: 'split', id: 'split', arguments: [], uses: Array.from({ length: workers }, (_, i) => ({ lfn: `p${i}`, type: 'output' as const })) }];
  for (let i = 0; i < workers; i++) jobs.push({ type: 'job', namespace: 'x', name: 'work', id: `w${i}`, arguments: [], uses: [{ lfn: `p${i}`, type: 'input' }, { lfn: `o${i}`, type: 'output' }] });
  jobs.push({ type: 'pegasusWorkflow', file: 'sub.yml', id: 'sub', arguments: [], uses: [{ lfn: 'o0', type: 'input' }] });
  jobs.push({ type: 'job', name: 'merge', id: 'merge', arguments: [], uses: Array.from({ length: workers }, (_, i) => ({ lfn: `o${i}`, type: 'input' as const })) });
  return { pegasus: '5.0', name: 'f', jobs, dependencies: [] };
}

describe('aggregateJobs', () => {
  it('groups jobs by level and transformation, with edge multiplicities', () => {
    const workflow = fanOutFanIn(500);
    const graph = inferDependencies(workflow);
    const aggregation = aggregateJobs(workflow, graph, levels(graph)!);
    expect(aggregation.groups.map((group) => [group.level, group.label, group.count, group.kind])).toEqual([
      [0, 'split', 1, 'job'],
      [1, 'x::work', 500, 'job'],
      [2, 'sub.yml', 1, 'pegasusWorkflow'],
      [2, 'merge', 1, 'job'],
    ]);
    expect(aggregation.edges).toEqual([
      { from: 0, to: 1, multiplicity: 500 },
      { from: 1, to: 2, multiplicity: 1 },
      { from: 1, to: 3, multiplicity: 500 },
    ]);
    // Members in document order, each job in exactly one group.
    const workers = Array.from(aggregation.members.subarray(aggregation.memberOffsets[1]!, aggregation.memberOffsets[2]!));
    expect(workers).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    expect(aggregation.groupOf[501]).toBe(2);
  });

  it('counts job states per group', () => {
    const workflow = fanOutFanIn(4);
    const graph = inferDependencies(workflow);
    const aggregation = aggregateJobs(workflow, graph, levels(graph)!);
    const states = new Uint8Array([2, 2, 1, 0, 3, 0, 0]);
    expect(groupStateCounts(aggregation, states, 4).map((row) => Array.from(row))).toEqual([
      [0, 0, 1, 0],
      [1, 1, 1, 1],
      [1, 0, 0, 0],
      [1, 0, 0, 0],
    ]);
  });
});
