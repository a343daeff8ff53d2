import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { mergeIntoDocument, pegasusIdentity } from '../../../src/shared/formats/yaml-preserving/merge-into-document';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test data navigated freely
type Loose = Record<string, any>;

const TEXT = `# My diamond, hand-written
pegasus: "5.0"
name: diamond
x-notes: keep me   # an extension the model keeps
jobs:
  # the first step
  - type: job
    name: preprocess
    id: a
    arguments: [-i, f.a, -o, f.b1]
    uses:
      - lfn: f.a  # raw input
        type: input
      - lfn: f.b1
        type: output
  - id: b   # key order as the user wrote it
    type: job
    name: analyze
    arguments: []
    uses:
      - lfn: f.b1
        type: input
`;

function edit(change: (value: Loose) => void): string {
  const doc = parseDocument(TEXT);
  const value = doc.toJS() as Loose;
  change(value);
  mergeIntoDocument(doc, value, pegasusIdentity);
  return doc.toString();
}

describe('mergeIntoDocument', () => {
  it('changes nothing when the value is the same', () => {
    expect(edit(() => undefined)).toBe(parseDocument(TEXT).toString());
  });

  it('wires a file on one job and keeps every comment and key order', () => {
    const text = edit((value) => {
      value.jobs[1].uses.push({ lfn: 'f.d', type: 'output' });
    });
    expect(text).toContain('# My diamond, hand-written');
    expect(text).toContain('# the first step');
    expect(text).toContain('- lfn: f.a # raw input');
    expect(text).toContain('x-notes: keep me # an extension the model keeps');
    expect(text).toContain('  - id: b # key order as the user wrote it\n    type: job');
    expect(text).toMatch(/- lfn: f\.d\n\s+type: output/);
    const reparsed = parseDocument(text).toJS() as Loose;
    expect(reparsed.jobs[1].uses.map((use: { lfn: string }) => use.lfn)).toEqual(['f.b1', 'f.d']);
  });

  it('edits one argument without touching other jobs, and removes a deleted job', () => {
    const text = edit((value) => {
      value.jobs[0].arguments[3] = 'f.b2';
      value.jobs[0].uses[1].lfn = 'f.b2';
      value.jobs.splice(1, 1);
    });
    const reparsed = parseDocument(text).toJS() as Loose;
    expect(reparsed.jobs).toHaveLength(1);
    expect(reparsed.jobs[0].arguments).toEqual(['-i', 'f.a', '-o', 'f.b2']);
    expect(text).toContain('# the first step');
    expect(text).toContain('- lfn: f.a # raw input');
  });

  it('follows jobs by id when their order changes', () => {
    const text = edit((value) => {
      value.jobs.reverse();
    });
    const reparsed = parseDocument(text).toJS() as Loose;
    expect(reparsed.jobs.map((job: { id: string }) => job.id)).toEqual(['b', 'a']);
    expect(text).toContain('# the first step');
  });

  it('adds new keys at the end of their mapping', () => {
    const text = edit((value) => {
      value.jobs[0].profiles = { pegasus: { cores: 4 } };
      value.jobDependencies = [{ id: 'a', children: ['b'] }];
    });
    expect(text.trimEnd().endsWith('jobDependencies:\n  - id: a\n    children:\n      - b')).toBe(true);
    expect((parseDocument(text).toJS() as Loose).jobs[0].profiles).toEqual({ pegasus: { cores: 4 } });
  });
});
