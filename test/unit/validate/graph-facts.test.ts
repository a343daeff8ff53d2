import { describe, expect, it } from 'vitest';
import { graphFacts, jobRuntimes } from '../../../src/shared/validate';
import { job, workflow } from './builders';

describe('graphFacts', () => {
  it('counts a diamond plus an isolated job', () => {
    const wf = workflow([
      job('top', ['in:raw', 'out:l', 'out:r']),
      job('left', ['in:l', 'out:l2'], { profiles: { pegasus: { runtime: 100 } } }),
      job('right', ['in:r', 'out:r2'], { profiles: { pegasus: { runtime: 5 } } }),
      job('bottom', ['in:l2', 'in:r2']),
      job('alone', [], { stdout: 'log' }),
    ]);
    expect(graphFacts(wf)).toEqual({
      jobs: 5,
      files: 6,
      edges: 4,
      inferredEdges: 4,
      explicitEdges: 0,
      acyclic: true,
      levels: 3,
      width: 2,
      roots: 2,
      leaves: 2,
      criticalPath: { jobs: ['top', 'left', 'bottom'], seconds: 100 },
      jobsWithoutRuntime: 3,
    });
  });

  it('counts explicit-only edges and leaves order facts out on a cycle', () => {
    const facts = graphFacts(
      workflow([job('a'), job('b')], {}, [
        { id: 'a', children: ['b'] },
        { id: 'b', children: ['a'] },
      ]),
    );
    expect(facts).toMatchObject({ edges: 2, explicitEdges: 2, acyclic: false, roots: 0, leaves: 0 });
    expect(facts.levels).toBeUndefined();
    expect(facts.criticalPath).toBeUndefined();
  });
});

describe('jobRuntimes', () => {
  it('takes the transformation catalog over the job, a pinned or single site over the transformation', () => {
    const jobs = [
      job('a', [], { name: 'multi', profiles: { pegasus: { runtime: 1 }, selector: { 'execution.site': 'hpc' } } }),
      job('b', [], { name: 'multi', profiles: { pegasus: { runtime: 2 } } }),
      job('c', [], { name: 'single' }),
      job('d', [], { name: 'unknown', profiles: { pegasus: { runtime: { kind: 'number', text: '7.5' } } } }),
      job('e', [], { name: 'unknown' }),
    ];
    const tc = {
      transformations: [
        {
          name: 'multi',
          profiles: { pegasus: { runtime: 50 } },
          sites: [
            { name: 'hpc', pfn: '/x', type: 'installed' as const, profiles: { pegasus: { runtime: 500 } } },
            { name: 'local', pfn: '/x', type: 'installed' as const },
          ],
        },
        {
          name: 'single',
          sites: [{ name: 'local', pfn: '/x', type: 'installed' as const, profiles: { pegasus: { runtime: '30' } } }],
        },
      ],
    };
    const { seconds, missing } = jobRuntimes(jobs, [tc]);
    expect(Array.from(seconds)).toEqual([500, 50, 30, 7.5, 0]);
    expect(missing).toBe(1);
  });
});
