import { describe, expect, it } from 'vitest';
import { inferDependencies } from '../../../src/shared/infer';
import { TEMPLATE_IDS } from '../../../src/shared/ipc';
import { buildTemplate, FAN_OUT, TEMPLATES, variantCallingTemplate } from '../../../src/shared/templates';
import { validateWorkflow } from '../../../src/shared/validate';

function edges(id: (typeof TEMPLATE_IDS)[number], n?: number): string[] {
  const { workflow } = buildTemplate(id, { n });
  const graph = inferDependencies(workflow);
  const out: string[] = [];
  for (let i = 0; i < graph.nodeCount; i++) {
    for (let k = graph.offsets[i]!; k < graph.offsets[i + 1]!; k++) out.push(`${workflow.jobs[i]!.id}->${workflow.jobs[graph.targets[k]!]!.id}`);
  }
  return out.sort();
}

describe('templates', () => {
  it('offers every template id once', () => {
    expect(TEMPLATES.map((t) => t.id)).toEqual([...TEMPLATE_IDS]);
  });

  it.each(TEMPLATE_IDS.filter((id) => id !== 'blank'))('%s validates without any diagnostic', (id) => {
    const bundle = buildTemplate(id, { n: 3 });
    expect(validateWorkflow(bundle)).toEqual([]);
  });

  it('blank has only the "no jobs" error until a job is added', () => {
    expect(validateWorkflow(buildTemplate('blank')).map((d) => d.code)).toEqual(['PC217']);
  });

  it('diamond has four jobs and the four inferred edges of a diamond', () => {
    expect(edges('diamond')).toEqual(['ID0000001->ID0000002', 'ID0000001->ID0000003', 'ID0000002->ID0000004', 'ID0000003->ID0000004']);
  });

  it('hello world is a chain of two', () => {
    expect(edges('hello-world')).toEqual(['ID0000001->ID0000002']);
  });

  it('fan-out/fan-in of N has N + 2 jobs and 2N edges, N clamped to its limits', () => {
    expect(buildTemplate('fan-out-fan-in', { n: 5 }).workflow.jobs).toHaveLength(7);
    expect(edges('fan-out-fan-in', 5)).toHaveLength(10);
    expect(buildTemplate('fan-out-fan-in', { n: 0 }).workflow.jobs).toHaveLength(FAN_OUT.min + 2);
    expect(buildTemplate('fan-out-fan-in', { n: 10_000 }).workflow.jobs).toHaveLength(FAN_OUT.max + 2);
    expect(buildTemplate('fan-out-fan-in').workflow.jobs).toHaveLength(FAN_OUT.default + 2);
  });

  it('variant calling matches the ACCESS example: 13 jobs, 12 edges, 3 roots, one staged-out product per run', () => {
    const { workflow } = variantCallingTemplate();
    expect(workflow.jobs).toHaveLength(13);
    expect(edges('variant-calling')).toHaveLength(12);
    const graph = inferDependencies(workflow);
    const indegree = new Array<number>(graph.nodeCount).fill(0);
    for (const t of graph.targets) indegree[t]!++;
    expect(workflow.jobs.filter((_, i) => indegree[i] === 0).map((j) => j.nodeLabel)).toEqual(['ref_genome_index', 'fasterq_dump', 'fasterq_dump']);
    const stagedOut = workflow.jobs.flatMap((j) => j.uses.filter((u) => u.stageOut).map((u) => u.lfn));
    expect(stagedOut).toEqual(['SRR2584866_final_variants.bcf', 'SRR2589044_final_variants.bcf']);
    const align = workflow.jobs.find((j) => j.nodeLabel === 'align_reads')!;
    expect(align.arguments).toContain('-t 12');
    expect(align.profiles?.pegasus?.cores).toBe(6);
    expect(workflow.transformationCatalog?.containers?.[0]?.image).toBe('docker://pegasus/variant-calling:latest');
  });
});
