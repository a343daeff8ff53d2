import { describe, expect, it } from 'vitest';
import { inferDependencies } from '../../../src/shared/infer';
import { mergeCatalogs } from '../../../src/shared/plan/catalogs';
import { dataReuse } from '../../../src/shared/plan/data-reuse';
import { topologicalOrder } from '../../../src/shared/plan/graph-utils';
import { bundle, byName, job, names, parentsOf, planOk } from './support/build';

function prunedIds(b: ReturnType<typeof bundle>, force = false): string[] {
  const graph = inferDependencies(b.workflow);
  const catalogs = mergeCatalogs(b.workflow, b.catalogs, '/submit');
  const result = dataReuse(b.workflow, graph, topologicalOrder(graph)!, catalogs.replicas, force);
  return b.workflow.jobs.filter((_, i) => result.pruned[i]).map((j) => j.id);
}

// a → b → c: a writes x, b reads x writes y, c reads y writes z (intermediates not staged out).
const chain = (stageOutY = false): ReturnType<typeof bundle>['workflow']['jobs'] => [
  job('a', 'gen', ['in'], [{ lfn: 'x', stageOut: false }]),
  job('b', 'mid', ['x'], [{ lfn: 'y', stageOut: stageOutY }]),
  job('c', 'end', ['y'], ['z']),
];

describe('data reuse', () => {
  it('prunes a job whose outputs all have replicas, and then parents left with no children', () => {
    const b = bundle({ jobs: chain(), replicas: [{ lfn: 'in' }, { lfn: 'z' }] });
    expect(prunedIds(b)).toEqual(['a', 'b', 'c']);
  });

  it('keeps a parent whose output is staged out even when its children are gone', () => {
    const b = bundle({ jobs: chain(true), replicas: [{ lfn: 'in' }, { lfn: 'z' }] });
    expect(prunedIds(b)).toEqual(['c']);
  });

  it('keeps a job when one output has no replica', () => {
    const jobs = [job('a', 'gen', [], ['x', 'w'])];
    expect(prunedIds(bundle({ jobs, replicas: [{ lfn: 'x' }] }))).toEqual([]);
  });

  it('prunes nothing with force', () => {
    const b = bundle({ jobs: chain(), replicas: [{ lfn: 'in' }, { lfn: 'z' }] });
    expect(prunedIds(b, true)).toEqual([]);
  });

  it('stages a pruned job’s output from its replica for the jobs still to run', () => {
    // b's output y already exists: b (and a, whose only child is b) go; c reads y from the catalog.
    const b = bundle({ jobs: chain(), replicas: [{ lfn: 'in' }, { lfn: 'y' }] });
    const planned = planOk(b, { sites: ['condorpool'], cleanup: 'none' });
    expect(planned.prunedJobs).toEqual(['a', 'b']);
    expect(names(planned)).toEqual(['create_dir_wf_0_local', 'end_c', 'stage_in_local_local_0_0']);
    expect(parentsOf(planned, 'end_c')).toEqual(['stage_in_local_local_0_0']);
  });

  it('reduces a workflow whose outputs all exist to a NOOP job, with a warning', () => {
    const b = bundle({ jobs: [job('a', 'gen', [], ['x'])], replicas: [{ lfn: 'x' }] });
    const planned = planOk(b, {});
    expect(names(planned)).toEqual(['noop_wf_0']);
  });
});

describe('outputs of pruned jobs', () => {
  it('still go to the output site, from their replica, in level-1000 stage-out jobs without parents', () => {
    const b = bundle({
      jobs: [
        job('a', 'gen', ['in'], [{ lfn: 'x', stageOut: false }]),
        job('b', 'mid', ['x'], [{ lfn: 'y', stageOut: true, registerReplica: true }]),
        job('c', 'end', ['y'], ['z']),
      ],
      replicas: [{ lfn: 'in' }, { lfn: 'y' }],
    });
    const planned = planOk(b, { sites: ['condorpool'], outputSites: ['local'], cleanup: 'leaf' });
    expect(planned.prunedJobs).toEqual(['a', 'b']);
    const deleted = byName(planned, 'stage_out_local_local_1000_0');
    expect(deleted.transfers).toEqual([
      {
        lfn: 'y',
        linkage: 'output',
        source: { site: 'local', url: '/inputs/y' },
        destination: { site: 'local', url: 'file:///data/local/output/y' },
        bytes: undefined,
      },
    ]);
    expect(parentsOf(planned, 'stage_out_local_local_1000_0')).toEqual([]);
    expect(parentsOf(planned, 'register_local_1000_0')).toEqual(['stage_out_local_local_1000_0']);
    // The leaf cleanup does not wait for it (pegasus-plan skips parentless stage-out jobs).
    expect(parentsOf(planned, 'cleanup_wf_0_local')).not.toContain('stage_out_local_local_1000_0');
  });
});

describe('a fully reduced workflow with output sites', () => {
  it('keeps only the stage-out of the existing outputs', () => {
    const b = bundle({
      jobs: [job('a', 'gen', [], [{ lfn: 'x', stageOut: true }])],
      replicas: [{ lfn: 'x', pfn: 'https://example.org/x' }],
    });
    expect(names(planOk(b, { outputSites: ['local'] }))).toEqual(['stage_out_local_local_1000_0']);
    expect(names(planOk(b, {}))).toEqual(['noop_wf_0']);
  });
});
