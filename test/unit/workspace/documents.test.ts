import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DocumentService } from '../../../src/main/services/workspace/documents';
import { documentFormats } from '../../../src/main/services/workspace/formats-binding';
import { rootsGuard } from '../../../src/main/services/workspace/path-guard';
import { RecentStore } from '../../../src/main/services/workspace/recent';
import { RecoveryStore } from '../../../src/main/services/workspace/recovery';
import { sidecarPath } from '../../../src/main/services/workspace/sidecar';
import { diamondTemplate } from '../../../src/shared/templates';
import { sharedPath } from '../../support/shared-path';

let dir: string;
let recent: RecentStore;
let recovery: RecoveryStore;
let service: DocumentService;
const clock = () => new Date(Date.UTC(2026, 10, 25, 1, 0, 0));

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pc-docs-'));
  recent = new RecentStore(path.join(dir, 'data', 'recent.json'), clock);
  recovery = new RecoveryStore(path.join(dir, 'data', 'recovery'), clock);
  service = new DocumentService({ formats: documentFormats, guard: rootsGuard([dir, sharedPath('examples')]), recent, recovery });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('DocumentService.open', () => {
  it('opens a workflow with the catalogs beside it and no sidecar', async () => {
    await cp(sharedPath('examples', 'diamond-catalogs'), path.join(dir, 'wf'), { recursive: true });
    const workflowFile = path.join(dir, 'wf', 'workflow.yml');
    const opened = await service.open(workflowFile);
    expect(opened.format).toBe('yaml');
    expect(opened.layout).toBeNull();
    expect(opened.catalogFiles).toEqual({
      sites: path.join(dir, 'wf', 'sites.yml'),
      replicas: path.join(dir, 'wf', 'replicas.yml'),
      transformations: path.join(dir, 'wf', 'transformations.yml'),
    });
    expect(opened.bundle.catalogs.sites?.sites.length).toBeGreaterThan(0);
    expect((await recent.list()).map((e) => e.path)).toEqual([workflowFile]);
  });

  it('finds catalogs in NAME-catalogs/ beside NAME.yml', async () => {
    const opened = await service.open(sharedPath('examples', '02-data-hello-world.yml'));
    expect(opened.catalogFiles.replicas).toBe(sharedPath('examples', '02-data-hello-world-catalogs', 'replicas.yml'));
  });

  it('opens nothing from an unreadable file, says where, and leaves Recent alone', async () => {
    const broken = path.join(dir, 'broken.yml');
    await writeFile(broken, 'pegasus: 5.0.4\nname: x\njobs:\n  - id: a\n\tname: tab\n');
    await expect(service.open(broken)).rejects.toMatchObject({ code: 'UNREADABLE', message: expect.stringMatching(/^broken\.yml:\d+:\d+: /) });
    await expect(service.open(path.join(dir, 'missing.yml'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(service.open(dir)).rejects.toMatchObject({ code: 'IO_ERROR' });
    expect(await recent.list()).toEqual([]);
  });

  it('ignores a damaged sidecar and says why', async () => {
    const file = path.join(dir, 'd.yml');
    await cp(sharedPath('examples', 'diamond.yml'), file);
    await writeFile(sidecarPath(file), '{"version": 2}');
    const opened = await service.open(file);
    expect(opened.layout).toBeNull();
    expect(opened.layoutProblem).toContain('d.canvas.json');
  });
});

describe('DocumentService.save', () => {
  const layout = { version: 1 as const, jobs: { ID0000001: { x: 5, y: 6 } }, files: {} };

  it('writes YAML or JSON by extension, with the sidecar, and reopens equal', async () => {
    const { workflow } = diamondTemplate();
    for (const name of ['d.yml', 'd2.json']) {
      const file = path.join(dir, name);
      const saved = await service.save({ path: file, workflow, layout });
      expect(saved.format).toBe(name.endsWith('.json') ? 'json' : 'yaml');
      expect(saved.bytes).toBe(Buffer.byteLength(await readFile(file, 'utf8')));
      const again = await service.open(file);
      expect(again.bundle.workflow.jobs).toEqual(workflow.jobs);
      expect(again.layout).toEqual(layout);
      expect(again.format).toBe(saved.format);
    }
  });

  it('writes catalogs beside the workflow, or where they were found', async () => {
    const { workflow } = diamondTemplate();
    const { transformationCatalog, replicaCatalog, ...bare } = workflow;
    const file = path.join(dir, 'w.yml');
    const saved = await service.save({
      path: file,
      workflow: bare,
      layout: null,
      catalogs: { transformations: transformationCatalog!, replicas: replicaCatalog! },
      catalogPaths: { transformations: path.join(dir, 'tc.yml') },
    });
    expect(saved.catalogFiles).toEqual({ replicas: path.join(dir, 'replicas.yml'), transformations: path.join(dir, 'tc.yml') });
    expect(saved.layoutPath).toBeNull();
    expect(await readFile(path.join(dir, 'tc.yml'), 'utf8')).toContain('findrange');
    const reopened = await service.open(file);
    expect(reopened.bundle.catalogs.replicas?.replicas.map((r) => r.lfn)).toEqual(['f.a']);
  });

  it('refuses to replace a file on Save As unless asked, and discards the autosave after saving', async () => {
    const { workflow } = diamondTemplate();
    const file = path.join(dir, 'd.yml');
    await writeFile(file, 'keep me');
    await expect(service.saveAs({ path: file, workflow, layout: null })).rejects.toMatchObject({ code: 'EXISTS' });
    expect(await readFile(file, 'utf8')).toBe('keep me');
    await recovery.write({ id: 'doc-9', path: file, name: 'd.yml', workflow, layout: null });
    await service.saveAs({ path: file, workflow, layout: null, overwrite: true, recoveryId: 'doc-9' });
    expect(await readFile(file, 'utf8')).toContain('name: diamond');
    expect(await recovery.list()).toEqual([]);
  });

  it('refuses paths outside the roots before writing anything', async () => {
    const { workflow } = diamondTemplate();
    await expect(service.save({ path: path.join(tmpdir(), 'pc-outside.yml'), workflow, layout: null })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      service.save({ path: path.join(dir, 'in.yml'), workflow, layout: null, catalogs: { sites: { sites: [] } }, catalogPaths: { sites: '/etc/sites.yml' } }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await readdir(dir)).not.toContain('in.yml');
  });
});

describe('DocumentService.export', () => {
  it('writes DOT and a Python API script', async () => {
    const { workflow } = diamondTemplate();
    const dot = await service.export({ path: path.join(dir, 'd.dot'), workflow, format: 'dot' });
    expect(dot.format).toBe('dot');
    expect(await readFile(dot.path, 'utf8')).toMatch(/^digraph/m);
    const py = await service.export({ path: path.join(dir, 'd.py'), workflow, format: 'python' });
    expect(await readFile(py.path, 'utf8')).toContain('from Pegasus.api import');
    await expect(service.export({ path: dot.path, workflow, format: 'dot' })).rejects.toMatchObject({ code: 'EXISTS' });
  });
});
