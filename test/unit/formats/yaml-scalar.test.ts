import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { JsonEmitter, YamlEmitter, type Emitter } from '../../../src/shared/formats/pegasus-yaml/emitter';
import { parseBlockYaml } from '../../../src/shared/formats/pegasus-yaml/fast-block-yaml';
import { isPlainSafe, yamlString } from '../../../src/shared/formats/pegasus-yaml/yaml-scalar';
import { writeAny } from '../../../src/shared/formats/pegasus-yaml/write-model';

/** Strings that YAML readers are known to turn into something else, or to choke on. */
const TRICKY = [
  '', ' ', '  lead', 'trail ', 'true', 'True', 'TRUE', 'false', 'yes', 'No', 'on', 'OFF', 'y', 'N', 'null', 'Null', '~',
  '1', '-1', '+1', '007', '0o17', '0x1F', '1.0', '.5', '1e3', '-.inf', '.NaN', '1_000', '1:20', '2001-12-14', '12:30:00',
  '5.0.4', 'E0', 'e+5', '-E', '-E3', '-e+5', '<<', '=', '-', '--', '---', '...', '- a', '-a', '--cluster', '?', '? x', ':', ':x', 'a:', 'a: b', 'a:b', 'a #b', 'a#b',
  '#c', '&anchor', '*alias', '!tag', '|', '>', "'", '"', "it's", 'say "hi"', '%YAML', '@x', '`x', '[a]', '{a}', 'a, b', ',',
  'line\nbreak', 'tab\there', 'cr\rhere', '\u0000', '\u0007bell', '\u007f', '\u0085', '\u00a0nbsp', '\u2028', '\u2029', '\ufeffbom',
  'é', '日本語', '🚀', '\ud800', '\udc00', 'a\ud83dz', 'back\\slash', '${VAR}', 'file:///x/y', 'docker://centos:7', 'TestPool =!= True',
  '-o f.inter', 'raw_(\\d+)\\.dat', 'x'.repeat(1100), 'é'.repeat(1001), 'x'.repeat(999), '\u0001'.repeat(300),
];

function emit(emitter: Emitter, value: unknown): string {
  writeAny(emitter, value);
  return emitter.take();
}

function documentWith(s: string): unknown {
  return { value: s, list: [s, [s], { [s]: s, after: [s] }], nested: { [s]: s, [`${s}2`]: [s], [`${s}3`]: { a: s } }, [s]: 1 };
}

function checkRoundTrip(s: string): void {
  const doc = documentWith(s);
  const yaml = emit(new YamlEmitter(), doc);
  expect(parse(yaml, { version: '1.2' })).toEqual(doc);
  // The planner's YAML 1.1 reading (SnakeYAML) and PyYAML must see the same text.
  expect(parse(yaml, { version: '1.1' })).toEqual(doc);
  const fast = parseBlockYaml(yaml);
  if (fast) expect(fast.value).toEqual(doc);
  const json = emit(new JsonEmitter(), doc);
  expect(JSON.parse(json)).toEqual(doc);
  expect(parse(json, { version: '1.1' })).toEqual(doc);
}

describe('YAML scalar quoting', () => {
  test.each(TRICKY.map((s) => [JSON.stringify(s).slice(0, 40), s]))('%s comes back as the same text (YAML 1.2, 1.1, JSON)', (_label, s) => {
    checkRoundTrip(s);
  });

  test('any string comes back as the same text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.constantFrom(...TRICKY).chain((t) => fc.string().map((r) => t + r))), (s) => {
        checkRoundTrip(s);
      }),
      { numRuns: 1500 },
    );
  });

  test('plain where the Python API writes plain, quoted where it must be', () => {
    for (const s of ['-a', '--cluster', 'f.in', '-o f.inter', 'file:///data/in.txt', 'docker://centos:7', 'x86_64', 'TestPool =!= True', '${HOME}/x']) expect(isPlainSafe(s)).toBe(true);
    expect(yamlString('3')).toBe("'3'");
    expect(yamlString('1.0')).toBe("'1.0'");
    expect(yamlString('yes')).toBe("'yes'");
    expect(yamlString("it's: here")).toBe("'it''s: here'");
    expect(yamlString('two\nlines')).toBe('"two\\nlines"');
    expect(yamlString('\u2028')).toBe('"\\u2028"');
  });
});

describe('number literals keep their text', () => {
  test('1.0, 1e3 and 007 are written as the same text, as numbers', () => {
    const literals = ['1.0', '1e3', '007', '-0.50', '.inf'].map((text) => ({ kind: 'number' as const, text }));
    const yaml = emit(new YamlEmitter(), { values: literals });
    expect(yaml).toBe("values:\n- 1.0\n- 1e3\n- 007\n- -0.50\n- .inf\n");
    const json = emit(new JsonEmitter(), { values: literals });
    expect(json).toContain('1.0');
    expect(json).toContain('1e3');
    expect(JSON.parse(json)).toEqual({ values: [1, 1000, '007', -0.5, '.inf'] });
  });
});
