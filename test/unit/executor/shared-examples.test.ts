import { readFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLocalRun } from '../../../src/main/services/executor/local-run';
import { readReplicaCatalog, readTransformationCatalog, readWorkflow } from '../../../src/shared/formats/pegasus-yaml';
import type { WorkflowBundle } from '../../../src/shared/model';
import { sharedPath } from '../../support/shared-path';
import { fixturesDir } from './workflows';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'pc-examples-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function read(file: string): Promise<WorkflowBundle> {
  const result = readWorkflow(await readFile(file, 'utf8'), { file });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return { workflow: result.value, catalogs: {} };
}

describe('workflows read from YAML', () => {
  it('runs the diamond fixture read from its workflow.yml and catalog files', async () => {
    const dir = path.join(fixturesDir, 'diamond');
    const bundle = await read(path.join(dir, 'workflow.yml'));
    const tc = readTransformationCatalog(await readFile(path.join(dir, 'transformations.yml'), 'utf8'));
    const rc = readReplicaCatalog(await readFile(path.join(dir, 'replicas.yml'), 'utf8'));
    if (!tc.ok || !rc.ok) throw new Error('catalogs unreadable');
    bundle.catalogs = { transformations: tc.value, replicas: rc.value };
    const started = await startLocalRun(bundle, { workflowDir: dir, runsRoot: root });
    if (!started.ok) throw new Error(JSON.stringify(started.diagnostics));
    const record = await started.run.done;
    expect(record.state).toBe('succeeded');
    expect(await readFile(path.join(started.run.outputs, 'f.d'), 'utf8')).toMatch(/^ {5}1\tpreprocess\[hello\]: alpha\n/);
  });

  it('refuses the API-written diamond: pegasus-keg is not installed here and f.a is not on this machine', async () => {
    const bundle = await read(sharedPath('examples', 'diamond.yml'));
    const started = await startLocalRun(bundle, { workflowDir: sharedPath('examples'), runsRoot: root });
    expect(started.ok).toBe(false);
    expect(started.diagnostics.map((d) => [d.code, d.target?.kind === 'job' || d.target?.kind === 'file' ? d.target.jobId : undefined])).toEqual([
      ['PC506', 'preprocess'],
      ['PC503', 'preprocess'],
      ['PC503', 'findrange_1'],
      ['PC503', 'findrange_2'],
      ['PC503', 'analyze'],
    ]);
    expect(started.diagnostics[1]!.message).toBe("Job 'preprocess': executable '/usr/bin/pegasus-keg' of 'diamond::preprocess:4.0' does not exist.");
  });

  it('refuses the hierarchical example: a condorWorkflow job and sub-workflow files that are not here', async () => {
    const bundle = await read(sharedPath('examples', 'hierarchical.yml'));
    const elsewhere = path.join(root, 'elsewhere');
    const loadSubWorkflow = () => Promise.resolve({ ok: false as const, diagnostics: [] });
    const started = await startLocalRun(bundle, { workflowDir: elsewhere, runsRoot: root, loadSubWorkflow });
    expect(started.ok).toBe(false);
    expect(started.diagnostics.map((d) => [d.code, d.target?.kind === 'job' ? d.target.jobId : undefined])).toEqual([
      ['PC501', 'prep'],
      ['PC509', 'sub1'],
      ['PC509', 'sub2'],
      ['PC505', 'sub3'],
      ['PC501', 'collect'],
    ]);
    expect(started.diagnostics[1]!.message).toBe(
      `Sub-workflow job 'sub1': 'sub-diamond_sub1.yml' is not on this machine (looked for /home/scientist/wfs/sub-diamond_sub1.yml, ${path.join(elsewhere, 'sub-diamond_sub1.yml')}).`,
    );
  });
});
