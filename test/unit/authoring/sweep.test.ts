import { describe, expect, it } from 'vitest';
import type { Job } from '../../../src/shared/model';
import { expandSweep, fillPattern, parseSweepValues } from '../../../src/shared/sweep/sweep';

const align: Job = {
  type: 'job',
  name: 'bwa',
  id: 'align',
  arguments: ['mem', 'ref.fa', '{sample}.fastq', 7],
  uses: [
    { lfn: 'ref.fa', type: 'input' },
    { lfn: '{sample}.fastq', type: 'input' },
    { lfn: '{sample}_aligned.bam', type: 'output', stageOut: false },
  ],
  stdout: '{sample}.log',
  profiles: { pegasus: { cores: 4 } },
};

describe('parseSweepValues', () => {
  it('reads lists and inclusive ranges, keeping zero padding', () => {
    expect(parseSweepValues('A, B  C')).toEqual({ ok: true, values: ['A', 'B', 'C'] });
    expect(parseSweepValues('1..5')).toEqual({ ok: true, values: ['1', '2', '3', '4', '5'] });
    expect(parseSweepValues('1..10..4')).toEqual({ ok: true, values: ['1', '5', '9'] });
    expect(parseSweepValues('008..011')).toEqual({ ok: true, values: ['008', '009', '010', '011'] });
    expect(parseSweepValues('3..1')).toEqual({ ok: true, values: ['3', '2', '1'] });
    expect(parseSweepValues(' ').ok).toBe(false);
    expect(parseSweepValues('1..5..0').ok).toBe(false);
  });
});

describe('expandSweep', () => {
  it('makes one job per value with file names from the pattern, as expand does', () => {
    const result = expandSweep(align, { variables: { sample: ['SRR1', 'SRR2'] } }, new Set(['align']));
    expect(result.ok).toBe(true);
    const jobs = result.ok ? result.jobs : [];
    expect(jobs.map((job) => job.id)).toEqual(['align_SRR1', 'align_SRR2']);
    expect(jobs[1]!.uses.map((use) => use.lfn)).toEqual(['ref.fa', 'SRR2.fastq', 'SRR2_aligned.bam']);
    expect(jobs[1]!.arguments).toEqual(['mem', 'ref.fa', 'SRR2.fastq', 7]);
    expect(jobs[1]!.stdout).toBe('SRR2.log');
    expect(jobs[1]!.uses[2]!.stageOut).toBe(false);
    // The copies do not share objects with the template or each other.
    jobs[0]!.profiles!.pegasus!.cores = 8;
    expect(align.profiles!.pegasus!.cores).toBe(4);
    expect(jobs[1]!.profiles!.pegasus!.cores).toBe(4);
  });

  it('makes every combination of several variables, or zips them', () => {
    const template: Job = { type: 'job', name: 't', id: 'run_{s}_{r}', arguments: [], uses: [{ lfn: '{s}_{r}.out', type: 'output' }] };
    const product = expandSweep(template, { variables: { s: ['a', 'b'], r: ['1', '2', '3'] } }, new Set());
    expect(product.ok && product.jobs.map((job) => job.id)).toEqual(['run_a_1', 'run_a_2', 'run_a_3', 'run_b_1', 'run_b_2', 'run_b_3']);
    const zipped = expandSweep(template, { variables: { s: ['a', 'b'], r: ['1', '2'] }, combine: 'zip' }, new Set());
    expect(zipped.ok && zipped.jobs.map((job) => job.id)).toEqual(['run_a_1', 'run_b_2']);
    expect(expandSweep(template, { variables: { s: ['a', 'b'], r: ['1'] }, combine: 'zip' }, new Set())).toMatchObject({ ok: false });
  });

  it('refuses a placeholder that is not a variable, a clash of ids, and two producers of one file', () => {
    expect(expandSweep(align, { variables: { smaple: ['A'] } }, new Set())).toMatchObject({ ok: false, message: expect.stringContaining('{sample}') });
    expect(expandSweep(align, { variables: { sample: ['A'] } }, new Set(['align_A']))).toMatchObject({ ok: false, message: expect.stringContaining('already used') });
    const fixed: Job = { ...align, uses: [{ lfn: 'all.bam', type: 'output' }], stdout: undefined, arguments: [] };
    expect(expandSweep(fixed, { variables: { sample: ['A', 'B'] } }, new Set())).toMatchObject({ ok: false, message: expect.stringContaining('both produce "all.bam"') });
    expect(expandSweep(align, { variables: { sample: ['a b'] } }, new Set())).toMatchObject({ ok: false, message: expect.stringContaining('not valid') });
  });

  it('fills patterns and leaves unknown names alone', () => {
    expect(fillPattern('{a}-{b}', { a: '1' })).toBe('1-{b}');
  });
});
