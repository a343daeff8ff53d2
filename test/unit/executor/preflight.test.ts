import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLocalRun, type LocalRunOptions } from '../../../src/main/services/executor/local-run';
import type { WorkflowBundle } from '../../../src/shared/model';
import { diamondBundle, fixturesDir } from './workflows';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'pc-preflight-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const base = (): LocalRunOptions => ({ workflowDir: path.join(fixturesDir, 'diamond'), runsRoot: path.join(root, 'runs'), machine: { cores: 2, memoryMb: 4096 } });

async function refusal(bundle: WorkflowBundle, extra: Partial<LocalRunOptions> = {}) {
  const started = await startLocalRun(bundle, { ...base(), ...extra });
  expect(started.ok).toBe(false);
  // Nothing ran: no run folder was even created.
  await expect(readdir(path.join(root, 'runs'))).rejects.toThrow();
  return started.diagnostics.map((d) => ({ code: d.code, job: d.target?.kind === 'job' ? d.target.jobId : d.target?.kind === 'file' ? d.target.jobId : undefined, message: d.message }));
}

describe('jobs this machine cannot run are refused before the run starts', () => {
  it('refuses a transformation that only has a PFN on a remote site', async () => {
    const bundle = diamondBundle();
    bundle.catalogs.transformations!.transformations[1]!.sites = [{ name: 'hpc', pfn: '/opt/tools/findrange', type: 'installed' }];
    const found = await refusal(bundle);
    expect(found.map((d) => [d.code, d.job])).toEqual([
      ['PC502', 'findrange_1'],
      ['PC502', 'findrange_2'],
    ]);
    expect(found[0]!.message).toContain('hpc: /opt/tools/findrange');
  });

  it('refuses a container job when no container runtime is installed', async () => {
    const bundle = diamondBundle();
    const tc = bundle.catalogs.transformations!;
    tc.containers = [{ name: 'centos', type: 'singularity', image: 'docker://centos:7' }];
    tc.transformations[0]!.sites[0]!.container = 'centos';
    const found = await refusal(bundle, { which: () => undefined });
    expect(found).toEqual([{ code: 'PC504', job: 'preprocess', message: "Job 'preprocess' runs in the singularity container 'centos', but no container runtime (apptainer, singularity) is installed here." }]);
  });

  it('refuses a missing executable, a condorWorkflow, an input without a replica and jobs too big for the machine', async () => {
    const bundle = diamondBundle();
    bundle.catalogs.transformations!.transformations[2]!.sites[0]!.pfn = 'bin/no-such-analyze.sh';
    bundle.catalogs.replicas = { replicas: [] };
    bundle.workflow.jobs[1]!.profiles = { pegasus: { cores: 8 } };
    bundle.workflow.jobs[2]!.profiles = { condor: { request_memory: 100000 } };
    bundle.workflow.jobs.push({ type: 'condorWorkflow', id: 'legacy', file: 'legacy.dag', arguments: [], uses: [] });
    const found = await refusal(bundle);
    expect(found.map((d) => [d.code, d.job])).toEqual([
      ['PC506', 'preprocess'],
      ['PC507', 'findrange_1'],
      ['PC508', 'findrange_2'],
      ['PC503', 'analyze'],
      ['PC505', 'legacy'],
    ]);
    expect(found[0]!.message).toBe("Job 'preprocess' reads 'f.a', but it has no replica and no job produces it.");
    expect(found[1]!.message).toBe("Job 'findrange_1' asks for 8 cores; this machine has 2.");
  });

  it('refuses a job pinned to another site and a replica that is only a remote URL', async () => {
    const bundle = diamondBundle();
    bundle.workflow.jobs[3]!.profiles = { selector: { 'execution.site': 'hpc' } };
    bundle.catalogs.replicas = { replicas: [{ lfn: 'f.a', pfns: [{ site: 'web', pfn: 'https://example.org/f.a' }] }] };
    const found = await refusal(bundle);
    expect(found.map((d) => [d.code, d.job])).toEqual([
      ['PC506', 'preprocess'],
      ['PC512', 'analyze'],
    ]);
    expect(found[0]!.message).toContain('web: https://example.org/f.a');
  });

  it('accepts file:// replicas and condorpool PFNs that exist here', async () => {
    const bundle = diamondBundle();
    bundle.catalogs.replicas = { replicas: [{ lfn: 'f.a', pfns: [{ site: 'web', pfn: `file://${path.join(fixturesDir, 'diamond', 'input', 'f.a')}` }] }] };
    bundle.catalogs.transformations!.transformations[0]!.sites = [{ name: 'condorpool', pfn: path.join(fixturesDir, 'diamond', 'bin', 'preprocess.sh'), type: 'installed' }];
    const started = await startLocalRun(bundle, base());
    if (!started.ok) throw new Error(JSON.stringify(started.diagnostics));
    expect((await started.run.done).state).toBe('succeeded');
  });

  it('copies a stageable executable into the run and makes it executable', async () => {
    const bundle = diamondBundle();
    bundle.catalogs.transformations!.transformations[3 - 1]!.sites = [{ name: 'local', pfn: `file://${path.join(fixturesDir, 'diamond', 'bin', 'analyze.sh')}`, type: 'stageable' }];
    const started = await startLocalRun(bundle, base());
    if (!started.ok) throw new Error(JSON.stringify(started.diagnostics));
    expect((await started.run.done).state).toBe('succeeded');
    expect(await readdir(path.join(started.run.dir, 'bin'))).toEqual(['analyze']);
  });
});

describe('container jobs', () => {
  it('refuses docker when its daemon is not reachable, and builds the run command otherwise', async () => {
    const { containerCommand, runtimeProblem } = await import('../../../src/main/services/executor/container');
    expect(runtimeProblem('/usr/bin/docker', () => false, {})).toBe('/usr/bin/docker is installed but its daemon is not reachable (no /var/run/docker.sock, no DOCKER_HOST)');
    expect(runtimeProblem('/usr/bin/docker', (file) => file === '/var/run/docker.sock', {})).toBeUndefined();
    expect(runtimeProblem('/usr/bin/apptainer', () => false, {})).toBeUndefined();
    expect(containerCommand({ runtime: '/usr/bin/docker', type: 'docker', image: 'docker://centos:7', mounts: [] }, '/r/scratch', ['/bin/ls', '-l'], { A: '1' })).toEqual([
      '/usr/bin/docker', 'run', '--rm', '-i', '-v', '/r/scratch:/r/scratch', '-w', '/r/scratch', '-e', 'A=1', 'centos:7', '/bin/ls', '-l',
    ]);
    expect(containerCommand({ runtime: '/usr/bin/apptainer', type: 'singularity', image: 'docker://centos:7', mounts: ['/data:/data'] }, '/r/scratch', ['/bin/ls'], {})).toEqual([
      '/usr/bin/apptainer', 'exec', '--bind', '/r/scratch', '--bind', '/data:/data', '--pwd', '/r/scratch', 'docker://centos:7', '/bin/ls',
    ]);
  });
});
