import { describe, expect, test } from 'vitest';
import { DEFAULT_MAX_SIZE, decodeWorkflowBytes, READ_CODES, readWorkflow, readTransformationCatalog } from '../../../src/shared/formats/pegasus-yaml';
import type { Diagnostic, Result } from '../../../src/shared/model';

function refused(result: Result<unknown>, code: string): Diagnostic {
  expect(result.ok).toBe(false);
  expect(result.diagnostics.map((d) => d.code)).toContain(code);
  const d = result.diagnostics.find((x) => x.code === code)!;
  expect(d.severity).toBe('error');
  expect(d.location?.line).toBeGreaterThanOrEqual(1);
  expect(d.location?.column).toBeGreaterThanOrEqual(1);
  return d;
}

describe('unreadable input is refused with one clear message and a place', () => {
  test(`${READ_CODES.yamlSyntax}: malformed YAML`, () => {
    const d = refused(readWorkflow('pegasus: 5.0\nname: [unclosed\njobs: []\n', { file: 'bad.yml' }), READ_CODES.yamlSyntax);
    expect(d.location).toMatchObject({ file: 'bad.yml', line: 3 });
  });

  test(`${READ_CODES.yamlSyntax}: a tab in the indentation`, () => {
    refused(readWorkflow('jobs:\n\t- a: 1\n'), READ_CODES.yamlSyntax);
  });

  test(`${READ_CODES.yamlSyntax}: broken JSON`, () => {
    const d = refused(readWorkflow('{"pegasus": "5.0", "jobs": [}\n'), READ_CODES.yamlSyntax);
    expect(d.location?.line).toBe(1);
  });

  test(`${READ_CODES.aliasLimit}: an alias bomb is refused quickly`, () => {
    const rows = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) rows.push(`${'abcdefghij'[i]}: &${'abcdefghij'[i]} [${Array(10).fill(`*${'abcdefghij'[i - 1]}`).join(', ')}]`);
    const d = refused(readWorkflow(`${rows.join('\n')}\njobs: []\n`), READ_CODES.aliasLimit);
    expect(d.message).toContain('alias');
  });

  test('a few aliases are fine (the planner reads them too)', () => {
    const text = `pegasus: '5.0'\nname: wf\njobs:\n- &job {type: job, name: t, id: a, arguments: [], uses: []}\n- type: job\n  name: t\n  id: b\n  arguments: []\n  uses: []\n  profiles: &p {pegasus: {cores: 2}}\n`;
    const result = readWorkflow(text);
    expect(result.ok).toBe(true);
  });

  test(`${READ_CODES.tooDeep}: absurd flow nesting does not overflow the stack`, () => {
    refused(readWorkflow(`jobs: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`), READ_CODES.tooDeep);
  });

  test(`${READ_CODES.tooDeep}: absurd block nesting`, () => {
    const text = `jobs:\n${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i + 1)}a:`).join('\n')}\n`;
    refused(readWorkflow(text), READ_CODES.tooDeep);
  });

  test(`${READ_CODES.tooDeep}: nesting past the reader's cap even when the parser copes`, () => {
    refused(readWorkflow(`jobs: ${'['.repeat(400)}${']'.repeat(400)}\n`), READ_CODES.tooDeep);
  });

  test(`${READ_CODES.notADocument}: not a mapping, no jobs, jobs not a list`, () => {
    expect(refused(readWorkflow('- a\n- b\n'), READ_CODES.notADocument).message).toContain('mapping');
    expect(refused(readWorkflow('pegasus: 5.0\nname: x\n'), READ_CODES.notADocument).message).toContain('jobs');
    expect(refused(readWorkflow('jobs: 3\n'), READ_CODES.notADocument).message).toContain('list');
    expect(refused(readWorkflow(''), READ_CODES.notADocument).message).toContain('mapping');
    expect(refused(readTransformationCatalog('pegasus: 5.0\n'), READ_CODES.notADocument).message).toContain('transformations');
  });

  test(`${READ_CODES.tooLarge}: a text over the cap says its size and the cap`, () => {
    const d = refused(readWorkflow('jobs: []\n'.repeat(200), { maxSize: 1024 }), READ_CODES.tooLarge);
    expect(d.message).toContain('1.8 KB');
    expect(d.message).toContain('1.0 KB');
  });

  test(`${READ_CODES.tooLarge}: a 501 MB file is refused before decoding, at pegasus-plan's 500 MB`, () => {
    const bytes = new Uint8Array(501 * 1024 * 1024);
    const d = refused(decodeWorkflowBytes(bytes, { file: 'huge.yml' }), READ_CODES.tooLarge);
    expect(d.message).toContain('501.0 MB');
    expect(d.message).toContain('500.0 MB');
    expect(DEFAULT_MAX_SIZE).toBe(500 * 1024 * 1024);
  });
});

describe(`${READ_CODES.notUtf8}: bytes that are not UTF-8`, () => {
  const cases: Array<[string, number[], number, number, number]> = [
    ['a bad continuation byte', [0x61, 0x0a, 0x62, 0xc3, 0x28], 3, 2, 2],
    ['a lone continuation byte', [0x80], 0, 1, 1],
    ['an overlong encoding', [0x61, 0xc0, 0xaf], 1, 1, 2],
    ['an encoded surrogate', [0xed, 0xa0, 0x80], 0, 1, 1],
    ['a character above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0, 1, 1],
    ['a truncated character at the end', [0x61, 0x62, 0xe2, 0x82], 2, 1, 3],
    ['Latin-1 text', [0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9, 0x74, 0xe9], 6, 1, 7],
  ];
  test.each(cases)('%s: refused with the byte offset, line and column', (_what, bytes, offset, line, column) => {
    const d = refused(decodeWorkflowBytes(new Uint8Array(bytes), { file: 'x.yml' }), READ_CODES.notUtf8);
    expect(d.message).toContain(`byte offset ${offset}`);
    expect(d.location).toEqual({ file: 'x.yml', line, column });
  });

  test('valid UTF-8 (with a byte-order mark, CJK, emoji) decodes to the text', () => {
    const text = 'name: 日本 🚀 é\n';
    const encoded = new TextEncoder().encode(text);
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...encoded]);
    expect(decodeWorkflowBytes(withBom)).toEqual({ ok: true, value: text, diagnostics: [] });
  });
});
