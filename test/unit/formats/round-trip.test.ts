import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import {
  readReplicaCatalog,
  readSiteCatalog,
  readTransformationCatalog,
  readWorkflow,
  writeReplicaCatalog,
  writeSiteCatalog,
  writeTransformationCatalog,
  writeWorkflow,
  type WriteFormat,
} from '../../../src/shared/formats/pegasus-yaml';
import type { Diagnostic, Result } from '../../../src/shared/model';
import { exampleFiles, exampleText, type DocumentKind } from './examples';
import { pegasusSchemas } from './schema-validator';

const schemas = pegasusSchemas();

function read(kind: DocumentKind, text: string): Result<unknown> {
  switch (kind) {
    case 'workflow':
      return readWorkflow(text);
    case 'sites':
      return readSiteCatalog(text);
    case 'replicas':
      return readReplicaCatalog(text);
    case 'transformations':
      return readTransformationCatalog(text);
  }
}

function write(kind: DocumentKind, value: unknown, format: WriteFormat): string {
  switch (kind) {
    case 'workflow':
      return writeWorkflow(value as never, { format });
    case 'sites':
      return writeSiteCatalog(value as never, { format });
    case 'replicas':
      return writeReplicaCatalog(value as never, { format });
    case 'transformations':
      return writeTransformationCatalog(value as never, { format });
  }
}

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`not readable: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return result.value;
}

const errors = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.severity === 'error');

/** Edges of a jobDependencies list as "parent>child" strings. */
function edges(dependencies: unknown): string[] {
  const list = (dependencies ?? []) as Array<{ id: string; children: string[] }>;
  return list.flatMap((d) => d.children.map((c) => `${d.id}>${c}`)).sort();
}

describe.each(exampleFiles())('$name', ({ kind, text }) => {
  test('opens without errors', () => {
    const result = read(kind, text);
    expect(result.ok).toBe(true);
    expect(errors(result.diagnostics)).toEqual([]);
  });

  test.each(['yaml', 'json'] as const)('read → write %s → read gives the same document, and a second write the same bytes', (format) => {
    const first = valueOf(read(kind, text));
    const written = write(kind, first, format);
    const second = read(kind, written);
    expect(errors(second.diagnostics)).toEqual([]);
    const secondValue = valueOf(second);
    // A standalone catalog without `pegasus:` gets "5.0" (the schema requires it); nothing else changes.
    if ((first as { pegasus?: string }).pegasus === undefined && kind !== 'workflow') {
      expect(secondValue).toEqual({ ...(first as object), pegasus: '5.0' });
    } else {
      expect(secondValue).toEqual(first);
    }
    expect(write(kind, secondValue, format)).toBe(written);
  });

  test.each(['yaml', 'json'] as const)('the %s output validates against the official schema', (format) => {
    const written = write(kind, valueOf(read(kind, text)), format);
    const document = format === 'json' ? JSON.parse(written) : parse(written);
    const validate = schemas[kind];
    const valid = validate(document);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  if (kind === 'workflow') {
    test('the written jobDependencies are the ones the Pegasus API wrote', () => {
      const written = parse(writeWorkflow(valueOf(readWorkflow(text)))) as { jobDependencies?: unknown };
      const original = parse(text) as { jobDependencies?: unknown };
      expect(edges(written.jobDependencies)).toEqual(edges(original.jobDependencies));
    });
  }
});

describe('what pegasus-plan needs in the written file', () => {
  const features = valueOf(readWorkflow(exampleText('features.yml')));
  const yaml = writeWorkflow(features);

  test('an embedded site catalog carries pegasus: "5.0" as text', () => {
    const doc = parse(yaml) as { siteCatalog: { pegasus: unknown } };
    expect(doc.siteCatalog.pegasus).toBe('5.0');
    expect(yaml).toContain("siteCatalog:\n  pegasus: '5.0'\n");
  });

  test('uses[].size is written as text, although the API wrote a number', () => {
    expect(exampleText('features.yml')).toContain('    size: 1024\n');
    const doc = parse(yaml) as { jobs: Array<{ uses: Array<{ size?: unknown }> }> };
    expect(doc.jobs[0]!.uses[0]!.size).toBe('1024');
  });

  test("each job's stdin: comes after its uses:", () => {
    const jobB = yaml.slice(yaml.indexOf('  id: b\n'), yaml.indexOf('  id: c\n'));
    expect(jobB).toContain('stdin: a.out');
    expect(jobB.indexOf('  uses:\n')).toBeGreaterThan(-1);
    expect(jobB.indexOf('  stdin: a.out')).toBeGreaterThan(jobB.indexOf('  uses:\n'));
  });

  test('the model keeps only the explicit dependency; inferred ones are derived', () => {
    expect(features.dependencies).toEqual([{ id: 'c', children: ['d'] }]);
  });

  test('keys follow the Python API order (x-pegasus first, jobs before jobDependencies)', () => {
    const keys = Object.keys(parse(yaml) as object);
    expect(keys).toEqual(['x-pegasus', 'pegasus', 'name', 'hooks', 'profiles', 'metadata', 'siteCatalog', 'replicaCatalog', 'transformationCatalog', 'jobs', 'jobDependencies']);
    const job = (parse(yaml) as { jobs: object[] }).jobs[0]!;
    expect(Object.keys(job)).toEqual(['type', 'namespace', 'version', 'name', 'id', 'stdout', 'stderr', 'nodeLabel', 'arguments', 'uses', 'profiles', 'metadata', 'hooks']);
  });

  test('a file written by the Python API comes out with the same YAML text apart from quoting and the documented fixes', () => {
    // Same lines as the API's file once quotes are removed, except the additions pegasus-plan needs.
    const strip = (s: string) => s.replace(/'/g, '').split('\n');
    const ours = strip(writeWorkflow(valueOf(readWorkflow(exampleText('diamond.yml')))));
    const theirs = strip(exampleText('diamond.yml'));
    const added = ours.filter((line) => !theirs.includes(line));
    expect(added).toEqual(['  pegasus: 5.0']);
  });
});
