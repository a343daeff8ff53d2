import { describe, expect, it } from 'vitest';
import { plan, PLAN_CODES } from '../../../src/shared/plan';
import { bundle, byName, edges, job, names, parentsOf, planOk, site, tx } from './support/build';

// a → b → c, all on condorpool, staged through local; c's output staged out.
const chain = (): ReturnType<typeof bundle> =>
  bundle({
    jobs: [
      job('a', 'gen', ['in'], [{ lfn: 'x', stageOut: false }]),
      job('b', 'mid', ['x'], [{ lfn: 'y', stageOut: false }]),
      job('c', 'end', ['y'], ['z']),
    ],
    replicas: [{ lfn: 'in' }],
  });

describe('create-dir jobs', () => {
  it('adds one create_dir per staging site with the fewest edges', () => {
    const planned = planOk(chain(), { cleanup: 'none', outputSites: ['local'] });
    // Only the root needs the edge: everything else descends from it.
    expect(edges(planned).filter((e) => e.startsWith('create_dir'))).toEqual([
      'create_dir_wf_0_local -> stage_in_local_local_0_0',
    ]);
    expect(byName(planned, 'create_dir_wf_0_local').priority).toBe(800);
  });

  it('adds a create_dir per staging site when jobs stage in several places', () => {
    const b = bundle({
      jobs: [
        job('a', 'alpha', [], [{ lfn: 'x', stageOut: false }]),
        job('b', 'beta', [], [{ lfn: 'y', stageOut: false }]),
      ],
      sites: [site('local'), site('east'), site('west')],
      transformations: [tx('alpha', ['east']), tx('beta', ['west'])],
    });
    const planned = planOk(b, { sites: ['east', 'west'], dataConfiguration: 'sharedfs', cleanup: 'none' });
    expect(parentsOf(planned, 'alpha_a')).toEqual(['create_dir_wf_0_east']);
    expect(parentsOf(planned, 'beta_b')).toEqual(['create_dir_wf_0_west']);
  });
});

describe('cleanup', () => {
  it('with none adds no cleanup jobs', () => {
    expect(names(planOk(chain(), { cleanup: 'none' })).filter((n) => n.includes('clean'))).toEqual([]);
  });

  it('with leaf adds one cleanup_<label>_<index>_<site> after the last users of the directory', () => {
    const planned = planOk(chain(), { cleanup: 'leaf', outputSites: ['local'] });
    expect(parentsOf(planned, 'cleanup_wf_0_local')).toEqual(['stage_out_local_local_2_0']);
    expect(byName(planned, 'cleanup_wf_0_local').priority).toBe(1000);
  });

  it('in place deletes each file after every job that uses it, then removes the directory', () => {
    const planned = planOk(chain(), { outputSites: ['local'] });
    expect(planned.options.cleanup).toBe('inplace');
    const cleanups = planned.jobs.filter((j) => j.kind === 'cleanup');
    const fileOwner = new Map(cleanups.flatMap((j) => j.cleanupFiles!.map((f) => [f, j.name] as const)));
    expect([...fileOwner.keys()].sort()).toEqual(['in', 'x', 'y', 'z']);
    // x is written by a and read by b: deleted after both.
    expect(parentsOf(planned, fileOwner.get('x')!)).toEqual(expect.arrayContaining(['gen_a', 'mid_b']));
    // z is read by the stage-out job: deleted after it.
    expect(parentsOf(planned, fileOwner.get('z')!)).toEqual(
      expect.arrayContaining(['end_c', 'stage_out_local_local_2_0']),
    );
    for (const job of cleanups) {
      expect(job.name).toMatch(/^clean_up_local_level_\d+_\d+$/);
      expect(job.category).toBe('cleanup');
    }
    // The leaf cleanup job still comes last.
    const leafParents = parentsOf(planned, 'cleanup_wf_0_local');
    expect(leafParents.every((p) => p.startsWith('clean_up_'))).toBe(true);
  });

  it('turns in-place cleanup off in a hierarchical workflow', () => {
    const b = bundle({
      jobs: [
        {
          type: 'pegasusWorkflow',
          id: 'sub',
          file: 'inner.yml',
          arguments: [],
          uses: [{ lfn: 'inner.yml', type: 'input' }],
        },
      ],
      replicas: [{ lfn: 'inner.yml' }],
    });
    const result = plan(b, {});
    expect(result.ok).toBe(true);
    expect(result.diagnostics.map((d) => d.code)).toContain(PLAN_CODES.inplaceOff);
    if (!result.ok) return;
    expect(result.value.jobs.filter((j) => j.kind === 'cleanup')).toEqual([]);
    expect(parentsOf(result.value, 'cleanup_wf_0_local')).toEqual(['pegasus-plan_sub']);
  });
});

