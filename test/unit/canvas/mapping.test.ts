import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { graphModel } from '../../../src/renderer/canvas/graph-model';
import { NodeCache, buildEdges, buildNodes } from '../../../src/renderer/canvas/mapping';
import { jobKey } from '../../../src/shared/edit';
import { readWorkflow } from '../../../src/shared/formats/pegasus-yaml';
import { dependencyList } from '../../../src/shared/infer';
import type { Workflow } from '../../../src/shared/model';
import { sharedPath } from '../../support/shared-path';

function example(name: string): Workflow {
  const read = readWorkflow(readFileSync(sharedPath('examples', name), 'utf8'));
  if (!read.ok) throw new Error(name);
  return read.value;
}

describe('document → canvas', () => {
  it('draws in the jobs view exactly the dependencies of the workflow, marked inferred or explicit', () => {
    const workflow = example('features.yml');
    const edges = buildEdges(graphModel(workflow, {}), 'jobs');
    const drawn = edges.map((e) => (e.data!.ref.kind === 'dependency' ? `${e.data!.ref.parent}>${e.data!.ref.child}` : '')).sort();
    const expected = dependencyList(workflow).flatMap((d) => d.children.map((c) => `${d.id}>${c}`)).sort();
    expect(drawn).toEqual(expected);
    const explicit = new Set(workflow.dependencies.flatMap((d) => d.children.map((c) => `${d.id}>${c}`)));
    for (const e of edges) {
      const ref = e.data!.ref as { parent: string; child: string };
      expect(e.data!.dependency === 'explicit' || e.data!.dependency === 'both').toBe(explicit.has(`${ref.parent}>${ref.child}`));
    }
  });

  it('draws in the files view one edge per file use and one node per job and file, with roles', () => {
    const workflow = example('diamond.yml');
    const model = graphModel(workflow, {});
    const nodes = buildNodes({ workflow, positions: new Map() }, model, new Map(), 'files', new NodeCache());
    expect(nodes.filter((n) => n.type === 'job').map((n) => n.id)).toEqual(workflow.jobs.map((j) => jobKey(j.id)));
    expect(nodes.filter((n) => n.type === 'file')).toHaveLength(6);
    expect(buildEdges(model, 'files')).toHaveLength(workflow.jobs.reduce((sum, j) => sum + j.uses.length, 0));
    expect(model.files.get('f.a')).toMatchObject({ role: 'input', hasReplica: true });
    expect(model.files.get('f.b1')).toMatchObject({ role: 'intermediate' });
    expect(model.files.get('f.d')).toMatchObject({ role: 'output', stagedOut: true });
  });

  it('reuses the node objects of jobs an edit did not touch', () => {
    const workflow = example('diamond.yml');
    const cache = new NodeCache();
    const positions = new Map([[jobKey('analyze'), { x: 0, y: 0 }]]);
    const first = buildNodes({ workflow, positions }, graphModel(workflow, {}), new Map(), 'jobs', cache);
    const edited: Workflow = { ...workflow, jobs: workflow.jobs.map((j) => (j.id === 'analyze' ? { ...j, nodeLabel: 'x' } : j)) };
    const second = buildNodes({ workflow: edited, positions }, graphModel(edited, {}), new Map(), 'jobs', cache);
    expect(second.filter((n, i) => n === first[i]).map((n) => n.id)).toEqual(['j:preprocess', 'j:findrange_1', 'j:findrange_2']);
  });
});
