/**
 * Draws the diamond of ../shared/examples/diamond.yml from an empty canvas by drag and drop
 * and wiring alone, checks the dependencies the canvas shows against Pegasus inference,
 * saves, reopens, and undoes and redoes a wiring.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorkflow } from '../../src/shared/formats/pegasus-yaml';
import { dependencyList } from '../../src/shared/infer';
import type { Workflow } from '../../src/shared/model';
import { sharedPath } from '../support/shared-path';
import { type AppFixture, launchApp } from './support/app';
import { drawnDependencies, dropFromPalette, node, openFile, saveAsFile, selectNode, setField, wire } from './support/canvas';

let app: AppFixture;

beforeAll(async () => {
  app = await launchApp();
});

afterAll(async () => {
  await app?.close();
});

async function readDoc(file: string): Promise<Workflow> {
  const result = readWorkflow(await readFile(file, 'utf8'), { file });
  if (!result.ok) throw new Error(`${file} does not read: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return result.value;
}

/** What the user drew, in terms that do not depend on order: jobs with transformations and file uses. */
function shape(workflow: Workflow) {
  return workflow.jobs
    .map((job) => ({
      id: job.id,
      transformation: job.type === 'job' ? `${job.namespace}::${job.name}:${job.version}` : job.file,
      uses: job.uses.map((u) => `${u.type} ${u.lfn}`).sort(),
    }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** [parent, child] pairs of the Pegasus dependencies of a workflow (inferred ∪ explicit), sorted. */
function dependencyPairs(workflow: Workflow): string[][] {
  return dependencyList(workflow)
    .flatMap((d) => d.children.map((c) => [d.id, c]))
    .sort((a, b) => (a.join('\n') < b.join('\n') ? -1 : 1));
}

describe('drawing the diamond', () => {
  const layout = {
    jobs: { preprocess: [430, 160], findrange_1: [250, 360], findrange_2: [610, 360], analyze: [430, 560] },
    files: { 'f.a': [430, 60], 'f.b1': [250, 260], 'f.b2': [610, 260], 'f.c1': [250, 460], 'f.c2': [610, 460], 'f.d': [430, 660] },
  } as const;

  it('draws four jobs and six files and wires them', async () => {
    const { page } = app;
    await expect.poll(() => page.getByTestId('job-node').count()).toBe(0);
    for (const [id, [x, y]] of Object.entries(layout.jobs)) {
      const key = await dropFromPalette(page, 'palette-job', x, y);
      await setField(page, 'prop-job-id', id);
      await node(page, `j:${id}`).waitFor();
      await setField(page, 'prop-job-namespace', 'diamond');
      await setField(page, 'prop-job-name', id.replace(/_\d$/, ''));
      await setField(page, 'prop-job-version', '4.0');
      expect(key).toMatch(/^j:/);
    }
    for (const [lfn, [x, y]] of Object.entries(layout.files)) {
      await dropFromPalette(page, 'palette-file', x, y);
      await setField(page, 'prop-file-lfn', lfn);
      await node(page, `f:${lfn}`).waitFor();
    }
    const wires: Array<[string, string]> = [
      ['f:f.a', 'j:preprocess'],
      ['j:preprocess', 'f:f.b1'],
      ['j:preprocess', 'f:f.b2'],
      ['f:f.b1', 'j:findrange_1'],
      ['f:f.b2', 'j:findrange_2'],
      ['j:findrange_1', 'f:f.c1'],
      ['j:findrange_2', 'f:f.c2'],
      ['f:f.c1', 'j:analyze'],
      ['f:f.c2', 'j:analyze'],
      ['j:analyze', 'f:f.d'],
    ];
    for (const [i, [from, to]] of wires.entries()) {
      await wire(page, from, to);
      await expect.poll(() => page.getByTestId('use-edge').count()).toBe(i + 1);
    }
    await expect.poll(() => page.getByTestId('job-node').count()).toBe(4);
    await expect.poll(() => page.getByTestId('file-node').count()).toBe(6);
    // The file nodes say what each file is: f.a is a raw input, f.d a final output.
    await expect.poll(() => page.locator('[data-testid="file-node"][data-lfn="f.a"]').getAttribute('data-role')).toBe('input');
    await expect.poll(() => page.locator('[data-testid="file-node"][data-lfn="f.b1"]').getAttribute('data-role')).toBe('intermediate');
    await expect.poll(() => page.locator('[data-testid="file-node"][data-lfn="f.d"]').getAttribute('data-role')).toBe('output');
  });

  it('shows, in the jobs-only view, exactly the dependencies Pegasus infers, drawn as inferred', async () => {
    const { page } = app;
    const expected = dependencyPairs(await readDoc(sharedPath('examples', 'diamond.yml')));
    expect(expected).toHaveLength(4);
    await page.getByTestId('toggle-view').click();
    await expect.poll(() => page.getByTestId('dep-edge').count()).toBe(expected.length);
    const drawn = await drawnDependencies(page);
    expect(drawn.map(([p, c]) => [p, c])).toEqual(expected);
    expect(new Set(drawn.map(([, , kind]) => kind))).toEqual(new Set(['inferred']));
    await expect.poll(() => page.getByTestId('file-node').count()).toBe(0);
    await page.getByTestId('toggle-view').click();
    await expect.poll(() => page.getByTestId('file-node').count()).toBe(6);
  });

  it('refuses a file → file wiring and says why', async () => {
    const { page } = app;
    const before = await page.getByTestId('use-edge').count();
    await wire(page, 'f:f.a', 'f:f.d');
    await page.locator('[data-testid="toast"][data-tone="error"]', { hasText: 'A file cannot feed another file' }).waitFor();
    expect(await page.getByTestId('use-edge').count()).toBe(before);
  });

  it('saves, and reopening gives the same document', async () => {
    const { page, workspace } = app;
    const file = path.join(workspace, 'diamond.yml');
    // The window title names the document and marks unsaved edits.
    expect(await page.title()).toBe('• Untitled.yml — Pegasus Canvas');
    await saveAsFile(page, file);
    await expect.poll(() => page.title()).toBe('diamond.yml — Pegasus Canvas');
    const saved = await readDoc(file);
    const reference = await readDoc(sharedPath('examples', 'diamond.yml'));
    expect(shape(saved)).toEqual(shape(reference));
    expect(dependencyPairs(saved)).toEqual(dependencyPairs(reference));
    const sidecar = JSON.parse(await readFile(path.join(workspace, 'diamond.canvas.json'), 'utf8')) as { jobs: object; files: object };
    expect(Object.keys(sidecar.jobs).sort()).toEqual(Object.keys(layout.jobs).sort());
    expect(Object.keys(sidecar.files).sort()).toEqual(Object.keys(layout.files).sort());

    const positions = async () =>
      page.locator('.react-flow__node').evaluateAll((nodes) =>
        Object.fromEntries(nodes.map((n) => [n.getAttribute('data-id'), /transform:\s*([^;]+)/.exec(n.getAttribute('style') ?? '')?.[1] ?? ''])),
      );
    const before = await positions();
    // A fresh start of the app, then File → Open: the document comes back from disk.
    await app.reload();
    await expect.poll(() => page.getByTestId('job-node').count()).toBe(0);
    await openFile(page, file);
    await expect.poll(() => page.getByTestId('job-node').count()).toBe(4);
    await expect.poll(() => page.getByTestId('file-node').count()).toBe(6);
    expect(await page.getByTestId('doc-name').textContent()).toBe('diamond.yml');
    // Same places on the canvas (from the sidecar), so the same picture.
    expect(await positions()).toEqual(before);
    await page.getByTestId('toggle-view').click();
    await expect.poll(() => page.getByTestId('dep-edge').count()).toBe(4);
    expect((await drawnDependencies(page)).map(([p, c]) => [p, c])).toEqual(dependencyPairs(reference));
    await page.getByTestId('toggle-view').click();
  });

  it('undoes and redoes a wiring, one step each', async () => {
    const { page } = app;
    const extra = page.locator('[data-testid="use-edge"][data-job-id="findrange_2"][data-lfn="f.a"]');
    await wire(page, 'f:f.a', 'j:findrange_2');
    await extra.waitFor();
    await selectNode(page, 'j:findrange_2');
    await expect.poll(() => page.getByTestId('prop-uses').locator('tbody tr').count()).toBe(3);
    await page.keyboard.press('Control+Z');
    await extra.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('use-edge').count()).toBe(10);
    await page.keyboard.press('Control+Shift+Z');
    await extra.waitFor();
    await expect.poll(() => page.getByTestId('use-edge').count()).toBe(11);
    await page.keyboard.press('Control+Z');
    await extra.waitFor({ state: 'detached' });
    expect(app.pageErrors).toEqual([]);
  });
});
