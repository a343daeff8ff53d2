import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLocalRun, type BundleLoader } from '../../../src/main/services/executor/local-run';
import { openRun } from '../../../src/main/services/executor/run-store';
import type { WorkflowBundle } from '../../../src/shared/model';
import { diamondBundle, fixturesDir } from './workflows';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'pc-subwf-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Reads bundles saved as JSON: the loader is a parameter of the engine; the CLI passes the YAML one. */
const jsonLoader: BundleLoader = async (file) => ({ ok: true, bundle: JSON.parse(await readFile(file, 'utf8')) as WorkflowBundle });

/** The diamond as a sub-workflow: absolute executables, and no replica for f.a (the parent provides it). */
function childDiamond(): WorkflowBundle {
  const bundle = diamondBundle();
  for (const t of bundle.catalogs.transformations!.transformations) t.sites[0]!.pfn = path.join(fixturesDir, 'diamond', t.sites[0]!.pfn);
  delete bundle.catalogs.replicas;
  return bundle;
}

function parent(): WorkflowBundle {
  const bin = path.join(fixturesDir, 'hierarchy', 'bin');
  return {
    workflow: {
      pegasus: '5.0.4',
      name: 'hierarchy',
      jobs: [
        { type: 'job', id: 'prep', name: 'prep', arguments: ['f.a'], uses: [{ lfn: 'f.a', type: 'output' }] },
        {
          type: 'pegasusWorkflow',
          id: 'sub1',
          file: 'sub-diamond.json',
          arguments: [],
          uses: [
            { lfn: 'f.a', type: 'input' },
            { lfn: 'sub-diamond.json', type: 'input', forPlanning: true },
            { lfn: 'f.d', type: 'output', stageOut: true },
          ],
        },
        { type: 'job', id: 'collect', name: 'collect', arguments: ['f.d', 'count.txt'], uses: [{ lfn: 'f.d', type: 'input' }, { lfn: 'count.txt', type: 'output', stageOut: true }] },
      ],
      dependencies: [],
    },
    catalogs: {
      transformations: { transformations: ['prep', 'collect'].map((name) => ({ name, sites: [{ name: 'local', pfn: path.join(bin, `${name}.sh`), type: 'installed' as const }] })) },
      replicas: { replicas: [{ lfn: 'sub-diamond.json', pfns: [{ site: 'local', pfn: path.join(root, 'wf', 'sub-diamond.json') }] }] },
    },
  };
}

