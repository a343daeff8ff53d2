import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAnnexSlots, parseAnnexStatus } from '../../../src/shared/remote/annex-status';
import { sharedPath } from '../../support/shared-path';

/** The code blocks of sample-outputs.md that follow a bold heading, by heading text. */
function sampleBlock(heading: string): string {
  const text = readFileSync(sharedPath('annex', 'sample-outputs.md'), 'utf8');
  const start = text.indexOf(`**${heading}**`);
  if (start < 0) throw new Error(`no sample "${heading}"`);
  const open = text.indexOf('```\n', start) + 4;
  return text.slice(open, text.indexOf('```', open));
}

function withoutPrompt(block: string): string {
  return block.split('\n').filter((line) => !line.startsWith('$ ')).join('\n');
}

describe('parseAnnexStatus on the recorded outputs', () => {
  it('reads a pending annex (docs wording, wrapped lines)', () => {
    const status = parseAnnexStatus(withoutPrompt(sampleBlock('status, not yet established')));
    expect(status.unparsed).toEqual([]);
    expect(status.annexes).toEqual([
      {
        name: 'example',
        established: false,
        nodesRequested: 2,
        nodesEstablished: 0,
        cpusTotal: 0,
        cpusBusy: 0,
        jobsTargeting: 1,
        jobsRunning: 0,
        requests: { total: 1, pending: 1, established: 0, retired: 0 },
      },
    ]);
  });

  it('reads an established annex with its hours until retirement', () => {
    const status = parseAnnexStatus(withoutPrompt(sampleBlock('status, established and running')));
    expect(status.unparsed).toEqual([]);
    expect(status.annexes[0]).toMatchObject({
      name: 'example',
      established: true,
      oldestAgeHours: 0.69,
      oldestRetireInHours: 0.31,
      nodesRequested: 2,
      nodesEstablished: 2,
      cpusTotal: 136,
      cpusBusy: 1,
      jobsRunning: 1,
      requests: { total: 1, pending: 0, established: 1, retired: 0 },
    });
  });

  it('reads the current wording and the one-line-per-annex list', () => {
    const current = parseAnnexStatus(
      [
        "Annex 'alice' is established.",
        'Its oldest established request is about 1.50 hours old and will retire in 0.50 hours.',
        'You requested 1 nodes for this annex, of which 1 are in an established annex.',
        'There are 128 CPUs in the established annex, of which 12 are busy.',
        '12 jobs must run on this annex, and 12 currently are.',
        'You requested resources for this annex 2 times; 1 are pending, 1 comprise the established annex, and 0 have retired.',
      ].join('\n'),
    );
    expect(current.unparsed).toEqual([]);
    expect(current.annexes[0]).toMatchObject({ name: 'alice', cpusBusy: 12, cpusTotal: 128, requests: { total: 2, pending: 1 } });

    const list = parseAnnexStatus(
      "Annex 'alice' is established and running 3 of 10 jobs on 3 of 128 CPUs.  0/1/0 requests are pending/active/retired.\nAnnex 'bob' is not established.\n\nFor more information about an annex, specify it on the command line: 'htcondor annex status <specific-annex-name>'\n",
    );
    expect(list.annexes.map((annex) => [annex.name, annex.established])).toEqual([
      ['alice', true],
      ['bob', false],
    ]);
    expect(list.annexes[0]).toMatchObject({ jobsRunning: 3, jobsTargeting: 10, cpusBusy: 3, cpusTotal: 128, requests: { established: 1 } });
  });

  it('says when no annex of that name exists, and keeps sentences it does not know', () => {
    const status = parseAnnexStatus("Found no established or requested annexes named 'alice'.\nSomething new happened.");
    expect(status.annexes).toEqual([{ name: 'alice', established: false, notFound: true }]);
    expect(status.unparsed).toEqual(['Something new happened.']);
  });
});

describe('parseAnnexSlots', () => {
  it('reads condor_status JSON ads and treats no output as no slots', () => {
    const result = parseAnnexSlots(
      JSON.stringify([
        { Name: 'slot1@c01.expanse.sdsc.edu', Machine: 'c01.expanse.sdsc.edu', PartitionableSlot: true, Cpus: 100, TotalSlotCPUs: 128, Memory: 200000, State: 'Unclaimed', Activity: 'Idle' },
        { Name: 'slot1_1@c01.expanse.sdsc.edu', Machine: 'c01.expanse.sdsc.edu', PartitionableSlot: false, Cpus: 28, State: 'Claimed', Activity: 'Busy' },
      ]),
    );
    expect(result.ok && result.slots.map((slot) => [slot.name, slot.partitionable, slot.cpus])).toEqual([
      ['slot1@c01.expanse.sdsc.edu', true, 100],
      ['slot1_1@c01.expanse.sdsc.edu', false, 28],
    ]);
    expect(parseAnnexSlots('\n')).toEqual({ ok: true, slots: [] });
  });

  it('reports output that is not JSON instead of failing', () => {
    const result = parseAnnexSlots('Error: communication error');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/condor_status did not print JSON/);
  });
});
