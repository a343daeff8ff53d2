/**
 * Save, Save As, Export and autosave send the document as bytes written by the worker that follows
 * it (request frames): what reaches the disk is the document on screen, edits included.
 */
import { copyFile, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorkflow } from '../../src/shared/formats/pegasus-yaml';
import { sharedPath } from '../support/shared-path';
import { type AppFixture, launchApp } from './support/app';
import { node, openFile, selectNode, setField } from './support/canvas';

let app: AppFixture;
/** What the page sent on its socket: `text` or the first bytes of a binary message. */
const sent: Array<{ kind: 'text' | 'binary'; head: string }> = [];

beforeAll(async () => {
  app = await launchApp();
  // The socket is made when the page starts: listen first, then start the page again.
  app.page.on('websocket', (ws) =>
    ws.on('framesent', ({ payload }) => {
      sent.push(typeof payload === 'string' ? { kind: 'text', head: payload.slice(0, 80) } : { kind: 'binary', head: payload.subarray(0, 40).toString('latin1') });
    }),
  );
  await app.reload();
});

afterAll(async () => {
  await app?.close();
});

function jobCount(page: Page): Promise<number> {
  return page.getByTestId('job-node').count();
}

async function addJob(page: Page): Promise<void> {
  const before = await jobCount(page);
  await page.getByTestId('palette-job').focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => jobCount(page)).toBe(before + 1);
}

/** Binary requests sent since `from`, by channel name. */
function binarySince(from: number): string[] {
  return sent.slice(from).flatMap((m) => (m.kind === 'binary' ? [/(document\.save(?:As)?|document\.export|recovery\.write)/.exec(m.head)?.[1] ?? m.head] : []));
}

async function readDoc(file: string): Promise<{ ids: string[]; layout: { jobs: Record<string, { x: number; y: number }> } }> {
  const read = readWorkflow(await readFile(file, 'utf8'));
  if (!read.ok) throw new Error(read.diagnostics[0]?.message);
  const layout = JSON.parse(await readFile(file.replace(/\.yml$/, '.canvas.json'), 'utf8')) as { jobs: Record<string, { x: number; y: number }> };
  return { ids: read.value.jobs.map((j) => j.id), layout };
}

