import { describe, expect, it } from 'vitest';
import { buildPlanReport, formatPlanSummary, listSchedule } from '../../../src/shared/formats/plan-report';
import { buildDag } from '../../../src/shared/graph/dag';
import { bundle, job, planOk } from './support/build';

function dag(n: number, edges: Array<[number, number]>): ReturnType<typeof buildDag> {
  return buildDag(
    n,
    Uint32Array.from(edges.map((e) => e[0])),
    Uint32Array.from(edges.map((e) => e[1])),
    new Uint8Array(edges.length),
  );
}

describe('list scheduling', () => {
  // 0 → {1,2,3} → 4, runtimes 1, 10, 5, 5, 1.
  const fan = dag(5, [
    [0, 1],
    [0, 2],
    [0, 3],
    [1, 4],
    [2, 4],
    [3, 4],
  ]);
  const runtime = Float64Array.from([1, 10, 5, 5, 1]);
  const order = Uint32Array.from([0, 1, 2, 3, 4]);

  it('finds the runtime-weighted critical path', () => {
    expect(listSchedule(fan, order, runtime, 3).criticalPath).toEqual({ seconds: 12, nodes: [0, 1, 4] });
  });

  it('runs everything in parallel with enough slots, and serialises on one', () => {
    expect(listSchedule(fan, order, runtime, 3).makespan).toBe(12);
    expect(listSchedule(fan, order, runtime, 1).makespan).toBe(22);
  });

  it('starts the job with the longest remaining path first on two slots', () => {
    // Longest first: 1 (10 s) with 2 (5 s), then 3 at t=6 → ends 11; 4 after 1 ends at 11 → 12.
    expect(listSchedule(fan, order, runtime, 2).makespan).toBe(12);
  });
});

describe('the plan report', () => {
  const b = bundle({
    jobs: [
      job('a', 'gen', ['in1', 'in2'], [{ lfn: 'x', stageOut: false }], { pegasus: { runtime: 100 } }),
      job('b', 'use', ['x'], [{ lfn: 'y', stageOut: true, size: '5000' }]),
      job('c', 'use', ['x'], [{ lfn: 'z', stageOut: true }]),
    ],
    replicas: [{ lfn: 'in1', size: 1000 }, { lfn: 'in2' }],
  });
  const planned = planOk(b, { outputSites: ['local'], cleanup: 'leaf' });
  const report = buildPlanReport(planned, { slots: 2, defaultRuntime: 60, auxiliaryRuntime: 10 });

  it('counts jobs by kind, levels and width', () => {
    expect(report.jobsByKind).toEqual({
      compute: 3,
      'stage-in': 1,
      'stage-out': 1,
      'create-dir': 1,
      'leaf-cleanup': 1,
    });
    expect(report.jobs).toBe(7);
    // create_dir → stage_in → gen_a → use_b/use_c → stage_out → cleanup
    expect(report.levels).toBe(6);
    expect(report.width).toEqual({ jobs: 2, level: 3 });
  });

  it('sums transfers and bytes where sizes are known', () => {
    expect(report.transfers.stageIn).toEqual({ jobs: 1, files: 2, bytes: 1000, unknownSizes: 1 });
    expect(report.transfers.stageOut).toEqual({ jobs: 1, files: 2, bytes: 5000, unknownSizes: 1 });
  });

  it('estimates the critical path and makespan with the default runtimes it reports', () => {
    // 10 + 10 + 100 + 60 + 10 + 10
    expect(report.criticalPath.seconds).toBe(200);
    expect(report.criticalPath.jobs[2]).toBe('gen_a');
    expect(report.makespan).toEqual({
      slots: 2,
      seconds: 200,
      defaultRuntime: 60,
      auxiliaryRuntime: 10,
      jobsWithoutRuntime: 2,
    });
    const serial = buildPlanReport(planned, { slots: 1 });
    expect(serial.makespan.seconds).toBe(10 + 10 + 100 + 60 + 60 + 10 + 10);
  });

  it('prints a human summary with the same figures', () => {
    const text = formatPlanSummary(report);
    expect(text).toContain('Jobs: 7 (');
    expect(text).toMatch(/compute\s+3\n/);
    expect(text).toContain('stage-in    2 file(s) in 1 job(s), 1000 B (+1 of unknown size)');
    expect(text).toContain('Critical path: 3m 20s over 6 job(s)');
    expect(text).toContain('Estimated makespan on 2 slot(s): 3m 20s');
    expect(text).toContain('2 compute job(s) had no runtime profile and count as 60s each');
  });
});
