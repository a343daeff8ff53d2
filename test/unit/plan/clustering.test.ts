import { describe, expect, it } from 'vitest';
import { plan, PLAN_CODES } from '../../../src/shared/plan';
import { horizontalChunks } from '../../../src/shared/plan/clustering';
import { bundle, byName, job, names, parentsOf, planOk, site, tx } from './support/build';

// Five independent "sim" jobs on level 0, each feeding one "sum" job.
function fan(profiles?: Parameters<typeof tx>[3]): ReturnType<typeof bundle> {
  const sims = [1, 2, 3, 4, 5].map((i) => job(`s${i}`, 'sim', [], [{ lfn: `o${i}`, stageOut: false }]));
  return bundle({
    jobs: [...sims, job('t', 'sum', ['o1', 'o2', 'o3', 'o4', 'o5'], [{ lfn: 'total', stageOut: false }])],
    transformations: [tx('sim', ['condorpool'], 'installed', profiles), tx('sum', ['condorpool'])],
  });
}

const computeNames = (w: ReturnType<typeof planOk>): string[] =>
  w.jobs
    .filter((j) => j.kind === 'compute' || j.kind === 'cluster')
    .map((j) => j.name)
    .sort();

describe('clustering', () => {
  it('leaves the workflow alone without --cluster, or without a clusters.* profile', () => {
    expect(computeNames(planOk(fan({ pegasus: { 'clusters.size': 2 } }), { cleanup: 'none' }))).toHaveLength(6);
    expect(computeNames(planOk(fan(), { cleanup: 'none', cluster: ['horizontal'] }))).toHaveLength(6);
  });

  it('cuts a level into clusters of clusters.size jobs, the last one holding what is left', () => {
    const planned = planOk(fan({ pegasus: { 'clusters.size': 2 } }), { cleanup: 'none', cluster: ['horizontal'] });
    // As pegasus-plan does, even a left-over single job becomes a cluster of one task.
    expect(computeNames(planned)).toEqual(['merge_sim_PID1_ID1', 'merge_sim_PID1_ID2', 'merge_sim_PID1_ID3', 'sum_t']);
    expect(byName(planned, 'merge_sim_PID1_ID1').tasks.map((t) => planned.workflow.jobs[t]!.id)).toEqual(['s1', 's2']);
    expect(byName(planned, 'merge_sim_PID1_ID3').tasks.map((t) => planned.workflow.jobs[t]!.id)).toEqual(['s5']);
    expect(parentsOf(planned, 'sum_t')).toEqual(['merge_sim_PID1_ID1', 'merge_sim_PID1_ID2', 'merge_sim_PID1_ID3']);
  });

  it('cuts groups as pegasus-plan does (Horizontal.getCollapseFactor)', () => {
    // clusters.num: ⌊size/num⌋ per cluster, the first size mod num one larger.
    expect(horizontalChunks(7, 3, undefined)).toEqual([
      [0, 3],
      [3, 5],
      [5, 7],
    ]);
    expect(horizontalChunks(5, 1, undefined)).toEqual([[0, 5]]);
    // As many clusters as jobs (or more) would be clusters of one: nothing is clustered.
    expect(horizontalChunks(4, 4, undefined)).toEqual([]);
    expect(horizontalChunks(3, 8, undefined)).toEqual([]);
    // clusters.size: chunks of that many, the rest last.
    expect(horizontalChunks(7, undefined, 3)).toEqual([
      [0, 3],
      [3, 6],
      [6, 7],
    ]);
    expect(horizontalChunks(7, undefined, 10)).toEqual([[0, 7]]);
    expect(horizontalChunks(7, undefined, 1)).toEqual([]);
    expect(horizontalChunks(7, undefined, undefined)).toEqual([]);
  });

  it('lets clusters.num win over clusters.size', () => {
    const planned = planOk(fan({ pegasus: { 'clusters.size': 5, 'clusters.num': 2 } }), {
      cleanup: 'none',
      cluster: ['horizontal'],
    });
    const clusters = planned.jobs.filter((j) => j.kind === 'cluster').map((j) => j.tasks.length);
    expect(clusters).toEqual([3, 2]);
  });

  it('groups jobs with the same label profile, across transformations and levels', () => {
    const b = bundle({
      jobs: [
        job('a', 'pre', [], [{ lfn: 'x', stageOut: false }], { pegasus: { label: 'p1' } }),
        job('b', 'post', ['x'], ['y'], { pegasus: { label: 'p1' } }),
        job('c', 'other', ['y'], ['z']),
      ],
    });
    const planned = planOk(b, { cleanup: 'none', cluster: ['label'], outputSites: ['local'] });
    // Partitions are numbered as the levels are walked: p1 is ID1, other_c's own is ID2.
    expect(computeNames(planned)).toEqual(['merge_pre_ID1', 'other_c']);
    expect(parentsOf(planned, 'other_c')).toEqual(['merge_pre_ID1']);
    // x is made and read inside the cluster: nothing stages it.
    expect(names(planned).some((n) => n.startsWith('stage_in'))).toBe(false);
  });

  it('fails, as pegasus-plan does, when a label skips a level', () => {
    const b = bundle({
      jobs: [
        job('a', 'step', [], [{ lfn: 'x', stageOut: false }], { pegasus: { label: 'A' } }),
        job('b', 'step', ['x'], [{ lfn: 'y', stageOut: false }], { pegasus: { label: 'B' } }),
        job('c', 'step', ['y'], [{ lfn: 'z', stageOut: false }], { pegasus: { label: 'A' } }),
      ],
    });
    const result = plan(b, { cluster: ['label'] });
    expect(result.ok).toBe(false);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.code, d.target])).toEqual([[PLAN_CODES.badLabel, { kind: 'job', jobId: 'c' }]]);
    expect(errors[0]!.message).toContain('invalid labelled graph');
  });

  it('fails when one label spans two sites', () => {
    const b = bundle({
      jobs: [
        job('a', 'east', [], [{ lfn: 'x', stageOut: false }], { pegasus: { label: 'A' } }),
        job('b', 'west', [], [{ lfn: 'y', stageOut: false }], { pegasus: { label: 'A' } }),
      ],
      sites: [site('local'), site('east'), site('west')],
      transformations: [tx('east', ['east']), tx('west', ['west'])],
    });
    const result = plan(b, { sites: ['east', 'west'], cluster: ['label'] });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([PLAN_CODES.badLabel]);
  });
});
