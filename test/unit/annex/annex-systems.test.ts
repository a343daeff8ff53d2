import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundledAnnexSystems, findSystem, mergeLiveSystems, parseAnnexSystemsOutput } from '../../../src/shared/remote/annex-systems';
import { annexCreateArgv, annexSlotsArgv, isSafeAnnexName } from '../../../src/shared/remote/annex-command';
import { sharedPath } from '../../support/shared-path';
import bundled from '../../../src/shared/remote/annex-systems.data.json';

function systemsSample(): string {
  const text = readFileSync(sharedPath('annex', 'sample-outputs.md'), 'utf8');
  const section = text.indexOf('## 3. `htcondor annex systems`');
  const open = text.indexOf('```\n', section) + 4;
  return text.slice(open, text.indexOf('```', open));
}

describe('the annex systems table', () => {
  it('bundles the same table as the recorded one', () => {
    const recorded: unknown = JSON.parse(readFileSync(sharedPath('annex', 'annex-systems.json'), 'utf8'));
    expect(bundled).toEqual(recorded);
  });

  it('knows the ACCESS systems with their limits', () => {
    const systems = bundledAnnexSystems();
    const expanse = findSystem(systems, 'expanse')!;
    expect(expanse.prettyName).toBe('Expanse');
    expect(expanse.projectRequired).toBe(true);
    expect(expanse.queues.find((queue) => queue.name === 'compute')).toMatchObject({ maxNodesPerJob: 32, maxDuration: 172800, coresPerNode: 128, ramPerNode: 262144 });
    expect(findSystem(systems, 'Anvil')?.defaultQueue).toBe('wholenode');
  });

  it('parses `htcondor annex systems` and merges it with the bundled limits', () => {
    const parsed = parseAnnexSystemsOutput(systemsSample());
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.systems.map((system) => system.name)).toEqual(['perlmutter', 'delta', 'spark', 'expanse', 'anvil', 'bridges2', 'path-facility', 'aws-ec2']);
    expect(parsed.systems.find((system) => system.name === 'bridges2')?.queues).toEqual(['RM', 'RM-512', 'RM-shared', 'EM', 'GPU', 'GPU-shared']);

    // An older HTCondor on the host may still list Stampede 2 and not know newer queues.
    const merged = mergeLiveSystems(bundledAnnexSystems(), [
      { name: 'stampede2', queues: ['normal'] },
      { name: 'expanse', queues: ['compute', 'brand-new'] },
    ]);
    expect(merged.map((system) => [system.name, system.limitsKnown])).toEqual([
      ['stampede2', false],
      ['expanse', true],
    ]);
    expect(merged[1]!.queues.map((queue) => queue.name)).toEqual(['compute', 'brand-new']);
    expect(merged[1]!.queues[0]!.maxNodesPerJob).toBe(32);
  });

  it('falls back when the output lists nothing', () => {
    expect(parseAnnexSystemsOutput('bash: htcondor: command not found\n').ok).toBe(false);
  });
});

describe('annex command lines', () => {
  it('writes the request the way the ACCESS Pegasus guide does', () => {
    expect(annexCreateArgv({ verb: 'create', annexName: 'alice', system: 'expanse', queue: 'compute', project: 'abc123', nodes: 1, lifetime: 3600 })).toEqual([
      'htcondor', 'annex', 'create', '--project', 'abc123', '--lifetime', '3600', '--nodes', '1', 'alice', 'compute@expanse',
    ]);
    expect(annexCreateArgv({ verb: 'add', annexName: 'alice', system: 'bridges2', queue: 'GPU', gpus: 'v100-32:8', idleTime: 600, loginName: 'alice2' })).toEqual([
      'htcondor', 'annex', 'add', '--lifetime', '3600', '--nodes', '1', '--gpus', 'v100-32:8', '--idle-time', '600', '--login-name', 'alice2', 'alice', 'GPU@bridges2',
    ]);
  });

  it('refuses annex names that would break a ClassAd constraint', () => {
    expect(isSafeAnnexName('alice')).toBe(true);
    expect(isSafeAnnexName('a" || true || "')).toBe(false);
    expect(() => annexSlotsArgv('x"y')).toThrow(/cannot be used as an annex name/);
    expect(annexSlotsArgv('alice')).toEqual(['condor_status', '-constraint', 'AnnexName == "alice"', '-json']);
  });
});
