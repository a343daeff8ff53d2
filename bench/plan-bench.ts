/**
 * Planner benchmark: plans synthetic workflows of 10^3, 10^4 and 10^5 jobs offline (the bar
 * for 10^5 is under 5 s) and times the steps after it.
 *
 * The workflow is made of groups of 10 jobs: 4 `pre` jobs each reading an input from the
 * replica catalog (with a size), 4 `mid` jobs, one `merge` reading the 4 mids and one
 * `final` whose output is staged out and registered; every edge comes from a file. Planned
 * with pegasus-plan's defaults plus an output site: condorio, in-place and leaf cleanup.
 * Steps: plan (every pass), plan with horizontal clustering (clusters.size 8), plan a fan-in
 * of the same size (one job reading every other job's output), the report
 * (levels, critical path, makespan on 64 slots), generating the whole submit directory in
 * memory (.dag, every .sub and .in), and, up to 10^4 jobs, writing it to a temporary folder.
 *
 *   npm run bench:plan                    all sizes, each in its own Node process
 *   npm run bench:plan -- --sizes 100000  chosen sizes
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { submitDirectoryFiles } from '../src/shared/formats/dagman';
import { buildPlanReport } from '../src/shared/formats/plan-report';
import type { WorkflowBundle } from '../src/shared/model';
import { plan, type ExecutableWorkflow, type PlanOptions } from '../src/shared/plan';
import { writeSubmitDirectory } from '../src/main/services/plan/write-submit-dir';
import { fanInWorkflowOf, workflowOf } from './plan-workflow';

interface StepResult {
  size: number;
  step: string;
  ms: number;
  /** CPU time of the process during the step (user + system, all threads, GC included). */
  cpuMs: number;
  peakRssMb: number;
  heapMb: number;
  note: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));

function measure<T>(size: number, step: string, results: StepResult[], fn: () => T, note: (value: T) => string): T {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = fn();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const usage = process.memoryUsage();
  results.push({
    size,
    step,
    ms,
    cpuMs: (used.user + used.system) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    heapMb: usage.heapUsed / 1048576,
    note: note(value),
  });
  return value;
}

function planned(bundle: WorkflowBundle, options: PlanOptions): ExecutableWorkflow {
  const result = plan(bundle, options);
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return result.value;
}

async function measureAsync<T>(
  size: number,
  step: string,
  results: StepResult[],
  fn: () => Promise<T>,
  note: (value: T) => string,
): Promise<T> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await fn();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const usage = process.memoryUsage();
  results.push({
    size,
    step,
    ms,
    cpuMs: (used.user + used.system) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    heapMb: usage.heapUsed / 1048576,
    note: note(value),
  });
  return value;
}

/** Largest size whose submit directory is written to disk (10^5 jobs make 150,000 files). */
const DISK_LIMIT = 10_000;

async function runSize(size: number): Promise<StepResult[]> {
  const results: StepResult[] = [];
  const bundle = measure(
    size,
    'build workflow',
    results,
    () => workflowOf(size),
    (b) => `${b.workflow.jobs.length} jobs`,
  );
  const options: PlanOptions = { sites: ['condorpool'], outputSites: ['local'] };
  const workflow = measure(
    size,
    'plan (condorio, inplace)',
    results,
    () => planned(bundle, options),
    (w) => `${w.jobs.length} executable jobs, ${w.graph.offsets[w.graph.nodeCount]} edges`,
  );
  measure(
    size,
    'plan + horizontal clusters',
    results,
    () => planned(bundle, { ...options, cluster: ['horizontal'] }),
    (w) => `${w.jobs.length} executable jobs`,
  );
  const fanIn = fanInWorkflowOf(size);
  measure(
    size,
    'plan fan-in (1 job reads all)',
    results,
    () => planned(fanIn, options),
    (w) => `${w.jobs.length} executable jobs`,
  );
  measure(
    size,
    'report (64 slots)',
    results,
    () => buildPlanReport(workflow, { slots: 64 }),
    (r) => `makespan ${Math.round(r.makespan.seconds)} s, ${r.levels} levels`,
  );
  measure(
    size,
    'submit files in memory',
    results,
    () => {
      let files = 0;
      let bytes = 0;
      for (const file of submitDirectoryFiles(workflow, { submitDir: '/submit/run0001' })) {
        files++;
        bytes += file.content.length;
      }
      return { files, bytes };
    },
    (r) => `${r.files} files, ${(r.bytes / 1048576).toFixed(0)} MB`,
  );
  if (size <= DISK_LIMIT) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'plan-bench-'));
    try {
      await measureAsync(
        size,
        'write submit dir to disk',
        results,
        () => writeSubmitDirectory(workflow, path.join(dir, 'submit'), { slots: 64 }),
        (w) => `${w.files} files`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return results;
}

function table(rows: StepResult[]): string {
  const header = ['jobs', 'step', 'wall (ms)', 'CPU (ms)', 'peak RSS (MB)', 'heap (MB)', 'result'];
  const cells = rows.map((r) => [
    r.size.toLocaleString('en-US'),
    r.step,
    r.ms.toFixed(0),
    r.cpuMs.toFixed(0),
    r.peakRssMb.toFixed(0),
    r.heapMb.toFixed(0),
    r.note,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    `| ${c.map((v, i) => (i >= 2 && i <= 5 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  process.stdout.write(JSON.stringify(await runSize(Number(args[1]))));
} else {
  const at = args.indexOf('--sizes');
  const sizes = at >= 0 ? args[at + 1]!.split(',').map(Number) : [1_000, 10_000, 100_000];
  const all: StepResult[] = [];
  for (const size of sizes) {
    const child = spawnSync(
      process.execPath,
      ['--max-old-space-size=4096', '--import', 'tsx', path.join(here, 'plan-bench.ts'), '--child', String(size)],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      },
    );
    if (child.status !== 0) {
      process.stderr.write(child.stderr);
      process.exit(1);
    }
    all.push(...(JSON.parse(child.stdout) as StepResult[]));
  }
  const load = os.loadavg()[0]!.toFixed(1);
  process.stdout.write(
    `Planner benchmark (node ${process.version}, ${os.cpus().length} cores, load average ${load}); each size in its own process\n\n${table(all)}\n`,
  );
  const big = all.find((r) => r.size === 100_000 && r.step.startsWith('plan ('));
  if (big) {
    process.stdout.write(
      `\nPlanning 10^5 jobs: ${(big.ms / 1000).toFixed(2)} s wall, ${(big.cpuMs / 1000).toFixed(2)} s CPU (bar: under 5 s).\n`,
    );
    process.stdout.write(
      'Wall time includes waiting for the cores when the machine is busy; CPU time is the work itself.\n',
    );
  }
}
