import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { readWorkflow, writeWorkflow } from '../../../src/shared/formats/pegasus-yaml';
import { parseBlockYaml } from '../../../src/shared/formats/pegasus-yaml/fast-block-yaml';
import { parseGeneralYaml } from '../../../src/shared/formats/pegasus-yaml/general-yaml';
import { exampleFiles } from './examples';

const workflows = exampleFiles()
  .filter((f) => f.kind === 'workflow')
  .map((f) => f.text);
// JSON forms too, so that the JSON path is fuzzed as well.
const sources = [...workflows, ...workflows.slice(0, 3).map((text) => {
  const read = readWorkflow(text);
  return read.ok ? writeWorkflow(read.value, { format: 'json' }) : text;
})];

/** Characters that matter to YAML, plus some that matter to text handling. */
const SPECIAL = [':', '-', '#', "'", '"', '[', ']', '{', '}', '&', '*', '!', '|', '>', '%', '@', '`', '?', ',', '\t', '\n', '\r', ' ', '  ', '\\', '~', '0', '1.0', 'é', '日', '🚀', '\u2028', '\ufeff', '\u0000', 'true', 'null', '<<'];

const fragment = fc.oneof(fc.constantFrom(...SPECIAL), fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 4 }));

type Mutation =
  | { kind: 'replace'; at: number; text: string }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'truncate'; at: number }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicateLine'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), text: fragment }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fragment }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('duplicateLine' as const), at: fc.nat() }),
);

function apply(text: string, m: Mutation): string {
  const at = text.length === 0 ? 0 : m.at % (text.length + 1);
  switch (m.kind) {
    case 'replace':
      return text.slice(0, at) + m.text + text.slice(at + 1);
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'truncate':
      return text.slice(0, at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'duplicateLine': {
      const start = text.lastIndexOf('\n', at - 1) + 1;
      const end = text.indexOf('\n', at);
      const line = text.slice(start, end < 0 ? text.length : end + 1);
      return text.slice(0, start) + line + text.slice(start);
    }
  }
}

const mutated = fc.tuple(fc.constantFrom(...sources), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([text, ms]) => ms.reduce(apply, text));

describe('fuzzing the reader with mutated examples', () => {
  test('it never throws, and always answers with diagnostics that say what and where', () => {
    fc.assert(
      fc.property(mutated, (text) => {
        const result = readWorkflow(text, { file: 'fuzz.yml' });
        for (const d of result.diagnostics) {
          expect(d.code).toMatch(/^PC1\d\d$/);
          expect(d.message.length).toBeGreaterThan(0);
          if (d.location) expect(d.location.line).toBeGreaterThanOrEqual(1);
        }
        if (!result.ok) expect(result.diagnostics.some((d) => d.severity === 'error' && d.location)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  test('what opens writes out and reads back as the same document', () => {
    fc.assert(
      fc.property(mutated, fc.constantFrom('yaml' as const, 'json' as const), (text, format) => {
        const first = readWorkflow(text);
        if (!first.ok) return;
        const written = writeWorkflow(first.value, { format });
        const second = readWorkflow(written);
        expect(second.ok).toBe(true);
        if (second.ok) expect(second.value).toEqual(first.value);
        expect(second.ok && writeWorkflow(second.value, { format })).toBe(written);
      }),
      { numRuns: 300 },
    );
  });

  test.each(['-\t- a\n', '-\ta: b\n', 'a\t: b\n', 'a: b\t#c\n', "- 'a':\tb\n", 'a:\n- b\n-\tc\n', 'a: b\u0000c\n', 'a: \u0085x\n', '\ufeffa: b\n'])(
    'the scanner declines or agrees on %j',
    (text) => {
      const fast = parseBlockYaml(text);
      const general = parseGeneralYaml(text, undefined);
      if (fast) {
        expect(general.ok).toBe(true);
        if (general.ok) expect(fast.value).toEqual(general.value);
      }
    },
  );

  test('the fast block scanner agrees with the yaml library whenever it accepts a text', () => {
    let accepted = 0;
    fc.assert(
      fc.property(mutated, (text) => {
        const fast = parseBlockYaml(text);
        if (!fast) return;
        accepted++;
        const general = parseGeneralYaml(text, undefined);
        expect(general.ok).toBe(true);
        if (general.ok) {
          expect(general.duplicates).toEqual([]);
          expect(fast.value).toEqual(general.value);
        }
      }),
      { numRuns: 400 },
    );
    // The property must have been exercised, not skipped.
    expect(accepted).toBeGreaterThan(50);
  });
});
