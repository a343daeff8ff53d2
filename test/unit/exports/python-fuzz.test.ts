import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readWorkflow } from '../../../src/shared/formats/pegasus-yaml';
import { toPythonScript } from '../../../src/shared/formats/python-api';
import type { FileUse, Job, Workflow } from '../../../src/shared/model';
import { normalize } from './normalize';

const standIn = path.join(path.dirname(new URL(import.meta.url).pathname), 'pegasus-api-stand-in');
const temp = mkdtempSync(path.join(tmpdir(), 'pc-pyfuzz-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Text that is hard to quote: quotes, backslashes, line breaks, braces, non-ASCII, Python keywords. */
const nasty = fc.oneof(
  fc.constantFrom(
    '"',
    "'",
    '\\',
    '\n',
    '\r\n',
    '\t',
    '{',
    '}',
    '#',
    '"""',
    'é',
    '漢',
    '😀',
    'import os',
    'lambda',
    'self',
    'File',
    'wf',
  ),
  fc.string({ minLength: 1, maxLength: 6 }),
);
const text = fc.array(nasty, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));
const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,8}$/);

const arbitraryWorkflow: fc.Arbitrary<Workflow> = fc
  .record({
    name: fc.stringMatching(/^[A-Za-z0-9._-]{1,10}$/),
    ids: fc.uniqueArray(id, { minLength: 1, maxLength: 4 }),
    lfns: fc.uniqueArray(text, { minLength: 1, maxLength: 6 }),
    jobs: fc.array(
      fc.record({
        name: text,
        label: fc.option(text, { nil: undefined }),
        args: fc.array(
          fc.oneof(
            text,
            fc.integer({ min: -5, max: 99999 }),
            fc.nat({ max: 5 }).map((n) => ({ ref: n })),
          ),
          { maxLength: 4 },
        ),
        uses: fc.array(
          fc.record({
            lfn: fc.nat({ max: 5 }),
            type: fc.constantFrom<FileUse['type']>('input', 'output', 'checkpoint'),
            flag: fc.boolean(),
          }),
          { maxLength: 4 },
        ),
        env: fc.dictionary(
          text,
          text.filter((v) => v !== ''),
          { maxKeys: 2 },
        ),
        cores: fc.option(fc.integer({ min: 1, max: 64 }), { nil: undefined }),
        metadata: fc.dictionary(text, text, { maxKeys: 2 }),
        hook: fc.option(text, { nil: undefined }),
      }),
      { minLength: 4, maxLength: 4 },
    ),
  })
  .map(({ name, ids, lfns, jobs }) => ({
    pegasus: '5.0.4',
    name,
    dependencies: [],
    jobs: ids.map((jobId, k): Job => {
      const spec = jobs[k]!;
      const uses: FileUse[] = [];
      for (const u of spec.uses) {
        const lfn = lfns[u.lfn % lfns.length]!;
        if (uses.some((x) => x.lfn === lfn)) continue;
        uses.push(
          u.type === 'input'
            ? { lfn, type: 'input', ...(u.flag ? { bypass: true } : {}) }
            : { lfn, type: u.type, stageOut: u.flag, registerReplica: !u.flag },
        );
      }
      return {
        type: 'job',
        id: jobId,
        name: spec.name,
        ...(spec.label !== undefined ? { nodeLabel: spec.label } : {}),
        arguments: spec.args.map((a) =>
          typeof a === 'object' ? (uses.length > 0 ? uses[a.ref % uses.length]!.lfn : 'x') : a,
        ),
        uses,
        ...(Object.keys(spec.env).length > 0 || spec.cores !== undefined
          ? {
              profiles: {
                ...(Object.keys(spec.env).length > 0 ? { env: spec.env } : {}),
                ...(spec.cores !== undefined ? { pegasus: { cores: spec.cores } } : {}),
              },
            }
          : {}),
        ...(Object.keys(spec.metadata).length > 0 ? { metadata: spec.metadata } : {}),
        ...(spec.hook !== undefined ? { hooks: { shell: [{ on: 'error' as const, cmd: spec.hook }] } } : {}),
      };
    }),
  }));

describe('Python export of hostile documents', () => {
  it('runs and reproduces workflows whose names, files, arguments, profiles and metadata are hard to quote', () => {
    let run = 0;
    fc.assert(
      fc.property(arbitraryWorkflow, (workflow) => {
        const dir = mkdtempSync(path.join(temp, `case${run++}-`));
        const script = toPythonScript({ workflow, catalogs: {} }, { workflowFile: 'out.yml' });
        writeFileSync(path.join(dir, 'make.py'), script);
        execFileSync('python3', ['make.py'], { cwd: dir, env: { ...process.env, PYTHONPATH: standIn }, stdio: 'pipe' });
        const back = readWorkflow(readFileSync(path.join(dir, 'out.yml'), 'utf8'));
        expect(back.ok).toBe(true);
        if (back.ok) expect(normalize(back.value, {})).toEqual(normalize(workflow, {}));
      }),
      { numRuns: 12 },
    );
  });
});
