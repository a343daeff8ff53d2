import { describe, expect, test } from 'vitest';
import { READ_CODES, readSiteCatalog, readWorkflow } from '../../../src/shared/formats/pegasus-yaml';
import type { Diagnostic } from '../../../src/shared/model';
import { parseFastJson } from '../../../src/shared/formats/pegasus-yaml/fast-json';
import { TreeNumber } from '../../../src/shared/formats/pegasus-yaml/tree';

/** A valid one-job workflow; tests change one thing in it. */
const BASE = `pegasus: '5.0'
name: wf
jobs:
- type: job
  name: t
  id: a
  arguments: []
  uses: []
`;

function readOk(text: string) {
  const result = readWorkflow(text, { file: 'wf.yml' });
  if (!result.ok) throw new Error(`expected the file to open: ${JSON.stringify(result.diagnostics)}`);
  return result;
}

function only(diagnostics: Diagnostic[], code: string): Diagnostic {
  const found = diagnostics.filter((d) => d.code === code);
  expect(found, JSON.stringify(diagnostics)).toHaveLength(1);
  return found[0]!;
}

describe('schema problems are diagnostics with a code and a place; the file still opens', () => {
  test('the base file has none', () => {
    expect(readOk(BASE).diagnostics).toEqual([]);
  });

  test(`${READ_CODES.missingKey}: a required key is missing`, () => {
    const result = readOk(BASE.replace('  name: t\n', ''));
    const d = only(result.diagnostics, READ_CODES.missingKey);
    expect(d).toMatchObject({ severity: 'error', target: { kind: 'job', jobId: 'a' }, location: { file: 'wf.yml', line: 4, column: 3 } });
    expect(d.message).toContain('"name"');
  });

  test(`${READ_CODES.wrongType}: a value of the wrong type (kept in extra so nothing is lost)`, () => {
    const result = readOk(BASE.replace('arguments: []', 'arguments: {a: 1}'));
    const d = only(result.diagnostics, READ_CODES.wrongType);
    expect(d).toMatchObject({ severity: 'error', location: { line: 7, column: 14 } });
    expect(d.message).toContain('jobs[0].arguments');
    expect(result.value.jobs[0]!.extra).toEqual({ arguments: { a: 1 } });
  });

  test(`${READ_CODES.wrongType}: an unquoted version number is read as its text, with a warning`, () => {
    const result = readOk(BASE.replace('  name: t\n', '  name: t\n  version: 1.0\n'));
    const d = only(result.diagnostics, READ_CODES.wrongType);
    expect(d).toMatchObject({ severity: 'warning', location: { line: 6, column: 12 } });
    const job = result.value.jobs[0]!;
    expect(job.type === 'job' && job.version).toBe('1.0');
  });

  test(`${READ_CODES.badEnum}: a word outside the allowed set is reported and kept`, () => {
    const result = readOk(BASE.replace('uses: []', 'uses:\n  - lfn: f\n    type: sideways'));
    const d = only(result.diagnostics, READ_CODES.badEnum);
    expect(d).toMatchObject({ severity: 'error', location: { line: 10, column: 11 } });
    expect(d.message).toContain('"sideways"');
    expect(result.value.jobs[0]!.uses[0]!.type).toBe('sideways');
  });

  test(`${READ_CODES.unknownKey}: an unknown key is an error (pegasus-plan: Illegal key) and is kept; x-* keys are silent`, () => {
    const result = readOk(`${BASE}  color: red\n  x-note: kept\n`);
    const d = only(result.diagnostics, READ_CODES.unknownKey);
    expect(d).toMatchObject({ severity: 'error', location: { line: 9, column: 3 } });
    expect(result.value.jobs[0]!.extra).toEqual({ color: 'red', 'x-note': 'kept' });
  });

  test(`${READ_CODES.unknownKey}: an unknown profile namespace`, () => {
    const result = readOk(`${BASE}  profiles:\n    pegasus: {}\n    bogus:\n      a: 1\n`);
    expect(only(result.diagnostics, READ_CODES.unknownKey).location).toMatchObject({ line: 11, column: 5 });
    expect(result.value.jobs[0]!.profiles).toEqual({ pegasus: {}, extra: { bogus: { a: 1 } } });
  });

  test(`${READ_CODES.badJobId}: a job id outside [-0-9a-zA-Z_]`, () => {
    const d = only(readOk(BASE.replace('id: a', 'id: a.b')).diagnostics, READ_CODES.badJobId);
    expect(d).toMatchObject({ severity: 'error', target: { kind: 'job', jobId: 'a.b' }, location: { line: 6, column: 7 } });
  });

  test(`${READ_CODES.badVersion}: a version that is not n.n.n`, () => {
    const d = only(readOk(BASE.replace("pegasus: '5.0'", 'pegasus: five')).diagnostics, READ_CODES.badVersion);
    expect(d).toMatchObject({ severity: 'warning', location: { line: 1, column: 10 } });
  });

  test(`${READ_CODES.emptyList}: a catalog list the schema wants non-empty`, () => {
    const d = only(readOk(`${BASE}transformationCatalog:\n  transformations: []\n`).diagnostics, READ_CODES.emptyList);
    expect(d).toMatchObject({ severity: 'warning', location: { line: 10, column: 20 } });
  });

  test('a workflow without jobs opens (validation reports it, PC217)', () => {
    expect(readOk("pegasus: '5.0'\nname: wf\njobs: []\n").diagnostics).toEqual([]);
  });

  test(`${READ_CODES.duplicateKey}: a key twice in one mapping; the last wins, as in pegasus-plan`, () => {
    const result = readOk(`${BASE}name: again\n`);
    expect(only(result.diagnostics, READ_CODES.duplicateKey)).toMatchObject({ severity: 'error', location: { line: 9, column: 1 } });
    expect(result.value.name).toBe('again');
  });

  test(`${READ_CODES.missingKey}: a standalone catalog without pegasus: is a warning`, () => {
    const result = readSiteCatalog('sites:\n- name: local\n', { file: 'sites.yml' });
    expect(result.ok).toBe(true);
    expect(only(result.diagnostics, READ_CODES.missingKey)).toMatchObject({ severity: 'warning', location: { file: 'sites.yml', line: 1, column: 1 } });
  });

  test('diagnostics are located in JSON files too', () => {
    const json = JSON.stringify({ pegasus: '5.0', name: 'wf', jobs: [{ type: 'job', name: 't', id: 'a.b', arguments: [], uses: [] }] }, null, 2);
    const d = only(readOk(json).diagnostics, READ_CODES.badJobId);
    expect(d.location).toMatchObject({ line: 8, column: 13 });
  });
});

