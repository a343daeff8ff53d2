/** The Plan view's model of real plans: the diamond example and a clustered fan-out. */
import { describe, expect, it } from 'vitest';
import { loadWorkflowBundle } from '../../../src/main/services/workspace/load-bundle';
import { buildPlanView, MAX_FROM, PLAN_NODE_SIZE } from '../../../src/renderer/canvas/plan-view/plan-view-model';
import type { Job, Workflow } from '../../../src/shared/model';
import { plan, type PlanOptions } from '../../../src/shared/plan';
import { sharedPath } from '../../support/shared-path';

async function planned(options: PlanOptions) {
  const loaded = await loadWorkflowBundle(sharedPath('examples', 'diamond.yml'));
  if (!loaded.ok) throw new Error('diamond does not load');
  const result = plan(loaded.bundle, options);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.value;
}

describe('buildPlanView', () => {
  it('has one node per planned job and one edge per planned dependency, laid out without overlaps', async () => {
    const executable = await planned({ outputSites: ['local'] });
    const view = buildPlanView(executable);
    expect(view.jobs.map((j) => j.name)).toEqual(executable.jobs.map((j) => j.name));
    expect(view.sources.length).toBe(executable.graph.offsets[executable.jobs.length]);
    for (let e = 0; e < view.sources.length; e++) {
      const from = view.sources[e]!;
      expect(executable.graph.targets.slice(executable.graph.offsets[from], executable.graph.offsets[from + 1])).toContain(view.targets[e]);
      // Parents sit above their children.
      expect(view.positions[2 * from + 1]!).toBeLessThan(view.positions[2 * view.targets[e]! + 1]!);
    }
    const boxes = view.jobs.map((_, i) => [view.positions[2 * i]!, view.positions[2 * i + 1]!] as const);
    for (let a = 0; a < boxes.length; a++)
      for (let b = a + 1; b < boxes.length; b++) {
        const overlap = Math.abs(boxes[a]![0] - boxes[b]![0]) < PLAN_NODE_SIZE.width && Math.abs(boxes[a]![1] - boxes[b]![1]) < PLAN_NODE_SIZE.height;
        expect(overlap, `${view.jobs[a]!.name} overlaps ${view.jobs[b]!.name}`).toBe(false);
      }
  });

  it('names the abstract jobs each planned job came from', async () => {
    const view = buildPlanView(await planned({ outputSites: ['local'] }));
    const byName = new Map(view.jobs.map((j) => [j.name, j]));
    expect(byName.get('analyze_analyze')?.from).toEqual(['analyze']);
    const stageIn = view.jobs.find((j) => j.kind === 'stage-in')!;
    // The diamond's only raw input, f.a, is read by preprocess.
    expect(stageIn.from).toEqual(['preprocess']);
    const stageOuts = view.jobs.filter((j) => j.kind === 'stage-out');
    expect(stageOuts.length).toBeGreaterThan(0);
    for (const job of stageOuts) expect(job.from.length).toBeGreaterThan(0);
    const createDir = view.jobs.find((j) => j.kind === 'create-dir')!;
    expect(createDir.name).toMatch(/^create_dir_/);
    expect(createDir.from.length).toBeGreaterThan(0);
  });

  it('lists at most a few abstract jobs of a cluster and counts the rest', async () => {
    const base = await loadWorkflowBundle(sharedPath('examples', 'diamond.yml'));
    if (!base.ok) throw new Error('diamond does not load');
    const template = base.bundle.workflow.jobs.find((j) => j.id === 'findrange_1') as Job;
    const jobs: Job[] = Array.from({ length: 20 }, (_, i) => ({ ...template, id: `fr${i}`, uses: [], profiles: { pegasus: { 'clusters.size': 20 } } }) as Job);
    const workflow: Workflow = { ...base.bundle.workflow, jobs, dependencies: [] };
    const result = plan({ workflow, catalogs: base.bundle.catalogs }, { cluster: ['horizontal'], cleanup: 'none' });
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    const cluster = buildPlanView(result.value).jobs.find((j) => j.kind === 'cluster');
    expect(cluster, 'a horizontal cluster of the 20 jobs').toBeDefined();
    expect(cluster!.from.length).toBe(MAX_FROM);
    expect(cluster!.from.length + cluster!.fromMore).toBe(20);
  });
});
