import { describe, expect, it } from 'vitest';
import type { Job, Workflow } from '../../../src/shared/model';
import { bundledAnnexSystems, findSystem } from '../../../src/shared/remote/annex-systems';
import { suggestAnnexRequest, workflowDemand } from '../../../src/shared/remote/annex-suggest';
import { validateAnnexRequest } from '../../../src/shared/remote/annex-validate';

function fanOut(workers: number, cores: number | undefined, memory: number | undefined, runtime = 600): Workflow {
  const profile = { pegasus: { ...(cores ? { cores } : {}), ...(memory ? { memory } : {}), runtime } };
  const jobs: Job[] = [{ type: 'job', name: 'split', id: 'split', arguments: [], uses: [{ lfn: 'in.txt', type: 'input' }, ...Array.from({ length: workers }, (_, i) => ({ lfn: `part${i}`, type: 'output' as const }))] }];
  for (let i = 0; i < workers; i++) {
    jobs.push({ type: 'job', name: 'work', id: `w${i}`, arguments: [], profiles: profile, uses: [{ lfn: `part${i}`, type: 'input' }, { lfn: `out${i}`, type: 'output' }] });
  }
  jobs.push({ type: 'job', name: 'merge', id: 'merge', arguments: [], uses: Array.from({ length: workers }, (_, i) => ({ lfn: `out${i}`, type: 'input' as const })) });
  return { pegasus: '5.0.4', name: 'fan', jobs, dependencies: [] };
}

const systems = bundledAnnexSystems();

describe('suggestAnnexRequest', () => {
  it('measures the widest level and the critical path', () => {
    const demand = workflowDemand(fanOut(200, 4, 8000));
    expect(demand).toMatchObject({ widestLevelJobs: 200, widestLevelCores: 800, widestLevelMemoryMb: 1_600_000, maxJobCores: 4, maxJobMemoryMb: 8000, criticalPathS: 600 });
  });

  it('asks whole nodes for a wide level, as many as it needs, with a lease that covers the critical path', () => {
    const expanse = findSystem(systems, 'expanse')!;
    const suggestion = suggestAnnexRequest(fanOut(200, 4, 8000, 3000), expanse)!;
    // 128-core nodes hold 32 four-core jobs: 200 jobs need 7 nodes.
    expect(suggestion.request).toEqual({ system: 'expanse', queue: 'compute', nodes: 7, lifetime: 6000 });
    expect(suggestion.reasoning.join(' ')).toContain('200 jobs asking for 800 cores');
    expect(validateAnnexRequest(systems, { verb: 'create', annexName: 'alice', project: 'abc', ...suggestion.request }).ok).toBe(true);
  });

  it('asks part of one node on a shared queue when the level is small', () => {
    const expanse = findSystem(systems, 'expanse')!;
    const suggestion = suggestAnnexRequest(fanOut(3, undefined, 2000), expanse)!;
    expect(suggestion.request).toEqual({ system: 'expanse', queue: 'shared', nodes: 1, lifetime: 3600, cpus: 3, memMb: 6000 });
    expect(validateAnnexRequest(systems, { verb: 'create', annexName: 'alice', project: 'abc', ...suggestion.request }).ok).toBe(true);
  });

  it("stops at the queue's node limit and says so", () => {
    const bridges = findSystem(systems, 'bridges2')!;
    const suggestion = suggestAnnexRequest(fanOut(10_000, 8, undefined), bridges)!;
    expect(suggestion.request.nodes).toBe(50);
    expect(suggestion.reasoning.join(' ')).toContain("the queue's limit");
  });

  it('finds no queue for a job larger than any node', () => {
    const anvil = findSystem(systems, 'anvil')!;
    expect(suggestAnnexRequest(fanOut(2, 1000, undefined), anvil)).toBeUndefined();
  });
});
