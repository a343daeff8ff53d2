/**
 * Local-run benchmark: 1,000 trivial jobs (`/bin/true`) run by the local executor, against
 * the same number of bare `spawn` calls with the same concurrency. Prints jobs per second
 * and the executor's cost per job (bar: under 20 ms of wall time per job).
 *
 *   npm run bench:run [-- --jobs 1000]
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startLocalRun } from '../src/main/services/executor/local-run';
import type { Job, WorkflowBundle } from '../src/shared/model';

const jobsArg = process.argv.indexOf('--jobs');
const JOBS = jobsArg > 0 ? Number(process.argv[jobsArg + 1]) : 1000;
const repsArg = process.argv.indexOf('--reps');
/** Each case runs this many times, interleaved with the others; the table shows the median. */
const REPS = repsArg > 0 ? Number(process.argv[repsArg + 1]) : 3;
const TRUE = ['/bin/true', '/usr/bin/true'].find((file) => existsSync(file)) ?? '/bin/true';

/** `count` jobs; `chain` makes each depend on the one before (one at a time, whatever the slots). */
function trivialWorkflow(count: number, shape: 'independent' | 'chain' | 'fan'): WorkflowBundle {
  const jobs: Job[] = [];
  for (let i = 0; i < count; i++) {
    const uses: Job['uses'] = [];
    if (shape === 'chain' && i > 0) uses.push({ lfn: `t${i - 1}`, type: 'input' });
    if (shape === 'fan' && i > 0 && i < count - 1) uses.push({ lfn: 't0', type: 'input' });
    if (shape === 'fan' && i === count - 1) for (let k = 1; k < count - 1; k++) uses.push({ lfn: `t${k}`, type: 'input' });
    if (shape !== 'independent') uses.push({ lfn: `t${i}`, type: 'output', optional: true });
    jobs.push({ type: 'job', id: `true_${i}`, name: 'true', arguments: [], uses });
  }
  return {
    workflow: { pegasus: '5.0.4', name: `bench-${shape}`, jobs, dependencies: [] },
    catalogs: { transformations: { transformations: [{ name: 'true', sites: [{ name: 'local', pfn: TRUE, type: 'installed' }] }] } },
  };
}

async function executorRun(shape: 'independent' | 'chain' | 'fan', slots: number): Promise<number> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'pc-run-bench-'));
  try {
    const t0 = performance.now();
    const started = await startLocalRun(trivialWorkflow(JOBS, shape), { workflowDir: root, runsRoot: root, slots });
    if (!started.ok) throw new Error(started.diagnostics.map((d) => d.message).join('\n'));
    const record = await started.run.done;
    const elapsed = performance.now() - t0;
    if (record.state !== 'succeeded') throw new Error(`run ${record.state}`);
    return elapsed;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** The floor: spawning `/bin/true` JOBS times, `slots` at a time, with nothing else. */
async function bareSpawns(slots: number): Promise<number> {
  const t0 = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < JOBS) {
      next++;
      await new Promise<void>((resolve, reject) => {
        const child = spawn(TRUE, [], { stdio: 'ignore' });
        child.once('error', reject);
        child.once('exit', () => resolve());
      });
    }
  };
  await Promise.all(Array.from({ length: slots }, worker));
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const cores = os.availableParallelism();
  await executorRun('independent', cores); // warm-up
  const cases: Array<[string, number, () => Promise<number>]> = [
    [`bare spawn of ${TRUE}, ${cores} at a time (floor)`, cores, () => bareSpawns(cores)],
    ['local run, independent jobs', cores, () => executorRun('independent', cores)],
    ['local run, independent jobs', 1, () => executorRun('independent', 1)],
    ['local run, fan-out/fan-in', cores, () => executorRun('fan', cores)],
    ['local run, chain (one at a time)', cores, () => executorRun('chain', cores)],
  ];
  const samples = cases.map((): number[] => []);
  for (let rep = 0; rep < REPS; rep++) {
    for (let c = 0; c < cases.length; c++) samples[c]!.push(await cases[c]![2]());
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const rows: Array<[string, number, number]> = cases.map(([name, slots], c) => [name, slots, median(samples[c]!)]);

  const floor = rows[0]![2];
  const header = ['case', 'slots', 'jobs', 'wall (s)', 'jobs/s', 'wall/job (ms)', 'over floor/job (ms)'];
  const lines = rows.map(([name, slots, ms]) => [
    name,
    String(slots),
    String(JOBS),
    (ms / 1000).toFixed(2),
    (JOBS / (ms / 1000)).toFixed(0),
    (ms / JOBS).toFixed(2),
    name.startsWith('bare') ? '-' : ((ms - floor) / JOBS).toFixed(2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  console.log(`Local executor, ${JOBS} trivial jobs, ${cores} cores, Node ${process.version}, median of ${REPS} runs`);
  console.log(fmt(header));
  console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const line of lines) console.log(fmt(line));
  const worst = Math.max(...rows.slice(1).map(([, , ms]) => ms / JOBS));
  console.log(`\nbar: wall time per job < 20 ms — worst case ${worst.toFixed(2)} ms: ${worst < 20 ? 'met' : 'NOT met'}`);
}

await main();
