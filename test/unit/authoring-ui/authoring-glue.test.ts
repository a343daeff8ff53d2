/**
 * The authoring glue without a browser: planner arguments as fields, a sweep as one edit
 * (applied and undone), and the code view's two directions (canvas → text keeps comments;
 * text → model refuses text that does not read or has new errors).
 */
import { describe, expect, it } from 'vitest';
import { applyPatch, type EditableDocument } from '../../../src/shared/edit';
import { readWorkflow } from '../../../src/shared/formats/pegasus-yaml';
import { readPlannerArgs, writePlannerArgs } from '../../../src/renderer/panels/subworkflow/planner-args';
import { localPath, scriptFile, subWorkflowFile } from '../../../src/renderer/panels/subworkflow/local-paths';
import { readSweepSpec, sweepEdit, type SweepForm } from '../../../src/renderer/panels/sweep/sweep-edit';
import { documentFor, mergeWorkflow, readText } from '../../../src/renderer/panels/code/yaml-sync';

const TEXT = `# header comment
pegasus: "5.0"
name: w
x-unknown: kept
jobs:
  # the first step
  - type: job
    name: align
    id: align
    arguments: [-i, reads.fq, -o, out.bam]
    uses:
      - lfn: reads.fq
        type: input
      - lfn: out.bam
        type: output
        stageOut: true
        registerReplica: false
`;

function workflow() {
  const read = readWorkflow(TEXT);
  if (!read.ok) throw new Error('fixture does not read');
  return read.value;
}

describe('planner arguments', () => {
  it('reads the common options in both spellings and keeps the rest in order', () => {
    const fields = readPlannerArgs([
      '--sites',
      'condorpool',
      '--output-sites=local',
      '-v',
      '--cleanup',
      'none',
      '--force',
    ]);
    expect(fields.values).toEqual({ '--sites': 'condorpool', '--output-sites': 'local', '--cleanup': 'none' });
    expect(fields.other).toEqual(['-v', '--force']);
    expect(writePlannerArgs({ ...fields, values: { ...fields.values, '--sites': 'compute' } })).toEqual([
      '--sites',
      'compute',
      '--output-sites',
      'local',
      '--cleanup',
      'none',
      '-v',
      '--force',
    ]);
  });
});

describe('sweep as one edit', () => {
  const form: SweepForm = {
    variables: [{ name: 'sample', values: 'A, B, C' }],
    combine: 'product',
    idPattern: '',
    filePatterns: { 'reads.fq': '{sample}.fq', 'out.bam': '{sample}_aligned.bam' },
    keepTemplate: false,
  };

  it('counts the jobs of a product and of a zip', () => {
    expect(readSweepSpec({ ...form, variables: [...form.variables, { name: 'lane', values: '1..4' }] })).toMatchObject({
      ok: true,
      count: 12,
    });
    expect(
      readSweepSpec({ ...form, combine: 'zip', variables: [...form.variables, { name: 'lane', values: '1..3' }] }),
    ).toMatchObject({ ok: true, count: 3 });
    expect(readSweepSpec({ ...form, variables: [{ name: '1x', values: 'a' }] })).toMatchObject({ ok: false });
  });

  it('replaces the template by N jobs with their own files, and the inverse brings it back', () => {
    const doc: EditableDocument = { workflow: workflow(), positions: new Map([['j:align', { x: 100, y: 50 }]]) };
    const result = sweepEdit(doc, 'align', form);
    if (!result.ok) throw new Error(result.reason);
    const after = applyPatch(doc, result.edit.forward);
    expect(after.workflow.jobs.map((j) => j.id)).toEqual(['align_A', 'align_B', 'align_C']);
    expect(after.workflow.jobs[1]!.uses.map((u) => u.lfn)).toEqual(['B.fq', 'B_aligned.bam']);
    expect(after.workflow.jobs[1]!.arguments).toEqual(['-i', 'B.fq', '-o', 'B_aligned.bam']);
    expect(after.positions.has('j:align')).toBe(false);
    expect(after.positions.get('j:align_A')).toEqual({ x: 100, y: 50 });
    const back = applyPatch(after, result.edit.inverse);
    expect(back.workflow.jobs).toEqual(doc.workflow.jobs);
    expect([...back.positions]).toEqual([...doc.positions]);
  });

  it('refuses outputs shared by the new jobs', () => {
    const doc: EditableDocument = { workflow: workflow(), positions: new Map() };
    const result = sweepEdit(doc, 'align', { ...form, filePatterns: {} });
    expect(result.ok).toBe(false);
  });
});

describe('code view sync', () => {
  it('merges a canvas edit into the text, keeping comments, order and unknown keys', () => {
    const wf = workflow();
    const doc = documentFor(wf, TEXT);
    expect(doc.toString({ lineWidth: 0, flowCollectionPadding: false })).toBe(TEXT);
    const job = wf.jobs[0]!;
    const text = mergeWorkflow(doc, { ...wf, jobs: [{ ...job, arguments: [...job.arguments, '--fast'] }] });
    expect(text).toBe(TEXT.replace('out.bam]', 'out.bam, --fast]'));
  });

  it('reads typed text, and refuses text that does not read or adds errors', () => {
    expect(readText(TEXT, 0)).toMatchObject({ ok: true });
    const broken = readText(TEXT.replace('arguments: [-i', 'arguments: [[-i'), 0);
    expect(broken.ok).toBe(false);
    expect(broken.diagnostics[0]?.location?.line).toBeGreaterThan(0);
    expect(readText(TEXT.replace('type: input', 'type: sideways'), 0).ok).toBe(false);
  });
});

describe('local paths', () => {
  it('finds scripts and sub-workflow files beside the workflow or by file URL', () => {
    expect(localPath('file:///data/a%20b.sh', '/w/wf.yml')).toBe('/data/a b.sh');
    expect(localPath('scripts/a.sh', '/w/wf.yml')).toBe('/w/scripts/a.sh');
    expect(localPath('https://example.org/a.sh', '/w/wf.yml')).toBeUndefined();
    const wf = workflow();
    const withTx = {
      ...wf,
      transformationCatalog: {
        transformations: [
          { name: 'align', sites: [{ name: 'local', pfn: 'file:///opt/align.py', type: 'stageable' as const }] },
        ],
      },
    };
    expect(scriptFile(wf.jobs[0]!, withTx, {}, '/w/wf.yml')).toBe('/opt/align.py');
    const sub = { type: 'pegasusWorkflow' as const, id: 's', file: 'inner.yml', arguments: [], uses: [] };
    expect(subWorkflowFile(sub, wf, {}, '/w/wf.yml')).toBe('/w/inner.yml');
  });
});
