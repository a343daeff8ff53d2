/**
 * Core benchmark: the fan-out/fan-in workflow of the Pegasus anchor (split → N−2 workers →
 * merge, every edge inferred from files, each worker with pegasus cores and runtime
 * profiles, replica and transformation catalogs embedded) for 10^4, 10^5 and 10^6 jobs.
 * Steps: build the model, infer dependencies, validate, write YAML to disk (streamed), and
 * for 10^5 read the file back. Prints wall time and memory per step, and the 10^6 / 10^5
 * time ratio (linear algorithms keep it near 10).
 *
 *   npm run bench                   all sizes, each in its own Node process
 *   npm run bench -- --sizes 10000  chosen sizes
 *
 * Each size runs in a fresh child process (so peak RSS belongs to that size alone) with a
 * 4 GB heap limit; the bar for 10^6 is 3 GB.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { readWorkflow, writeWorkflowByteChunks } from '../src/shared/formats/pegasus-yaml';
import { inferDependencies, type DependencyGraph } from '../src/shared/infer';
import type { Diagnostic, WorkflowBundle } from '../src/shared/model';
import { fanOutFanIn } from './core-bench-shape';
import { incrementalRows } from './incremental-rows';

interface StepResult {
  size: number;
  step: string;
  ms: number;
  /** Peak resident set size of the process so far (MB). */
  peakRssMb: number;
  /** V8 heap in use at the end of the step (MB). */
  heapMb: number;
  note?: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));

// ---------------------------------------------------------------- one size, in a child process

type Validate = (bundle: WorkflowBundle) => Diagnostic[];

async function loadValidate(): Promise<Validate | undefined> {
  // Imported by a computed path so that the bench also runs before validation exists.
  const modulePath = '../src/shared/validate';
  try {
    const mod = (await import(modulePath)) as { validateWorkflow?: Validate };
    return mod.validateWorkflow;
  } catch {
    return undefined;
  }
}

function measure<T>(size: number, step: string, results: StepResult[], run: () => T, note?: (value: T) => string): T {
  const start = performance.now();
  const value = run();
  const ms = performance.now() - start;
  const memory = process.memoryUsage();
  const result: StepResult = {
    size,
    step,
    ms,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    heapMb: memory.heapUsed / (1024 * 1024),
  };
  if (note) result.note = note(value);
  results.push(result);
  return value;
}

async function runOne(size: number, dir: string): Promise<StepResult[]> {
  const results: StepResult[] = [];
  const validate = await loadValidate();
  const workflow = measure(size, 'build', results, () => fanOutFanIn(size));
  const graph: DependencyGraph = measure(size, 'infer', results, () => inferDependencies(workflow), (g) => `${g.offsets[g.nodeCount]!} edges`);
  if (validate) {
    measure(size, 'validate', results, () => validate({ workflow, catalogs: {} }), (d) => `${d.length} diagnostics`);
  } else {
    results.push({ size, step: 'validate', ms: NaN, peakRssMb: NaN, heapMb: NaN, note: 'n/a (validate.ts not present)' });
  }
  const file = path.join(dir, `fan-${size}.yml`);
  measure(
    size,
    'write YAML',
    results,
    () => {
      const fd = openSync(file, 'w');
      try {
        for (const chunk of writeWorkflowByteChunks(workflow, { graph })) writeSync(fd, chunk);
      } finally {
        closeSync(fd);
      }
      return statSync(file).size;
    },
    (bytes) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`,
  );
  if (size === 100_000) {
    measure(
      size,
      'read YAML back',
      results,
      () => {
        const read = readWorkflow(readFileSync(file, 'utf8'), { file });
        if (!read.ok) throw new Error(`the written file does not read back: ${read.diagnostics[0]?.message}`);
        return read;
      },
      (read) => `${read.ok ? read.value.jobs.length : 0} jobs, ${read.diagnostics.length} diagnostics`,
    );
    for (const row of incrementalRows(size)) {
      const memory = process.memoryUsage();
      results.push({ size, ...row, peakRssMb: process.resourceUsage().maxRSS / 1024, heapMb: memory.heapUsed / (1024 * 1024) });
    }
  }
  return results;
}

// ---------------------------------------------------------------- the table

function fmtMs(ms: number): string {
  if (Number.isNaN(ms)) return 'n/a';
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(0)} ms`;
}

function fmtMb(mb: number): string {
  return Number.isNaN(mb) ? 'n/a' : `${mb.toFixed(0)} MB`;
}

function printTable(results: StepResult[]): void {
  const rows = [['jobs', 'step', 'wall time', 'peak RSS', 'heap used', 'note']];
  for (const r of results) rows.push([r.size.toLocaleString('en-US'), r.step, fmtMs(r.ms), fmtMb(r.peakRssMb), fmtMb(r.heapMb), r.note ?? '']);
  const sizes = [...new Set(results.map((r) => r.size))];
  const totals = new Map<number, number>();
  for (const size of sizes) {
    const core = results.filter((r) => r.size === size && r.step !== 'read YAML back' && !r.step.startsWith('incremental') && !Number.isNaN(r.ms));
    const total = core.reduce((sum, r) => sum + r.ms, 0);
    totals.set(size, total);
    const peak = Math.max(...core.filter((r) => !Number.isNaN(r.peakRssMb)).map((r) => r.peakRssMb));
    rows.push([size.toLocaleString('en-US'), 'build+infer+validate+write', fmtMs(total), fmtMb(peak), '', '']);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  const line = (row: string[]) => `| ${row.map((cell, c) => (c >= 2 && c <= 4 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join(' | ')} |`;
  console.log(line(rows[0]!));
  console.log(`|${widths.map((w, c) => (c >= 2 && c <= 4 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`);
  for (const row of rows.slice(1)) console.log(line(row));
  const t5 = totals.get(100_000);
  const t6 = totals.get(1_000_000);
  if (t5 && t6) console.log(`\nratio of 10^6 to 10^5 time (build+infer+validate+write): ${(t6 / t5).toFixed(1)}`);
  console.log('bars: 10^5 build+infer+validate+write < 2.5 s; 10^6 < 30 s and < 3 GB; 10^5 read back < 3 s; 10^5 one-job edit → diagnostics < 50 ms (target a few ms)');
}

// ---------------------------------------------------------------- entry

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const child = args.indexOf('--child');
  if (child >= 0) {
    const size = Number(args[child + 1]);
    const dir = args[child + 2]!;
    const results = await runOne(size, dir);
    process.stdout.write(`${JSON.stringify(results)}\n`);
    return;
  }
  const sizesArg = args.indexOf('--sizes');
  const sizes = sizesArg >= 0 ? args[sizesArg + 1]!.split(',').map(Number) : [10_000, 100_000, 1_000_000];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pc-core-bench-'));
  const all: StepResult[] = [];
  try {
    for (const size of sizes) {
      const run = spawnSync(process.execPath, ['--max-old-space-size=4096', '--max-semi-space-size=64', '--import', 'tsx', path.join(here, 'core-bench.ts'), '--child', String(size), dir], {
        cwd: path.resolve(here, '..'),
        encoding: 'utf8',
        maxBuffer: 1 << 24,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      if (run.status !== 0) {
        console.error(`size ${size}: the run failed (exit ${run.status ?? run.signal})`);
        continue;
      }
      const last = run.stdout.trim().split('\n').pop()!;
      all.push(...(JSON.parse(last) as StepResult[]));
      rmSync(path.join(dir, `fan-${size}.yml`), { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`Pegasus Canvas core benchmark — Node ${process.version}, ${os.cpus().length} CPUs, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB\n`);
  printTable(all);
}

await main();
