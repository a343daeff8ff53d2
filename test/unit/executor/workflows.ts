import path from 'node:path';
import type { Job, Workflow, WorkflowBundle } from '../../../src/shared/model';
import { repoRoot } from '../../support/shared-path';

/** Folder of the local-run fixtures (shell-script transformations). */
export const fixturesDir = path.join(repoRoot, 'test', 'fixtures', 'local-run');

function job(id: string, name: string, args: string[], inputs: string[], outputs: string[], extra: Partial<Job> = {}): Job {
  return {
    type: 'job',
    id,
    name,
    arguments: args,
    uses: [...inputs.map((lfn) => ({ lfn, type: 'input' as const })), ...outputs.map((lfn) => ({ lfn, type: 'output' as const, stageOut: false }))],
    ...extra,
  } as Job;
}

/**
 * The diamond of test/fixtures/local-run/diamond as a bundle: the same jobs as its
 * workflow.yml, with its transformation and replica catalogs (paths relative to the folder).
 */
export function diamondBundle(): WorkflowBundle {
  const workflow: Workflow = {
    pegasus: '5.0.4',
    name: 'local-diamond',
    jobs: [
      job('preprocess', 'preprocess', ['f.a', 'f.b1', 'f.b2'], ['f.a'], ['f.b1', 'f.b2'], { profiles: { env: { GREETING: 'hello' } } }),
      job('findrange_1', 'findrange', ['f.b1', 'f.c1'], ['f.b1'], ['f.c1']),
      job('findrange_2', 'findrange', ['f.b2', 'f.c2'], ['f.b2'], ['f.c2']),
      {
        ...job('analyze', 'analyze', ['f.c1', 'f.c2', 'f.d'], ['f.c1', 'f.c2'], []),
        uses: [
          { lfn: 'f.c1', type: 'input' },
          { lfn: 'f.c2', type: 'input' },
          { lfn: 'f.d', type: 'output', stageOut: true },
        ],
      },
    ],
    dependencies: [],
  };
  return {
    workflow,
    catalogs: {
      transformations: {
        transformations: ['preprocess', 'findrange', 'analyze'].map((name) => ({ name, sites: [{ name: 'local', pfn: `bin/${name}.sh`, type: 'installed' as const }] })),
      },
      replicas: { replicas: [{ lfn: 'f.a', pfns: [{ site: 'local', pfn: 'input/f.a' }] }] },
    },
  };
}

/**
 * A fan-out/fan-in of `total` jobs: `split` writes `total - 2` chunks, one `work_i` per chunk
 * squares it, `merge` sums the squares. `flaky` work jobs fail their first attempt.
 * Executables are absolute paths, as pegasus-plan wants them.
 */
export function fanoutBundle(total: number, options: { flaky?: number[]; retries?: number } = {}): WorkflowBundle {
  const width = total - 2;
  const bin = path.join(fixturesDir, 'fanout', 'bin');
  const jobs: Job[] = [job('split', 'split', [String(width)], [], Array.from({ length: width }, (_, i) => `chunk-${i + 1}`))];
  for (let i = 1; i <= width; i++) {
    const flaky = options.flaky?.includes(i) ? ['flaky'] : [];
    jobs.push(job(`work_${i}`, 'work', [`work_${i}`, `chunk-${i}`, `square-${i}`, ...flaky], [`chunk-${i}`], [`square-${i}`]));
  }
  const merge = job('merge', 'merge', ['sum.txt', ...Array.from({ length: width }, (_, i) => `square-${i + 1}`)], Array.from({ length: width }, (_, i) => `square-${i + 1}`), []);
  merge.uses.push({ lfn: 'sum.txt', type: 'output', stageOut: true });
  jobs.push(merge);
  return {
    workflow: { pegasus: '5.0.4', name: 'fanout', jobs, dependencies: [] },
    catalogs: {
      transformations: {
        transformations: ['split', 'work', 'merge'].map((name) => ({
          name,
          sites: [{ name: 'local', pfn: path.join(bin, `${name}.sh`), type: 'installed' as const }],
          ...(options.retries !== undefined ? { profiles: { dagman: { RETRY: options.retries } } } : {}),
        })),
      },
    },
  };
}

/** The sum merge.sh must write for a fan-out of `total` jobs: Σ i² for i = 1..total-2. */
export function expectedSum(total: number): number {
  let sum = 0;
  for (let i = 1; i <= total - 2; i++) sum += i * i;
  return sum;
}
