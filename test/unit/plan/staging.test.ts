import { describe, expect, it } from 'vitest';
import { plan, PLAN_CODES } from '../../../src/shared/plan';
import { bundle, byName, job, names, parentsOf, planOk, site, tx } from './support/build';

describe('stage-in, inter-site and stage-out jobs', () => {
  it('fails naming the job and the file when an input has no replica and no producer', () => {
    const result = plan(bundle({ jobs: [job('a', 'alpha', ['missing.dat'], ['x'])] }), {});
    expect(result.ok).toBe(false);
    const error = result.diagnostics.find((d) => d.severity === 'error')!;
    expect(error.code).toBe(PLAN_CODES.noReplica);
    expect(error.target).toEqual({ kind: 'file', lfn: 'missing.dat', jobId: 'a' });
    expect(error.message).toContain('Job a: input missing.dat');
  });

  it('stages each input once per staging site, in one transfer job per 10 jobs of a level', () => {
    const jobs = Array.from({ length: 25 }, (_, i) =>
      job(`j${i}`, 'work', ['shared.cfg', `in${i}`], [{ lfn: `out${i}`, stageOut: false }]),
    );
    const replicas = [{ lfn: 'shared.cfg', size: 100 }, ...jobs.map((_, i) => ({ lfn: `in${i}`, size: 10 }))];
    const planned = planOk(bundle({ jobs, replicas }), { cleanup: 'none' });
    const stageIns = planned.jobs.filter((j) => j.kind === 'stage-in');
    expect(stageIns.map((j) => j.name).sort()).toEqual([
      'stage_in_local_local_0_0',
      'stage_in_local_local_0_1',
      'stage_in_local_local_0_2',
    ]);
    const lfns = stageIns.flatMap((j) => j.transfers!.map((t) => t.lfn));
    expect(lfns.filter((l) => l === 'shared.cfg')).toHaveLength(1);
    expect(lfns).toHaveLength(26);
    expect(stageIns.flatMap((j) => j.transfers!).reduce((sum, t) => sum + (t.bytes ?? 0), 0)).toBe(350);
    // Every job waits for the transfer job that holds shared.cfg.
    const holder = stageIns.find((j) => j.transfers!.some((t) => t.lfn === 'shared.cfg'))!.name;
    for (let i = 0; i < 25; i++) expect(parentsOf(planned, `work_j${i}`)).toContain(holder);
  });

  it('follows the stagein.clusters profile', () => {
    const jobs = Array.from({ length: 25 }, (_, i) =>
      job(`j${i}`, 'work', [`in${i}`], [{ lfn: `out${i}`, stageOut: false }], { pegasus: { 'stagein.clusters': 1 } }),
    );
    const planned = planOk(bundle({ jobs, replicas: jobs.map((_, i) => ({ lfn: `in${i}` })) }), { cleanup: 'none' });
    expect(planned.jobs.filter((j) => j.kind === 'stage-in').map((j) => j.name)).toEqual(['stage_in_local_local_0_0']);
  });

  it('runs a stage-in on the staging site when the replica is a file URL there', () => {
    const b = bundle({
      jobs: [job('a', 'alpha', ['near', 'far'], [{ lfn: 'x', stageOut: false }])],
      replicas: [
        { lfn: 'near', pfn: 'file:///data/near' },
        { lfn: 'far', pfn: 'https://example.org/far' },
      ],
    });
    const planned = planOk(b, { cleanup: 'none' });
    expect(byName(planned, 'stage_in_remote_local_0_0').transfers!.map((t) => t.lfn)).toEqual(['near']);
    expect(byName(planned, 'stage_in_local_local_0_0').transfers!.map((t) => t.lfn)).toEqual(['far']);
  });

  it('moves a file between staging sites with an inter-site job', () => {
    const b = bundle({
      jobs: [
        job('a', 'alpha', [], [{ lfn: 'x', stageOut: false }]),
        job('b', 'beta', ['x'], [{ lfn: 'y', stageOut: false }]),
      ],
      sites: [site('local'), site('east'), site('west')],
      transformations: [tx('alpha', ['east']), tx('beta', ['west'])],
    });
    const planned = planOk(b, { sites: ['east', 'west'], dataConfiguration: 'nonsharedfs', cleanup: 'none' });
    const inter = byName(planned, 'stage_inter_local_west_1_0');
    expect(inter.transfers![0]).toMatchObject({
      lfn: 'x',
      source: { site: 'east', url: 'file:///data/east/scratch/user/pegasus/wf/run0001/x' },
      destination: { site: 'west' },
    });
    // The transfer writes into west's directory, so west's create-dir comes first.
    expect(parentsOf(planned, 'stage_inter_local_west_1_0')).toEqual(['alpha_a', 'create_dir_wf_0_west']);
    expect(parentsOf(planned, 'beta_b')).toEqual(['alpha_a', 'stage_inter_local_west_1_0']);
    expect(names(planned)).toContain('create_dir_wf_0_east');
  });

  it('stages stageOut outputs to every output site, and none without output sites', () => {
    const b = bundle({
      jobs: [job('a', 'alpha', [], ['x', { lfn: 'tmp', stageOut: false }])],
      sites: [site('local'), site('condorpool'), site('archive')],
    });
    const planned = planOk(b, { outputSites: ['local', 'archive'], cleanup: 'none' });
    const out = byName(planned, 'stage_out_local_local_0_0');
    expect(out.transfers!.map((t) => `${t.lfn}→${t.destination.url}`)).toEqual([
      'x→file:///data/local/output/x',
      'x→file:///data/archive/output/x',
    ]);
    expect(parentsOf(planned, 'stage_out_local_local_0_0')).toEqual(['alpha_a']);
    expect(names(planOk(b, { cleanup: 'none' })).some((n) => n.startsWith('stage_out'))).toBe(false);
  });

  it('stages a stageable executable once per staging site', () => {
    const b = bundle({
      jobs: [
        job('a', 'keg', [], [{ lfn: 'x', stageOut: false }]),
        job('b', 'keg', [], [{ lfn: 'y', stageOut: false }]),
      ],
      transformations: [tx('keg', ['condorpool'], 'stageable')],
    });
    const planned = planOk(b, { cleanup: 'none' });
    const stageIn = byName(planned, 'stage_in_local_local_0_0');
    expect(stageIn.transfers).toEqual([
      {
        lfn: 'keg',
        linkage: 'input',
        executable: true,
        source: { site: 'condorpool', url: 'file:///opt/keg' },
        destination: { site: 'local', url: 'file:///data/local/scratch/user/pegasus/wf/run0001/keg' },
      },
    ]);
    expect(parentsOf(planned, 'keg_b')).toEqual(['stage_in_local_local_0_0']);
  });
});

