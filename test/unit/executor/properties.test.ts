import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLocalRun } from '../../../src/main/services/executor/local-run';
import { parseProperties, readProperties, runProperties } from '../../../src/main/services/executor/properties';
import { sharedPath } from '../../support/shared-path';
import { diamondBundle, fixturesDir } from './workflows';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'pc-props-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('pegasus.properties', () => {
  it('parses the Java properties syntax', () => {
    const props = parseProperties('# comment\n! also\n  dagman.retry = 3\nenv.A:1\nenv.B 2 3\nenv.LONG = one \\\n   two\nenv.EMPTY =\nkey\\ with\\ space = v\n');
    expect([...props]).toEqual([
      ['dagman.retry', '3'],
      ['env.A', '1'],
      ['env.B', '2 3'],
      ['env.LONG', 'one two'],
      ['env.EMPTY', ''],
      ['key with space', 'v'],
    ]);
    expect(runProperties(props)).toEqual({ defaultRetries: 3, env: { A: '1', B: '2 3', LONG: 'one two', EMPTY: '' } });
  });

  it('reads the properties a tutorial notebook writes, and an absent file as empty', async () => {
    const props = await readProperties(sharedPath('examples', '09-sharedfs-hello-world-catalogs', 'pegasus.properties'));
    expect(runProperties(props).env).toEqual({ RESOURCE_USERNAME: '', RESOURCE_PROJECT: '' });
    expect((await readProperties(path.join(root, 'none.properties'))).size).toBe(0);
  });

  it('gives jobs the env.* variables below their profiles, and dagman.retry as the default retries', async () => {
    const bundle = diamondBundle();
    delete bundle.workflow.jobs[0]!.profiles;
    bundle.workflow.jobs.push({ type: 'job', id: 'gate', name: 'gate', arguments: ['gate.txt'], uses: [{ lfn: 'gate.txt', type: 'output' }] });
    bundle.catalogs.transformations!.transformations.push({ name: 'gate', sites: [{ name: 'local', pfn: path.join(fixturesDir, 'gate', 'bin', 'gate.sh'), type: 'installed' }] });
    await writeFile(path.join(root, 'pegasus.properties'), 'dagman.retry = 2\nenv.GREETING = from-properties\n');
    const properties = await readProperties(path.join(root, 'pegasus.properties'));
    const started = await startLocalRun(bundle, { workflowDir: path.join(fixturesDir, 'diamond'), runsRoot: root, properties, baseEnv: { PATH: process.env.PATH } });
    if (!started.ok) throw new Error(JSON.stringify(started.diagnostics));
    const record = await started.run.done;
    const { readFile } = await import('node:fs/promises');
    expect((await readFile(path.join(started.run.scratch, 'f.b1'), 'utf8')).split('\n')[0]).toBe('preprocess[from-properties]: alpha');
    expect(record.jobs.find((job) => job.id === 'gate')!.attempts.length).toBe(3);
  });
});