describe('priorities', () => {
  it('gives compute and registration jobs 10 × depth and auxiliary jobs their fixed priority', () => {
    const b = bundle({
      jobs: [job('a', 'gen', ['in'], [{ lfn: 'x', stageOut: true, registerReplica: true }])],
      replicas: [{ lfn: 'in' }],
    });
    const planned = planOk(b, { outputSites: ['local'], cleanup: 'leaf' });
    const priorities = Object.fromEntries(planned.jobs.map((j) => [j.name, j.priority]));
    expect(priorities).toEqual({
      gen_a: 20,
      stage_in_local_local_0_0: 700,
      stage_out_local_local_0_0: 900,
      register_local_0_0: 40,
      create_dir_wf_0_local: 800,
      cleanup_wf_0_local: 1000,
    });
  });

  it('lets a condor priority profile win', () => {
    const b = bundle({ jobs: [job('a', 'gen', [], [{ lfn: 'x', stageOut: false }], { condor: { priority: 55 } })] });
    expect(byName(planOk(b, { cleanup: 'none' }), 'gen_a').priority).toBe(55);
  });
});

describe('in-place cleanup across staging sites', () => {
  it('keeps a file on its producer’s site until the inter-site job has copied it', () => {
    const b = bundle({
      jobs: [
        job('a', 'alpha', [], [{ lfn: 'x', stageOut: false }]),
        job('b', 'beta', ['x'], [{ lfn: 'y', stageOut: false }]),
      ],
      sites: [site('local'), site('east'), site('west')],
      transformations: [tx('alpha', ['east']), tx('beta', ['west'])],
    });
    const planned = planOk(b, { sites: ['east', 'west'], dataConfiguration: 'nonsharedfs' });
    const eastCleanup = planned.jobs.find(
      (j) => j.kind === 'cleanup' && j.stagingSite === 'east' && j.cleanupFiles!.includes('x'),
    )!;
    expect(parentsOf(planned, eastCleanup.name)).toEqual(['alpha_a', 'stage_inter_local_west_1_0']);
    const westCleanup = planned.jobs.find(
      (j) => j.kind === 'cleanup' && j.stagingSite === 'west' && j.cleanupFiles!.includes('x'),
    )!;
    expect(parentsOf(planned, westCleanup.name)).toEqual(['beta_b', 'stage_inter_local_west_1_0']);
  });
});

describe('the worker package job', () => {
  it('is added per staging site before every root, only when asked and only for PegasusLite jobs', () => {
    const b = bundle({
      jobs: [
        job('a', 'gen', ['in'], [{ lfn: 'x', stageOut: false }]),
        job('b', 'other', [], [{ lfn: 'y', stageOut: false }]),
      ],
      replicas: [{ lfn: 'in' }],
    });
    const planned = planOk(b, { stageWorker: true, cleanup: 'none' });
    const worker = byName(planned, 'stage_worker_local_wf_0_local');
    expect([worker.priority, worker.category]).toEqual([700, 'stagein']);
    expect(edges(planned).filter((e) => e.startsWith('stage_worker'))).toEqual([
      'stage_worker_local_wf_0_local -> other_b',
      'stage_worker_local_wf_0_local -> stage_in_local_local_0_0',
    ]);
    expect(names(planOk(b, { cleanup: 'none' })).some((n) => n.startsWith('stage_worker'))).toBe(false);
    expect(
      names(planOk(b, { stageWorker: true, dataConfiguration: 'sharedfs', cleanup: 'none' })).some((n) =>
        n.startsWith('stage_worker'),
      ),
    ).toBe(false);
  });
});