describe('what the Python API writes, and the schema rejects, opens silently', () => {
  test('an embedded site catalog without pegasus:, uses[].size as a number, the stat namespace, workflow profiles, a dotted name', () => {
    const text = `pegasus: 5.0.4
name: diamond.v2
profiles:
  pegasus:
    clusters.size: 5
siteCatalog:
  sites:
  - name: local
jobs:
- type: job
  name: t
  id: a
  arguments: [-n, 1.0, 7]
  uses:
  - lfn: f.a
    size: 1024
    type: input
  profiles:
    stat:
      x: 1
`;
    const result = readOk(text);
    expect(result.diagnostics).toEqual([]);
    const job = result.value.jobs[0]!;
    expect(job.uses[0]!.size).toBe('1024');
    expect(job.arguments).toEqual(['-n', { kind: 'number', text: '1.0' }, 7]);
    expect(job.profiles).toEqual({ stat: { x: 1 } });
  });
});

describe('JSON files', () => {
  test('numbers whose text JSON.parse would change keep their text, on the fast path', () => {
    const json = `{"pegasus": "5.0", "name": "wf", "jobs": [{"type": "job", "name": "t", "id": "a", "arguments": [1.0, 1e3, 2, "\\u0000#pegasus-canvas-number#x"], "uses": [], "profiles": {"pegasus": {"runtime": 60.50}}}]}`;
    const result = readOk(json);
    expect(result.diagnostics).toEqual([]);
    const job = result.value.jobs[0]!;
    expect(job.arguments).toEqual([{ kind: 'number', text: '1.0' }, { kind: 'number', text: '1e3' }, 2, '\u0000#pegasus-canvas-number#x']);
    expect(job.profiles).toEqual({ pegasus: { runtime: { kind: 'number', text: '60.50' } } });
  });

  test('the fast JSON path itself keeps number text (no detour through the YAML parser)', () => {
    const tree = parseFastJson('{"a": [1.0, 2, -0.50], "b": {"c": 1e3}}');
    expect(tree).toEqual({ a: [new TreeNumber('1.0'), 2, new TreeNumber('-0.50')], b: { c: new TreeNumber('1e3') } });
    // A string that looks like the internal mark sends the file to the general parser instead.
    expect(parseFastJson('{"a": [1.0, "\\u0000#pegasus-canvas-number#x"]}')).toBeUndefined();
  });

  test('a repeated key in JSON is reported with its place', () => {
    const result = readOk('{"pegasus": "5.0", "name": "a", "name": "b", "jobs": [{"type": "job", "name": "t", "id": "a", "arguments": [], "uses": []}]}');
    expect(only(result.diagnostics, READ_CODES.duplicateKey).location).toMatchObject({ line: 1, column: 33 });
    expect(result.value.name).toBe('b');
  });
});

describe('the {$ref: iri} form of an embedded site catalog', () => {
  test('opens without diagnostics and is written back as it was', async () => {
    const { writeWorkflow } = await import('../../../src/shared/formats/pegasus-yaml');
    const result = readOk(`${BASE}siteCatalog:\n  $ref: https://example.org/sites.yml\n`);
    expect(result.diagnostics).toEqual([]);
    expect(result.value.siteCatalog).toEqual({ sites: [], extra: { $ref: 'https://example.org/sites.yml' } });
    const written = writeWorkflow(result.value);
    expect(written).toContain('siteCatalog:\n  $ref: https://example.org/sites.yml\njobs:');
    const again = readOk(written);
    expect(again.value.siteCatalog).toEqual(result.value.siteCatalog);
  });
});