describe('saving through request frames', () => {
  it('saves an edited document as one binary request, and the file has the edit', async () => {
    const { page, workspace } = app;
    const file = path.join(workspace, 'diamond.yml');
    await copyFile(sharedPath('examples', 'diamond.yml'), file);
    await openFile(page, file);
    await expect.poll(() => jobCount(page)).toBe(4);
    await addJob(page);
    // A non-ASCII id, to show the bytes are UTF-8 all the way to the file.
    const added = (await page.locator('.react-flow__node.selected').getAttribute('data-id')) ?? '';
    await selectNode(page, added);
    await setField(page, 'prop-job-id', 'analyse_été_🧬');
    await node(page, 'j:analyse_été_🧬').waitFor();
    const from = sent.length;
    await page.keyboard.press('Control+S');
    await page.locator('body[data-dirty="false"]').waitFor();
    expect(binarySince(from)).toEqual(['document.save']);
    const saved = await readDoc(file);
    expect(saved.ids).toHaveLength(5);
    expect(saved.ids).toContain('analyse_été_🧬');
    expect(saved.layout.jobs['analyse_été_🧬']).toEqual({ x: expect.any(Number), y: expect.any(Number) });
    expect(app.pageErrors).toEqual([]);
  });

  it('keeps the comments of the file it saves (merged by the worker, not on the page)', async () => {
    const { page, workspace } = app;
    const file = path.join(workspace, 'diamond-commented.yml');
    const text = await readFile(sharedPath('examples', 'diamond.yml'), 'utf8');
    await writeFile(file, text.replace(/^jobs:$/m, '# The four steps of the diamond.\njobs:'));
    await openFile(page, file);
    await expect.poll(() => jobCount(page)).toBe(4);
    await addJob(page);
    await page.keyboard.press('Control+S');
    await page.locator('body[data-dirty="false"]').waitFor();
    const saved = await readFile(file, 'utf8');
    expect(saved).toContain('# The four steps of the diamond.\njobs:');
    expect((await readDoc(file)).ids).toHaveLength(5);
    // The tests below go on with the first test's document.
    await openFile(page, path.join(workspace, 'diamond.yml'));
    await expect.poll(() => jobCount(page)).toBe(5);
    expect(app.pageErrors).toEqual([]);
  });

  it('saves under a new name as one binary request', async () => {
    const { page, workspace } = app;
    await addJob(page);
    const target = path.join(workspace, 'copie «6».yml');
    const from = sent.length;
    await page.keyboard.press('Control+Shift+S');
    await page.getByTestId('file-dialog').waitFor();
    await page.getByTestId('file-path').fill(target);
    await page.getByTestId('file-dialog-submit').click();
    await page.locator('body[data-dirty="false"]').waitFor();
    expect(await page.getByTestId('doc-name').textContent()).toBe('copie «6».yml');
    expect(binarySince(from)).toEqual(['document.saveAs']);
    const saved = await readDoc(target);
    expect(saved.ids).toHaveLength(6);
    expect(Object.keys(saved.layout.jobs).sort()).toEqual([...saved.ids].sort());
    // The first file keeps what was saved there.
    expect((await readDoc(path.join(workspace, 'diamond.yml'))).ids).toHaveLength(5);
  });

  it('exports (File → Export) as one binary request, leaving the document as it was', async () => {
    const { page, workspace } = app;
    const target = path.join(workspace, 'exported.json');
    const from = sent.length;
    app.server.broadcast('file.export');
    await page.getByTestId('file-dialog').waitFor();
    await page.getByTestId('file-path').fill(target);
    await page.getByTestId('file-dialog-submit').click();
    await expect.poll(async () => (await readdir(workspace)).includes('exported.json')).toBe(true);
    expect(binarySince(from)).toEqual(['document.export']);
    const exported = JSON.parse(await readFile(target, 'utf8')) as { jobs: Array<{ id: string }> };
    expect(exported.jobs.map((j) => j.id)).toContain('analyse_été_🧬');
    expect(exported.jobs).toHaveLength(6);
    expect(await page.getByTestId('doc-name').textContent()).toBe('copie «6».yml');
  });

  it('autosaves as one binary request, and the recovered document has the edit', async () => {
    const { page, dataDir } = app;
    const from = sent.length;
    await addJob(page);
    const recovery = path.join(dataDir, 'recovery');
    const entries = async (): Promise<string[]> => (await readdir(recovery).catch(() => [])).filter((n) => n.endsWith('.json'));
    await expect.poll(entries, { timeout: 15_000, interval: 250 }).toHaveLength(1);
    expect(binarySince(from)).toContain('recovery.write');
    const [entry] = await entries();
    const record = JSON.parse(await readFile(path.join(recovery, entry!), 'utf8')) as { workflow: { jobs: Array<{ id: string }> }; layout: { jobs: Record<string, unknown> } };
    expect(record.workflow.jobs).toHaveLength(7);
    expect(record.workflow.jobs.map((j) => j.id)).toContain('analyse_été_🧬');
    expect(Object.keys(record.layout.jobs)).toHaveLength(7);
    // Restored at the next start: the seven jobs are back, marked unsaved.
    await page.goto(app.server.url);
    await page.getByTestId('confirm-dialog').waitFor();
    await page.getByTestId('confirm-0').click();
    await page.locator('body[data-app-state="ready"]').waitFor();
    await expect.poll(() => jobCount(page)).toBe(7);
    expect(await page.getByTestId('doc-name').textContent()).toBe('• copie «6».yml');
    expect(app.pageErrors).toEqual([]);
  });

});
