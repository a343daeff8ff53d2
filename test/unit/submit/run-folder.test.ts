import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { prepareRunFolder } from '../../../src/main/services/submit/run-folder';
import { sharedPath } from '../../support/shared-path';

const REMOTE = '/home/alice/pegasus-canvas/runs/r1';

describe('prepareRunFolder', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'pcanvas-run-folder-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('sends the workflow with catalogs beside it, uploads local inputs and points the replica catalog at them', async () => {
    const source = sharedPath('examples', 'diamond-catalogs');
    for (const file of ['workflow.yml', 'sites.yml', 'transformations.yml']) await writeFile(path.join(dir, file), await readFile(path.join(source, file)));
    await writeFile(path.join(dir, 'f.a'), 'input\n');
    const replicas = (await readFile(path.join(source, 'replicas.yml'), 'utf8')).replace('/home/scientist/wf/inputs/f.a', path.join(dir, 'f.a'));
    await writeFile(path.join(dir, 'replicas.yml'), replicas);
    await writeFile(path.join(dir, 'pegasus.properties'), 'pegasus.mode = development\n');

    const folder = await prepareRunFolder(path.join(dir, 'workflow.yml'), REMOTE, path.join(dir, 'staging'));
    expect(folder.workflowName).toBe('diamond-bare');
    expect(folder.jobIds).toEqual(['preprocess', 'findrange_1', 'findrange_2', 'analyze']);
    expect(folder.files.map((file) => file.remote)).toEqual(['workflow.yml', 'sites.yml', 'inputs/f.a', 'replicas.yml', 'transformations.yml', 'pegasus.properties']);
    expect(folder.inputs).toEqual({ 'f.a': `${REMOTE}/inputs/f.a` });
    // Unchanged files go as they are; rewritten ones from the staging folder.
    expect(folder.files.find((file) => file.remote === 'workflow.yml')?.local).toBe(path.join(dir, 'workflow.yml'));
    const staged = parse(await readFile(folder.files.find((file) => file.remote === 'replicas.yml')!.local, 'utf8'));
    expect(staged.replicas[0].pfns).toEqual([{ site: 'local', pfn: `${REMOTE}/inputs/f.a` }]);
    expect(staged.replicas[0].metadata).toEqual({ creator: 'refs' });
    // On the host `local` is the submit host: its directories move into the run folder.
    const sites = parse(await readFile(folder.files.find((file) => file.remote === 'sites.yml')!.local, 'utf8'));
    expect(sites.sites[0].directories.map((d: { path: string; fileServers: { url: string }[] }) => [d.path, d.fileServers[0]?.url])).toEqual([
      [`${REMOTE}/scratch`, `file://${REMOTE}/scratch`],
      [`${REMOTE}/outputs`, `file://${REMOTE}/outputs`],
    ]);
    expect(sites.sites[2].directories[0].path).toBe('/scratch/wf');
  });

  it('rewrites embedded catalogs, keeps file:// URLs as URLs, uploads stageable local scripts as executables, and leaves missing files alone', async () => {
    // The first transformation becomes a script on this machine, staged from `local`.
    const text = (await readFile(sharedPath('examples', 'diamond.yml'), 'utf8'))
      .replace(/^name: diamond$/m, 'name: embedded')
      .replace(/- name: condorpool\n(\s+)pfn: \/usr\/bin\/pegasus-keg\n(\s+)type: installed/, `- name: local\n$1pfn: file://${path.join(dir, 'keg.sh')}\n$2type: stageable`);
    await writeFile(path.join(dir, 'wf.yml'), text);
    await writeFile(path.join(dir, 'keg.sh'), '#!/bin/sh\n');
    const folder = await prepareRunFolder(path.join(dir, 'wf.yml'), REMOTE, path.join(dir, 'staging'));
    expect(folder.files.map((file) => [file.remote, file.mode])).toEqual([
      ['bin/keg.sh', 0o755],
      ['workflow.yml', undefined],
    ]);
    const staged = parse(await readFile(folder.files[1]!.local, 'utf8'));
    expect(staged.transformationCatalog.transformations[0].sites[0]).toMatchObject({ name: 'local', pfn: `file://${REMOTE}/bin/keg.sh`, type: 'stageable' });
    // f.a's replica is /home/scientist/wf/inputs/f.a, which is not on this machine: left as it is.
    expect(staged.replicaCatalog.replicas[0].pfns[0].pfn).toBe('/home/scientist/wf/inputs/f.a');
    expect(folder.inputs).toEqual({});
  });

  it('says which file is not a workflow or cannot be read', async () => {
    await writeFile(path.join(dir, 'broken.yml'), 'jobs: [\n');
    await expect(prepareRunFolder(path.join(dir, 'broken.yml'), REMOTE, dir)).rejects.toMatchObject({ code: 'LOCAL_FILE', message: expect.stringContaining('broken.yml:') });
    await writeFile(path.join(dir, 'nameless.yml'), 'jobs: []\n');
    await expect(prepareRunFolder(path.join(dir, 'nameless.yml'), REMOTE, dir)).rejects.toMatchObject({ message: expect.stringContaining("no workflow 'name'") });
    await expect(prepareRunFolder(path.join(dir, 'missing.yml'), REMOTE, dir)).rejects.toMatchObject({ message: expect.stringContaining('missing.yml: cannot read the file') });
  });
});
