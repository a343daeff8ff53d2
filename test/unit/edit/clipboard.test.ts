import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type EditableDocument, fileKey, jobKey } from '../../../src/shared/edit';
import { fragmentFromYaml, fragmentToYaml, pasteYaml } from '../../../src/shared/edit/clipboard';
import { readWorkflow } from '../../../src/shared/formats/pegasus-yaml';
import { sharedPath } from '../../support/shared-path';
import { apply, emptyDoc } from './support';

function diamond(): EditableDocument {
  const read = readWorkflow(readFileSync(sharedPath('examples', 'diamond.yml'), 'utf8'));
  if (!read.ok) throw new Error('diamond.yml does not read');
  const positions = new Map(read.value.jobs.map((j, i) => [jobKey(j.id), { x: 100 * i, y: 50 * i }] as const));
  positions.set(fileKey('f.c1'), { x: 7, y: 9 });
  return { workflow: read.value, positions };
}

describe('clipboard', () => {
  it('holds the selected jobs as a Pegasus workflow that the reader reads, with their explicit dependencies', () => {
    const doc = diamond();
    const withExplicit: EditableDocument = { ...doc, workflow: { ...doc.workflow, dependencies: [{ id: 'findrange_1', children: ['findrange_2'] }] } };
    const text = fragmentToYaml(withExplicit, [jobKey('findrange_1'), jobKey('findrange_2'), fileKey('f.b1')])!;
    const read = readWorkflow(text);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.jobs.map((j) => j.id)).toEqual(['findrange_1', 'findrange_2']);
    expect(read.value.dependencies).toEqual([{ id: 'findrange_1', children: ['findrange_2'] }]);
    expect(fragmentToYaml(doc, [fileKey('f.a')])).toBeUndefined();
  });

  it('keeps positions, so a paste keeps the shape of what was copied', () => {
    const doc = diamond();
    const fragment = fragmentFromYaml(fragmentToYaml(doc, [jobKey('findrange_1'), jobKey('findrange_2')])!);
    expect(fragment.ok).toBe(true);
    if (!fragment.ok) return;
    expect(fragment.value.positions.get(jobKey('findrange_1'))).toEqual({ x: 100, y: 50 });
    expect(fragment.value.positions.get(fileKey('f.c1'))).toEqual({ x: 7, y: 9 });
  });

  it('pastes into another document as the same jobs, at the place asked', () => {
    const text = fragmentToYaml(diamond(), [jobKey('findrange_1'), jobKey('findrange_2')])!;
    const after = apply(emptyDoc(), pasteYaml(emptyDoc(), text, { x: 1000, y: 1000 }));
    expect(after.workflow.jobs.map((j) => j.id)).toEqual(['findrange_1', 'findrange_2']);
    expect(after.workflow.jobs[0]!.uses).toEqual(diamond().workflow.jobs[1]!.uses);
    // The top-left of the fragment (findrange_1 at 100,50; f.c1 at 7,9) lands on the point.
    expect(after.positions.get(fileKey('f.c1'))).toEqual({ x: 1000, y: 1000 });
    expect(after.positions.get(jobKey('findrange_1'))).toEqual({ x: 1093, y: 1041 });
  });

  it('pastes text that is not a workflow as nothing, saying where it fails', () => {
    const result = pasteYaml(emptyDoc(), 'jobs: [unclosed\n', { x: 0, y: 0 });
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/line \d+, column \d+/) });
    expect(pasteYaml(emptyDoc(), 'just some words', { x: 0, y: 0 }).ok).toBe(false);
  });
});
