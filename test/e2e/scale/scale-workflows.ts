/**
 * Large workflows for the scale tests and `npm run bench:ui`, written with the formats writer:
 * the core bench's fan-out/fan-in, and a montage-like one (5 wide levels, each job reading the
 * outputs of 2–3 jobs of the level above near its own index, like overlapping Montage tiles).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fanOutFanIn } from '../../../bench/core-bench-shape';
import { writeWorkflow } from '../../../src/shared/formats/pegasus-yaml';
import type { Job, Workflow } from '../../../src/shared/model';

export type ScaleShape = 'fanout' | 'montage';

/** Seeded PRNG (mulberry32), so every run writes (and lays out) the same workflow. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STEPS = ['mProject', 'mDiffFit', 'mBackground', 'mAdd', 'mViewer'];

/** `jobCount` jobs on 5 levels; job i of level l is `<step>_<l>_<i>` writing `t_<l>_<i>.fits`. */
export function montageLike(jobCount: number): Workflow {
  const levels = STEPS.length;
  const width = Math.max(1, Math.floor(jobCount / levels));
  const random = prng(7);
  const jobs: Job[] = [];
  const file = (l: number, i: number): string => `t_${l}_${i}.fits`;
  for (let l = 0; l < levels; l++) {
    for (let i = 0; i < width; i++) {
      const uses: Job['uses'] = [];
      if (l === 0) uses.push({ lfn: `raw_${i}.fits`, type: 'input' });
      else {
        const seen = new Set<number>();
        const parents = 2 + Math.floor(random() * 2);
        for (let p = 0; p < parents; p++) {
          const k = Math.min(width - 1, Math.max(0, i + Math.floor(random() * 7) - 3));
          if (seen.has(k)) continue;
          seen.add(k);
          uses.push({ lfn: file(l - 1, k), type: 'input' });
        }
      }
      uses.push({ lfn: file(l, i), type: 'output', stageOut: l === levels - 1, registerReplica: false });
      jobs.push({ type: 'job', name: STEPS[l]!, id: `${STEPS[l]}_${l}_${i}`, arguments: [], uses });
    }
  }
  return { pegasus: '5.0.4', name: `montage-${jobs.length}`, jobs, dependencies: [] };
}

export function scaleWorkflow(shape: ScaleShape, jobs: number): Workflow {
  return shape === 'fanout' ? fanOutFanIn(jobs) : montageLike(jobs);
}

/** Writes the workflow as `<shape>-<jobs>.yml` in `dir`; returns the path. */
export async function writeScaleWorkflow(dir: string, shape: ScaleShape, jobs: number): Promise<string> {
  const file = path.join(dir, `${shape}-${jobs}.yml`);
  await writeFile(file, writeWorkflow(scaleWorkflow(shape, jobs)));
  return file;
}
