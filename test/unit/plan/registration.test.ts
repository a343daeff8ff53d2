import { describe, expect, it } from 'vitest';
import { bundle, byName, job, parentsOf, planOk, site } from './support/build';

describe('registration jobs', () => {
  it('adds register_<site>_<level>_<n> after the stage-out job of registered files', () => {
    const b = bundle({
      jobs: [
        job(
          'a',
          'alpha',
          [],
          [
            { lfn: 'x', stageOut: true, registerReplica: true },
            { lfn: 'y', stageOut: true },
          ],
        ),
      ],
    });
    const planned = planOk(b, { outputSites: ['local'], cleanup: 'none' });
    expect(parentsOf(planned, 'register_local_0_0')).toEqual(['stage_out_local_local_0_0']);
    expect(byName(planned, 'register_local_0_0').registrations).toEqual([
      { lfn: 'x', site: 'local', url: 'file:///data/local/output/x' },
    ]);
    expect(byName(planned, 'register_local_0_0').category).toBe('registration');
  });

  it('registers a file that is not staged out straight after its producer', () => {
    const b = bundle({ jobs: [job('a', 'alpha', [], [{ lfn: 'x', stageOut: false, registerReplica: true }])] });
    const planned = planOk(b, { outputSites: ['local'], cleanup: 'none' });
    expect(parentsOf(planned, 'register_local_0_0')).toEqual(['alpha_a']);
    expect(byName(planned, 'register_local_0_0').registrations![0]!.url).toBe(
      'file:///data/local/scratch/user/pegasus/wf/run0001/x',
    );
  });

  it('registers a staged-out file once per output site, and a file left in place once', () => {
    const b = bundle({
      jobs: [
        job(
          'a',
          'alpha',
          [],
          [
            { lfn: 'x', stageOut: true, registerReplica: true },
            { lfn: 'kept', stageOut: false, registerReplica: true },
          ],
        ),
      ],
      sites: [site('local'), site('condorpool'), site('archive')],
    });
    const planned = planOk(b, { outputSites: ['local', 'archive'], cleanup: 'none' });
    const registered = planned.jobs
      .filter((j) => j.kind === 'registration')
      .flatMap((j) => j.registrations!.map((r) => `${r.lfn}@${r.site}`));
    expect(registered.sort()).toEqual(['kept@local', 'x@archive', 'x@local']);
  });
});
