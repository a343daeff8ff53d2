import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, exportWorkflow, isExportFormat } from '../../../src/shared/formats/export';
import { readWorkflow } from '../../../src/shared/formats/pegasus-yaml';
import { loadExample } from './example-bundles';

describe('exportWorkflow', () => {
  it('knows its formats', () => {
    expect(EXPORT_FORMATS).toEqual(['yaml', 'json', 'python', 'dot']);
    expect(isExportFormat('dot')).toBe(true);
    expect(isExportFormat('xml')).toBe(false);
  });

  it('writes YAML and JSON that read back to the same workflow', async () => {
    const { bundle } = await loadExample('features.yml');
    for (const format of ['yaml', 'json'] as const) {
      const text = exportWorkflow(bundle, format);
      if (format === 'json') expect(() => JSON.parse(text) as unknown).not.toThrow();
      const back = readWorkflow(text);
      expect(back.ok && back.value.jobs.map((j) => j.id)).toEqual(['a', 'b', 'c', 'd']);
      expect(back.ok && back.value.dependencies).toEqual(bundle.workflow.dependencies);
    }
  });

  it('dispatches python and dot with their options', async () => {
    const { bundle } = await loadExample('diamond.yml');
    expect(exportWorkflow(bundle, 'python', { workflowFile: 'x.yml' })).toContain('wf.write("x.yml")');
    expect(exportWorkflow(bundle, 'dot', { files: true })).toContain('"file:f.a"');
    expect(exportWorkflow(bundle, 'dot')).not.toContain('"file:f.a"');
  });
});
