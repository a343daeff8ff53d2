import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readWorkflow } from '../../../src/shared/formats/pegasus-yaml';
import { dependencyList, explicitOnly, inferDependencies } from '../../../src/shared/infer';
import type { Dependency, Workflow } from '../../../src/shared/model';
import { sharedPath } from '../../support/shared-path';

/** Every workflow the real Python API wrote, with the edges files cannot explain. */
const EXAMPLES: Record<string, string[]> = {
  '01-quickstart-hello-world.yml': [],
  '02-data-hello-world.yml': [],
  '09-sharedfs-hello-world.yml': [],
  'diamond.yml': [],
  'diamond-catalogs/workflow.yml': [],
  'features.yml': ['c>d'],
  'hierarchical.yml': ['sub1>sub3'],
  'inference-edgecases.yml': [],
  'sub-diamond_sub1.yml': [],
};

function edgeSet(dependencies: readonly Dependency[]): string[] {
  return dependencies.flatMap((d) => d.children.map((c) => `${d.id}>${c}`)).sort();
}

function load(name: string): { workflow: Workflow; written: Dependency[] } {
  const text = readFileSync(sharedPath('examples', name), 'utf8');
  const read = readWorkflow(text, { file: name });
  if (!read.ok) throw new Error(`${name}: ${JSON.stringify(read.diagnostics)}`);
  // What Pegasus wrote, straight from the file.
  const raw = parse(text) as { jobDependencies?: Dependency[] };
  return { workflow: read.value, written: raw.jobDependencies ?? [] };
}

describe('inference on the examples written by the Pegasus Python API', () => {
  for (const [name, explicit] of Object.entries(EXAMPLES)) {
    it(`${name}: inferred ∪ explicit-only equals the jobDependencies Pegasus wrote`, () => {
      const { workflow, written } = load(name);
      const inferredOnly = dependencyList(workflow, inferDependencies({ ...workflow, dependencies: [] }));
      const explicitFromFile = explicitOnly({ ...workflow, dependencies: written });
      expect(edgeSet(explicitFromFile)).toEqual(explicit);
      expect([...new Set([...edgeSet(inferredOnly), ...edgeSet(explicitFromFile)])].sort()).toEqual(edgeSet(written));
      // The reader keeps exactly the explicit-only edges, and the full graph gives the file's edges back.
      expect(edgeSet(workflow.dependencies)).toEqual(explicit);
      expect(edgeSet(dependencyList(workflow))).toEqual(edgeSet(written));
    });
  }

  it('covers every workflow in the examples folder', () => {
    const top = readdirSync(sharedPath('examples')).filter((f) => f.endsWith('.yml'));
    expect(
      Object.keys(EXAMPLES)
        .filter((f) => !f.includes('/'))
        .sort(),
    ).toEqual(top.sort());
  });

  describe('inference-edgecases.yml follows the rules', () => {
    const { workflow } = load('inference-edgecases.yml');
    const edges = edgeSet(dependencyList(workflow));
    it('checkpoint files make no edge', () => expect(edges).not.toContain('ck>ck_consumer'));
    it('stdout feeds stdin', () => expect(edges).toContain('stdout_producer>stdin_consumer'));
    it('stderr feeds an input', () => expect(edges).toContain('stderr_producer>stderr_consumer'));
    it('of two producers, the last in the file gets the edge and both are reported', () => {
      expect(edges).toContain('p2>consumer');
      expect(edges).not.toContain('p1>consumer');
      const graph = inferDependencies(workflow);
      expect([...graph.multiProducers.keys()]).toEqual(['shared.dat']);
    });
    it('a file nobody produces makes no edge', () => expect(edges.some((e) => e.endsWith('>no_producer'))).toBe(false));
  });
});