describe('sub-workflows in a local run', () => {
  it('runs a pegasusWorkflow job as a child run that shares the scratch directory', async () => {
    await import('node:fs/promises').then((fs) => fs.mkdir(path.join(root, 'wf')));
    await writeFile(path.join(root, 'wf', 'sub-diamond.json'), JSON.stringify(childDiamond()));
    const started = await startLocalRun(parent(), { workflowDir: path.join(root, 'wf'), runsRoot: path.join(root, 'runs'), loadSubWorkflow: jsonLoader });
    if (!started.ok) throw new Error(JSON.stringify(started.diagnostics));
    const record = await started.run.done;

    expect(record.state).toBe('succeeded');
    expect(record.jobs.map((job) => [job.id, job.state])).toEqual([
      ['prep', 'succeeded'],
      ['sub1', 'succeeded'],
      ['collect', 'succeeded'],
    ]);
    expect(record.jobs[1]!.childRun).toBe(path.join('children', 'sub1'));
    const child = await openRun(path.join(started.run.dir, 'children', 'sub1'));
    expect(child.record.state).toBe('succeeded');
    expect(child.record.jobs.map((job) => job.state)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    // f.d has 4 + 4 + 1 lines; collect counted them in the parent's scratch.
    expect(await readFile(path.join(started.run.outputs, 'count.txt'), 'utf8')).toBe('9\n');
    const log = await readFile(path.join(started.run.dir, record.jobs[1]!.attempts[0]!.stdout), 'utf8');
    expect(log).toMatch(/ analyze succeeded\n$/);
  });

  it('refuses the run before it starts when the sub-workflow cannot run here', async () => {
    await import('node:fs/promises').then((fs) => fs.mkdir(path.join(root, 'wf')));
    const child = childDiamond();
    child.catalogs.transformations!.transformations[1]!.sites = [{ name: 'hpc', pfn: '/opt/findrange', type: 'installed' }];
    await writeFile(path.join(root, 'wf', 'sub-diamond.json'), JSON.stringify(child));
    const started = await startLocalRun(parent(), { workflowDir: path.join(root, 'wf'), runsRoot: path.join(root, 'runs'), loadSubWorkflow: jsonLoader });
    expect(started.ok).toBe(false);
    expect(started.diagnostics.map((d) => d.code)).toEqual(['PC502', 'PC502']);
    expect(started.diagnostics[0]!.message).toMatch(/^In sub-workflow 'sub1': Job 'findrange_1'/);
  });

  it('refuses a sub-workflow file that is nowhere to be found', async () => {
    const started = await startLocalRun(parent(), { workflowDir: path.join(root, 'wf'), runsRoot: path.join(root, 'runs'), loadSubWorkflow: jsonLoader });
    expect(started.ok).toBe(false);
    expect(started.diagnostics.map((d) => [d.code, d.target])).toEqual([['PC509', { kind: 'job', jobId: 'sub1' }]]);
  });
});

describe('resume of a failed sub-workflow', () => {
  it('resumes the child run in place: its succeeded jobs are not run again', async () => {
    const gateDir = path.join(fixturesDir, 'gate');
    const child: WorkflowBundle = {
      workflow: {
        pegasus: '5.0.4',
        name: 'gate',
        jobs: [
          { type: 'job', id: 'stamp', name: 'stamp', arguments: ['stamp.txt'], uses: [{ lfn: 'stamp.txt', type: 'output' }] },
          { type: 'job', id: 'gate', name: 'gate', arguments: ['gate.txt'], uses: [{ lfn: 'stamp.txt', type: 'input' }, { lfn: 'gate.txt', type: 'output' }] },
        ],
        dependencies: [],
      },
      catalogs: { transformations: { transformations: ['stamp', 'gate'].map((name) => ({ name, sites: [{ name: 'local', pfn: path.join(gateDir, 'bin', `${name}.sh`), type: 'installed' as const }] })) } },
    };
    const wf = path.join(root, 'wf');
    await import('node:fs/promises').then((fs) => fs.mkdir(wf));
    await writeFile(path.join(wf, 'gate.json'), JSON.stringify(child));
    const parentBundle: WorkflowBundle = {
      workflow: {
        pegasus: '5.0.4',
        name: 'outer',
        jobs: [{ type: 'pegasusWorkflow', id: 'inner', file: 'gate.json', arguments: [], uses: [{ lfn: 'gate.json', type: 'input', forPlanning: true }] }],
        dependencies: [],
      },
      catalogs: {},
    };
    const env = { PATH: process.env.PATH, GATE_OPEN: path.join(root, 'open'), STAMP_COUNT: path.join(root, 'stamps') };
    const options = { workflowDir: wf, runsRoot: path.join(root, 'runs'), loadSubWorkflow: jsonLoader, baseEnv: env, defaultRetries: 0 };

    const first = await startLocalRun(parentBundle, options);
    if (!first.ok) throw new Error(JSON.stringify(first.diagnostics));
    const failed = await first.run.done;
    expect(failed.state).toBe('failed');
    expect(failed.jobs[0]!.attempts[0]!.error).toBe('sub-workflow run failed');

    await writeFile(env.GATE_OPEN, '');
    const second = await startLocalRun(parentBundle, { ...options, resume: first.run.dir });
    if (!second.ok) throw new Error(JSON.stringify(second.diagnostics));
    expect((await second.run.done).state).toBe('succeeded');
    const inner = await openRun(path.join(first.run.dir, 'children', 'inner'));
    expect([inner.record.state, inner.record.resumes, inner.record.jobs.map((job) => job.attempts.length)]).toEqual(['succeeded', 1, [1, 2]]);
    expect(await readFile(env.STAMP_COUNT, 'utf8')).toBe('stamp\n');
  });
});

describe('resume of a parent whose sub-workflow never started', () => {
  it('starts the child in its own folder, not in the parent being resumed', async () => {
    const wf = path.join(root, 'wf');
    await import('node:fs/promises').then((fs) => fs.mkdir(wf));
    await writeFile(path.join(wf, 'sub-diamond.json'), JSON.stringify(childDiamond()));
    const bundle = parent();
    // prep now fails until the gate opens.
    bundle.workflow.jobs[0] = { type: 'job', id: 'prep', name: 'gate', arguments: ['f.a'], uses: [{ lfn: 'f.a', type: 'output' }] };
    bundle.catalogs.transformations!.transformations.push({ name: 'gate', sites: [{ name: 'local', pfn: path.join(fixturesDir, 'gate', 'bin', 'gate.sh'), type: 'installed' }] });
    const env = { PATH: process.env.PATH, GATE_OPEN: path.join(root, 'open') };
    const options = { workflowDir: wf, runsRoot: path.join(root, 'runs'), loadSubWorkflow: jsonLoader, baseEnv: env, defaultRetries: 0 };
    const first = await startLocalRun(bundle, options);
    if (!first.ok) throw new Error(JSON.stringify(first.diagnostics));
    expect((await first.run.done).jobs.map((job) => job.state)).toEqual(['failed', 'unready', 'unready']);

    await writeFile(env.GATE_OPEN, '');
    const second = await startLocalRun(bundle, { ...options, resume: first.run.dir });
    if (!second.ok) throw new Error(JSON.stringify(second.diagnostics));
    const record = await second.run.done;
    // gate.sh wrote "open" into f.a: the child diamond ran on one line.
    expect([record.state, record.jobs[1]!.childRun]).toEqual(['succeeded', path.join('children', 'sub1')]);
    expect((await openRun(path.join(first.run.dir, 'children', 'sub1'))).record.resumes).toBe(0);
    expect(await readFile(path.join(second.run.outputs, 'count.txt'), 'utf8')).toBe('5\n');
  });
});
