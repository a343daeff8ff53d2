import { describe, expect, it } from 'vitest';
import { plan, PLAN_CODES } from '../../../src/shared/plan';
import { bundle, byName, job, planOk, site, tx } from './support/build';

describe('site and staging-site selection', () => {
  it('runs each job on the first --sites site where its transformation is installed', () => {
    const b = bundle({
      jobs: [job('a', 'alpha', [], ['x']), job('b', 'beta', ['x'], ['y'])],
      sites: [site('local'), site('east'), site('west')],
      transformations: [tx('alpha', ['west']), tx('beta', ['east', 'west'])],
    });
    const planned = planOk(b, { sites: ['east', 'west'], cleanup: 'none' });
    expect(byName(planned, 'alpha_a').site).toBe('west');
    expect(byName(planned, 'beta_b').site).toBe('east');
  });

  it('defaults --sites to every site but local, and puts stageable transformations anywhere', () => {
    const b = bundle({
      jobs: [job('a', 'alpha', [], ['x'])],
      sites: [site('local'), site('hpc')],
      transformations: [tx('alpha', ['local'], 'stageable')],
    });
    const planned = planOk(b, { cleanup: 'none' });
    expect(planned.options.sites).toEqual(['hpc', 'condorpool']);
    expect(byName(planned, 'alpha_a').site).toBe('hpc');
    expect(byName(planned, 'alpha_a').executables).toEqual([
      { lfn: 'alpha', source: { site: 'local', url: 'file:///opt/alpha' } },
    ]);
  });

  it('honours selector execution.site', () => {
    const b = bundle({
      jobs: [job('a', 'alpha', [], ['x'], { selector: { 'execution.site': 'west' } })],
      sites: [site('local'), site('east'), site('west')],
      transformations: [tx('alpha', ['east', 'west'])],
    });
    expect(byName(planOk(b, { sites: ['east', 'west'] }), 'alpha_a').site).toBe('west');
  });

  it('fails naming the job when no site can run its transformation', () => {
    const b = bundle({
      jobs: [job('a', 'alpha', [], ['x']), job('b', 'ghost', [], ['y'])],
      transformations: [tx('alpha', ['elsewhere'])],
    });
    const result = plan(b, { sites: ['condorpool'] });
    expect(result.ok).toBe(false);
    const codes = result.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.target]);
    expect(codes).toEqual([
      [PLAN_CODES.noSite, { kind: 'job', jobId: 'a' }],
      [PLAN_CODES.noSite, { kind: 'job', jobId: 'b' }],
    ]);
    expect(result.diagnostics.find((d) => d.target?.kind === 'job' && d.target.jobId === 'b')!.message).toContain(
      'not in the transformation catalog',
    );
  });

  it('fails when a job is pinned to a site the catalog lacks', () => {
    const b = bundle({ jobs: [job('a', 'alpha', [], ['x'], { selector: { 'execution.site': 'mars' } })] });
    const result = plan(b, {});
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).toContain(PLAN_CODES.unknownPinnedSite);
  });

  it('picks the staging site by data configuration', () => {
    const b = bundle({
      jobs: [job('a', 'alpha', [], ['x'])],
      sites: [site('local'), site('hpc'), site('store')],
      transformations: [tx('alpha', ['hpc'])],
    });
    expect(byName(planOk(b, { sites: ['hpc'] }), 'alpha_a').stagingSite).toBe('local');
    expect(byName(planOk(b, { sites: ['hpc'], dataConfiguration: 'sharedfs' }), 'alpha_a').stagingSite).toBe('hpc');
    expect(byName(planOk(b, { sites: ['hpc'], dataConfiguration: 'nonsharedfs' }), 'alpha_a').stagingSite).toBe('hpc');
    expect(
      byName(planOk(b, { sites: ['hpc'], dataConfiguration: 'nonsharedfs', stagingSites: { hpc: 'store' } }), 'alpha_a')
        .stagingSite,
    ).toBe('store');
  });

  it('refuses a non-local staging site with condorio, and unknown sites', () => {
    const b = bundle({
      jobs: [job('a', 'alpha', [], ['x'])],
      sites: [site('local'), site('hpc'), site('store')],
      transformations: [tx('alpha', ['hpc'])],
    });
    const condorio = plan(b, { sites: ['hpc'], stagingSites: { hpc: 'store' } });
    expect(condorio.ok).toBe(false);
    expect(condorio.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([
      PLAN_CODES.badStagingSite,
    ]);
    const unknown = plan(b, { sites: ['nowhere'], outputSites: ['void'] });
    expect(unknown.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([
      PLAN_CODES.unknownSite,
      PLAN_CODES.unknownSite,
    ]);
  });

  it('takes the data configuration from the site profile', () => {
    const b = bundle({
      jobs: [job('a', 'alpha', [], ['x'])],
      sites: [site('local'), site('hpc', { pegasus: { 'data.configuration': 'sharedfs' } })],
      transformations: [tx('alpha', ['hpc'])],
    });
    const a = byName(planOk(b, { sites: ['hpc'] }), 'alpha_a');
    expect([a.dataConfiguration, a.stagingSite]).toEqual(['sharedfs', 'hpc']);
  });

  it('creates the local and condorpool sites when the catalog lacks them', () => {
    const b = bundle({ jobs: [job('a', 'alpha', [], ['x'])], sites: [] });
    const result = plan(b, { submitDir: '/home/u/runs/run0001' });
    expect(result.ok).toBe(true);
    expect(result.diagnostics.filter((d) => d.code === PLAN_CODES.siteCreated).map((d) => d.target)).toEqual([
      { kind: 'site', name: 'local' },
      { kind: 'site', name: 'condorpool' },
    ]);
    if (!result.ok) return;
    expect(byName(result.value, 'create_dir_wf_0_local').directory!.url).toBe(
      'file:///home/u/runs/wf-scratch/LOCAL/user/pegasus/wf/run0001',
    );
  });

  it('runs sub-workflow jobs on local and names them pegasus-plan_<id> and dagman_<id>', () => {
    const b = bundle({
      jobs: [
        {
          type: 'pegasusWorkflow',
          id: 'sub1',
          file: 'inner.yml',
          arguments: [],
          uses: [{ lfn: 'inner.yml', type: 'input' }],
        },
        { type: 'condorWorkflow', id: 'sub2', file: 'inner.dag', arguments: [], uses: [] },
      ],
      replicas: [{ lfn: 'inner.yml' }, { lfn: 'inner.dag', pfn: 'file:///home/u/inner.dag' }],
    });
    const planned = planOk(b, {});
    expect([byName(planned, 'pegasus-plan_sub1').site, byName(planned, 'dagman_sub2').site]).toEqual([
      'local',
      'local',
    ]);
    expect([
      byName(planned, 'pegasus-plan_sub1').subWorkflowPath,
      byName(planned, 'dagman_sub2').subWorkflowPath,
    ]).toEqual(['/inputs/inner.yml', '/home/u/inner.dag']);
  });

  it('finds a sub-workflow file made by an earlier job, and fails when nothing provides it', () => {
    const made = bundle({
      jobs: [
        job('g', 'gen', [], [{ lfn: 'inner.yml', stageOut: false }]),
        {
          type: 'pegasusWorkflow',
          id: 'sub',
          file: 'inner.yml',
          arguments: [],
          uses: [{ lfn: 'inner.yml', type: 'input' }],
        },
      ],
    });
    expect(byName(planOk(made, {}), 'pegasus-plan_sub').subWorkflowPath).toBe(
      '/data/local/scratch/user/pegasus/wf/run0001/inner.yml',
    );
    const missing = bundle({
      jobs: [{ type: 'condorWorkflow', id: 'd', file: 'nowhere.dag', arguments: [], uses: [] }],
    });
    const result = plan(missing, {});
    expect(result.ok).toBe(false);
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.target])).toEqual([
      [PLAN_CODES.subWorkflowFile, { kind: 'file', lfn: 'nowhere.dag', jobId: 'd' }],
    ]);
  });
});

describe('progress', () => {
  it('reports each pass in order, ending with priorities', () => {
    const seen: string[] = [];
    const b = bundle({ jobs: [job('a', 'alpha', [], ['x'])] });
    plan(b, {}, { onPass: (pass, index, total) => seen.push(`${index}/${total} ${pass}`) });
    expect(seen).toEqual([
      '1/8 data reuse',
      '2/8 site selection',
      '3/8 clustering',
      '4/8 staging',
      '5/8 registration',
      '6/8 create-dir',
      '7/8 cleanup',
      '8/8 priorities',
    ]);
  });
});
