import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Job } from '../../../src/shared/model/job';
import { topologicalOrder } from '../../../src/shared/plan/graph-utils';
import { bundle, job, site, tx } from './support/build';
import { plan, PLAN_CODES, type ExecutableWorkflow } from '../../../src/shared/plan';

// Random layered workflows: every job reads some files of earlier jobs (or catalogued
// inputs) and writes one file. Whatever the options, the plan must be a DAG in which
// create-dir precedes every job using the directory, every consumer follows the job or
// transfer that brings each of its inputs, and leaf cleanup follows every such job.

const arbitraryWorkflow = fc
  .array(fc.array(fc.nat(40), { maxLength: 3 }), { minLength: 1, maxLength: 25 })
  .map((reads) => {
    const jobs: Job[] = reads.map((from, i) => {
      const inputs = [...new Set(from.map((f) => (f < i && f % 3 !== 0 ? `out${f}` : `raw${f % 5}`)))];
      // Labels on a few consecutive jobs, so that label clustering has something to merge.
      const labelled = i % 5 < 2 ? { pegasus: { label: `L${Math.floor(i / 5)}` } } : undefined;
      return job(
        `j${i}`,
        i % 2 === 0 ? 'even' : 'odd',
        inputs,
        [{ lfn: `out${i}`, stageOut: i % 4 === 0, registerReplica: i % 8 === 0 }],
        labelled,
      );
    });
    return bundle({
      jobs,
      replicas: [0, 1, 2, 3, 4].map((k) => ({
        lfn: `raw${k}`,
        pfn: k % 2 ? `file:///data/raw${k}` : `https://example.org/raw${k}`,
      })),
    });
  });

const arbitraryOptions = fc.record({
  /** Two execution sites with their own staging sites (nonsharedfs): inter-site transfers. */
  twoSites: fc.boolean(),
  cleanup: fc.constantFrom('none' as const, 'leaf' as const, 'inplace' as const),
  outputSites: fc.constantFrom([], ['local']),
  cluster: fc.constantFrom([], ['horizontal' as const], ['label' as const], ['horizontal' as const, 'label' as const]),
  force: fc.boolean(),
});

function ancestors(workflow: ExecutableWorkflow): (target: number) => Set<number> {
  const parents: number[][] = workflow.jobs.map(() => []);
  const g = workflow.graph;
  for (let v = 0; v < g.nodeCount; v++)
    for (let e = g.offsets[v]!; e < g.offsets[v + 1]!; e++) parents[g.targets[e]!]!.push(v);
  return (target) => {
    const seen = new Set<number>();
    const stack = [target];
    while (stack.length > 0) {
      for (const p of parents[stack.pop()!]!) {
        if (seen.has(p)) continue;
        seen.add(p);
        stack.push(p);
      }
    }
    return seen;
  };
}

describe('planner invariants on random workflows', () => {
  it('plans to an acyclic graph with directories, data and cleanup in order', () => {
    fc.assert(
      fc.property(arbitraryWorkflow, arbitraryOptions, (b, options) => {
        // Clustering is driven by a profile; give every transformation one.
        for (const t of b.catalogs.transformations!.transformations) t.profiles = { pegasus: { 'clusters.size': 2 } };
        if (options.twoSites) {
          b.catalogs.sites!.sites.push(site('east'), site('west'));
          b.catalogs.transformations = { transformations: [tx('even', ['east']), tx('odd', ['west'])] };
        }
        const result = plan(b, {
          cleanup: options.cleanup,
          force: options.force,
          outputSites: [...options.outputSites],
          cluster: [...options.cluster],
          ...(options.twoSites ? { sites: ['east', 'west'], dataConfiguration: 'nonsharedfs' as const } : {}),
        });
        if (!result.ok) {
          // The only refusal these workflows can meet: a label that skips a level or spans sites.
          expect(options.cluster).toContain('label');
          expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toContain(
            PLAN_CODES.badLabel,
          );
          return;
        }
        const planned = result.value;
        expect(topologicalOrder(planned.graph)).toBeDefined();
        expect(new Set(planned.jobs.map((j) => j.name)).size, 'job names are unique').toBe(planned.jobs.length);
        const above = ancestors(planned);
        const index = new Map(planned.jobs.map((j, i) => [j.name, i]));
        planned.jobs.forEach((j, i) => {
          const up = above(i);
          const dirSite = j.stagingSite;
          if (dirSite !== undefined && ['compute', 'cluster', 'stage-in', 'stage-out', 'inter-site'].includes(j.kind)) {
            expect(up.has(index.get(`create_dir_wf_0_${dirSite}`)!), `${j.name} after create-dir`).toBe(true);
          }
          const leaf = index.get(`cleanup_wf_0_${dirSite}`);
          if (leaf !== undefined && !['create-dir', 'registration', 'leaf-cleanup'].includes(j.kind)) {
            expect(above(leaf).has(i), `${j.name} before leaf cleanup`).toBe(true);
          }
          if (j.kind === 'compute' || j.kind === 'cluster') {
            // Each input read from outside the job comes from an ancestor that produces or stages it.
            const own = new Set(
              j.tasks.flatMap((t) =>
                planned.workflow.jobs[t]!.uses.filter((u) => u.type === 'output').map((u) => u.lfn),
              ),
            );
            for (const task of j.tasks) {
              for (const use of planned.workflow.jobs[task]!.uses) {
                if (use.type !== 'input' || own.has(use.lfn)) continue;
                const provider = [...up].some((p) => {
                  const pj = planned.jobs[p]!;
                  return (
                    pj.transfers?.some((t) => t.lfn === use.lfn && t.linkage === 'input') ||
                    pj.tasks.some((t) =>
                      planned.workflow.jobs[t]!.uses.some((u) => u.type === 'output' && u.lfn === use.lfn),
                    )
                  );
                });
                expect(provider, `${j.name} reads ${use.lfn}`).toBe(true);
              }
            }
          }
          if (j.kind === 'cleanup') {
            // In-place cleanup runs after every job that uses one of its files.
            for (const lfn of j.cleanupFiles!) {
              planned.jobs.forEach((user, u) => {
                // Users of this file on this cleanup job's site.
                const uses =
                  (user.stagingSite === j.stagingSite &&
                    user.tasks.some((t) => planned.workflow.jobs[t]!.uses.some((x) => x.lfn === lfn))) ||
                  (user.kind !== 'cleanup' &&
                    user.transfers?.some(
                      (t) => t.lfn === lfn && (t.source.site === j.stagingSite || t.destination.site === j.stagingSite),
                    ));
                if (uses && user.kind !== 'registration')
                  expect(up.has(u), `${user.name} before deleting ${lfn}`).toBe(true);
              });
            }
          }
        });
      }),
      { numRuns: 150 },
    );
  });
});
