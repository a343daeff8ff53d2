import { describe, expect, it } from 'vitest';
import { dotQuote, toDot } from '../../../src/shared/formats/dot';
import { loadExample } from './example-bundles';
import { job, workflow } from '../validate/builders';

/** `"a" -> "b"` edges of a DOT text, with their attributes. */
function edges(dot: string): string[] {
  return dot
    .split('\n')
    .filter((l) => l.includes(' -> '))
    .map((l) => l.trim().replace(/;$/, ''));
}

describe('toDot', () => {
  it('draws the diamond jobs and their four edges', async () => {
    const { bundle } = await loadExample('diamond.yml');
    const dot = toDot(bundle.workflow);
    expect(dot.startsWith('digraph "diamond" {')).toBe(true);
    expect(dot).toContain('"preprocess" [label="preprocess\\ndiamond::preprocess:4.0"];');
    expect(edges(dot)).toEqual([
      '"preprocess" -> "findrange_1"',
      '"preprocess" -> "findrange_2"',
      '"findrange_1" -> "analyze"',
      '"findrange_2" -> "analyze"',
    ]);
    expect(dot.trimEnd().endsWith('}')).toBe(true);
  });

  it('dashes explicit-only edges and labels jobs with their node label', async () => {
    const { bundle } = await loadExample('features.yml');
    const dot = toDot(bundle.workflow);
    expect(edges(dot)).toEqual(['"a" -> "b"', '"c" -> "d" [style=dashed]']);
    expect(dot).toContain('"a" [label="a\\nstep-a"];');
  });

  it('with files: jobs write files, files feed jobs, checkpoints dotted, explicit edges stay', async () => {
    const { bundle } = await loadExample('inference-edgecases.yml');
    const dot = toDot(bundle.workflow, { files: true });
    const e = edges(dot);
    expect(e).toContain('"p1" -> "file:shared.dat"');
    expect(e).toContain('"p2" -> "file:shared.dat"');
    expect(e).toContain('"file:shared.dat" -> "consumer"');
    expect(e).toContain('"ck" -> "file:state.ckpt" [style=dotted]');
    expect(e).toContain('"file:log.txt" -> "stdin_consumer"');
    // stdout listed in uses too is drawn once.
    expect(e.filter((x) => x === '"stdout_producer" -> "file:log.txt"')).toHaveLength(1);
    expect(dot).toContain('"file:shared.dat" [label="shared.dat", shape=ellipse');
    expect(e.some((x) => x.startsWith('"p2" -> "consumer"'))).toBe(false);
  });

  it('drops implied edges with reduce', () => {
    const wf = workflow([job('a', ['out:x']), job('b', ['in:x', 'out:y']), job('c', ['in:x', 'in:y'])]);
    expect(edges(toDot(wf))).toHaveLength(3);
    expect(edges(toDot(wf, { reduce: true }))).toEqual(['"a" -> "b"', '"b" -> "c"']);
  });

  it('quotes every id so that quotes, backslashes and line breaks stay inside', () => {
    expect(dotQuote('a"b\\c\nd')).toBe('"a\\"b\\\\c\\nd"');
    const wf = workflow([job('x', ['out:we"ird\nname'])], { name: 'n"}; evil' });
    const dot = toDot(wf, { files: true });
    expect(dot.split('\n')[0]).toBe('digraph "n\\"}; evil" {');
    expect(dot).toContain('"x" -> "file:we\\"ird\\nname";');
  });
});