describe('bypassed inputs', () => {
  it('stages nothing for an input with bypass, but still needs its replica', () => {
    const use = (bypass: boolean) => ({
      ...job('a', 'alpha', [], [{ lfn: 'x', stageOut: false }]),
      uses: [
        { lfn: 'big', type: 'input' as const, bypass },
        { lfn: 'x', type: 'output' as const, stageOut: false },
      ],
    });
    const bypassed = planOk(bundle({ jobs: [use(true)], replicas: [{ lfn: 'big' }] }), { cleanup: 'none' });
    expect(names(bypassed)).toEqual(['alpha_a', 'create_dir_wf_0_local']);
    const staged = planOk(bundle({ jobs: [use(false)], replicas: [{ lfn: 'big' }] }), { cleanup: 'none' });
    expect(names(staged)).toContain('stage_in_local_local_0_0');
    expect(plan(bundle({ jobs: [use(true)] }), {}).ok).toBe(false);
  });
});

describe('transfer bundling from the staging site', () => {
  it('reads stagein.clusters from the staging site’s catalog entry', () => {
    const jobs = Array.from({ length: 6 }, (_, i) =>
      job(`j${i}`, 'work', [`in${i}`], [{ lfn: `out${i}`, stageOut: false }]),
    );
    const b = bundle({
      jobs,
      replicas: jobs.map((_, i) => ({ lfn: `in${i}` })),
      sites: [site('local', { pegasus: { 'stagein.clusters': 3 } }), site('condorpool')],
    });
    const planned = planOk(b, { cleanup: 'none' });
    const stageIns = planned.jobs.filter((j) => j.kind === 'stage-in');
    expect(stageIns.map((j) => j.name).sort()).toEqual([
      'stage_in_local_local_0_0',
      'stage_in_local_local_0_1',
      'stage_in_local_local_0_2',
    ]);
    // Files are dealt round robin.
    expect(byName(planned, 'stage_in_local_local_0_1').transfers!.map((t) => t.lfn)).toEqual(['in1', 'in4']);
  });
});
