/**
 * Saving with the code view's text: the text is written when it reads back to the workflow
 * being saved (comments survive), and the writer's output otherwise.
 */
import { describe, expect, it } from 'vitest';
import { readWorkflow } from '../../../src/shared/formats/pegasus-yaml';
import { keptText } from '../../../src/main/services/workspace/documents';

const TEXT = `# hand-written
pegasus: "5.0"
name: w
jobs:
  - type: job
    name: t
    id: a # the first step
    arguments: [x]
    uses: []
`;

describe('keptText', () => {
  const read = readWorkflow(TEXT);
  if (!read.ok) throw new Error('fixture does not read');
  const workflow = read.value;

  it('keeps the text (and its comments) when it is the workflow being saved', () => {
    expect(keptText({ text: TEXT, workflow }, 'yaml')).toBe(TEXT);
  });

  it('refuses text that says something else, text that does not read, and JSON', () => {
    expect(keptText({ text: TEXT.replace('[x]', '[y]'), workflow }, 'yaml')).toBeUndefined();
    expect(keptText({ text: 'jobs: [', workflow }, 'yaml')).toBeUndefined();
    expect(keptText({ text: TEXT, workflow }, 'json')).toBeUndefined();
    expect(keptText({ workflow }, 'yaml')).toBeUndefined();
  });
});

describe('a changed list keeps its style', () => {
  it('writes a changed flow list as a flow list', async () => {
    const { parseDocument } = await import('yaml');
    const { mergeIntoDocument, pegasusIdentity } =
      await import('../../../src/shared/formats/yaml-preserving/merge-into-document');
    const doc = parseDocument('jobs:\n  - id: a\n    arguments: [x, y] # two\n');
    mergeIntoDocument(doc, { jobs: [{ id: 'a', arguments: ['x', 'y', 'z'] }] }, pegasusIdentity);
    expect(doc.toString({ flowCollectionPadding: false })).toBe('jobs:\n  - id: a\n    arguments: [x, y, z] # two\n');
  });
});
