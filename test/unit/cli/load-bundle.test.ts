import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadWorkflowBundle } from '../../../src/main/services/workspace/load-bundle';
import { sharedPath } from '../../support/shared-path';

const temp = mkdtempSync(path.join(tmpdir(), 'pc-load-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function codes(diagnostics: Array<{ code: string }>): string[] {
  return diagnostics.map((d) => d.code);
}

describe('loadWorkflowBundle', () => {
  it('finds sites.yml, replicas.yml and transformations.yml beside the workflow', async () => {
    const loaded = await loadWorkflowBundle(sharedPath('examples', 'diamond-catalogs', 'workflow.yml'));
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.files).toEqual({
      workflow: sharedPath('examples', 'diamond-catalogs', 'workflow.yml'),
      sites: sharedPath('examples', 'diamond-catalogs', 'sites.yml'),
      replicas: sharedPath('examples', 'diamond-catalogs', 'replicas.yml'),
      transformations: sharedPath('examples', 'diamond-catalogs', 'transformations.yml'),
    });
    expect(loaded.bundle.catalogs.sites?.sites.map((s) => s.name)).toEqual(['local', 'condorpool', 'hpc']);
    expect(loaded.bundle.catalogs.replicas?.replicas.map((r) => r.lfn)).toEqual(['f.a']);
    expect(loaded.bundle.catalogs.transformations?.transformations).toHaveLength(3);
  });

  it('finds catalogs in the <name>-catalogs folder beside <name>.yml', async () => {
    const loaded = await loadWorkflowBundle(sharedPath('examples', '09-sharedfs-hello-world.yml'));
    expect(loaded.ok && loaded.files).toEqual({
      workflow: sharedPath('examples', '09-sharedfs-hello-world.yml'),
      replicas: sharedPath('examples', '09-sharedfs-hello-world-catalogs', 'replicas.yml'),
      transformations: sharedPath('examples', '09-sharedfs-hello-world-catalogs', 'transformations.yml'),
    });
  });

  it('does not take a <name>-catalogs file for a catalog the workflow embeds', async () => {
    const loaded = await loadWorkflowBundle(sharedPath('examples', 'diamond.yml'));
    expect(loaded.ok && loaded.files).toEqual({ workflow: sharedPath('examples', 'diamond.yml') });
  });

  it('uses catalog files named explicitly', async () => {
    const loaded = await loadWorkflowBundle(sharedPath('examples', '01-quickstart-hello-world.yml'), {
      transformationsFile: sharedPath('examples', '09-sharedfs-hello-world-catalogs', 'transformations.yml'),
    });
    expect(loaded.ok && loaded.bundle.catalogs.transformations?.transformations.map((t) => t.name)).toEqual([
      'hello',
      'world',
    ]);
  });

  it('fails with a clear message when a named catalog is missing', async () => {
    const loaded = await loadWorkflowBundle(sharedPath('examples', 'diamond.yml'), {
      sitesFile: path.join(temp, 'nope.yml'),
    });
    expect(loaded.ok).toBe(false);
    expect(codes(loaded.diagnostics)).toEqual(['PC290']);
    expect(loaded.diagnostics[0]!.message).toBe(`${path.join(temp, 'nope.yml')} does not exist`);
  });

  it('reports a broken catalog found beside the workflow and still loads the workflow', async () => {
    const dir = path.join(temp, 'broken');
    mkdirSync(dir);
    copyFileSync(sharedPath('examples', 'diamond-catalogs', 'workflow.yml'), path.join(dir, 'workflow.yml'));
    writeFileSync(path.join(dir, 'replicas.yml'), 'replicas: [\n');
    const loaded = await loadWorkflowBundle(path.join(dir, 'workflow.yml'));
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.files.replicas).toBeUndefined();
    const error = loaded.diagnostics.find((d) => d.severity === 'error')!;
    expect(error.location?.file).toBe(path.join(dir, 'replicas.yml'));
  });

  it('refuses a missing file, a folder, non-UTF-8 bytes and a file above the size cap', async () => {
    const missing = await loadWorkflowBundle(path.join(temp, 'missing.yml'));
    expect(!missing.ok && missing.diagnostics[0]!.message).toContain('does not exist');

    const folder = await loadWorkflowBundle(temp);
    expect(!folder.ok && folder.diagnostics[0]!.message).toContain('is a folder');

    const latin1 = path.join(temp, 'latin1.yml');
    writeFileSync(latin1, Buffer.from('pegasus: "5.0"\nname: caf\xe9\njobs: []\n', 'latin1'));
    const notUtf8 = await loadWorkflowBundle(latin1);
    expect(notUtf8.ok).toBe(false);
    expect(codes(notUtf8.diagnostics)).toEqual(['PC105']);
    expect(notUtf8.diagnostics[0]!.location).toMatchObject({ line: 2 });

    const big = await loadWorkflowBundle(sharedPath('examples', 'diamond.yml'), { maxSize: 100 });
    expect(!big.ok && codes(big.diagnostics)).toEqual(['PC100']);
  });

  it('refuses a file it may not read', async () => {
    const secret = path.join(temp, 'secret.yml');
    copyFileSync(sharedPath('examples', 'diamond.yml'), secret);
    chmodSync(secret, 0o000);
    const loaded = await loadWorkflowBundle(secret);
    chmodSync(secret, 0o600);
    // root reads anything; everyone else gets the permission message.
    if (process.getuid?.() === 0) expect(loaded.ok).toBe(true);
    else expect(!loaded.ok && loaded.diagnostics[0]!.message).toContain('permission denied');
  });

  it('refuses text that is not a workflow', async () => {
    const file = path.join(temp, 'list.yml');
    writeFileSync(file, '- a\n- b\n');
    const loaded = await loadWorkflowBundle(file);
    expect(loaded.ok).toBe(false);
  });
});
