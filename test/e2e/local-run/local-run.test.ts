/**
 * Run locally, in browser mode against the real executor: the diamond of shell scripts
 * (test/fixtures/local-run/diamond) turns every job node succeeded; a workflow with a failing
 * job turns that node failed and its log opens in the panel; after a restart the run is listed
 * from disk and reopens; resume finishes it once the script is fixed; a run that cannot start
 * says why and points at the job.
 */
import { chmod, cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppFixture, launchApp } from '../support/app';
import { node, openFile, selectNode } from '../support/canvas';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/local-run');

let app: AppFixture;

beforeAll(async () => {
  app = await launchApp();
});

afterAll(async () => {
  await app?.close();
});

/** Job id → the run state its canvas node shows. */
async function nodeStates(): Promise<Record<string, string | null>> {
  const pairs = await app.page.getByTestId('job-node').evaluateAll((nodes) => nodes.map((n) => [n.getAttribute('data-job-id') ?? '', n.getAttribute('data-run-state')] as const));
  return Object.fromEntries(pairs);
}

async function script(file: string, text: string): Promise<void> {
  await writeFile(file, text);
  await chmod(file, 0o755);
}

/** Two jobs: `hello` writes a file, `fails` reads it and exits 3 (no retries). */
async function failingWorkflow(dir: string, name: string): Promise<string> {
  await mkdir(path.join(dir, 'bin'), { recursive: true });
  await script(path.join(dir, 'bin', 'hello.sh'), '#!/bin/sh\nset -eu\necho "hello from the run"\necho hi > "$1"\n');
  await script(path.join(dir, 'bin', 'fails.sh'), '#!/bin/sh\necho "reading $1"\necho "failing on purpose" >&2\nexit 3\n');
  await writeFile(
    path.join(dir, 'transformations.yml'),
    [
      'pegasus: 5.0.4',
      'transformations:',
      '- name: hello',
      '  sites:',
      '  - {name: local, pfn: bin/hello.sh, type: installed}',
      '- name: fails',
      '  sites:',
      '  - {name: local, pfn: bin/fails.sh, type: installed}',
      '',
    ].join('\n'),
  );
  const file = path.join(dir, `${name}.yml`);
  await writeFile(
    file,
    [
      'pegasus: 5.0.4',
      'name: two-step',
      'jobs:',
      '- type: job',
      '  name: hello',
      '  id: hello',
      '  arguments: [hi.txt]',
      '  uses:',
      '  - {lfn: hi.txt, type: output, stageOut: false, registerReplica: false}',
      '- type: job',
      '  name: fails',
      '  id: fails',
      '  arguments: [hi.txt, out.txt]',
      '  uses:',
      '  - {lfn: hi.txt, type: input}',
      '  - {lfn: out.txt, type: output, stageOut: false, registerReplica: false}',
      '  profiles:',
      '    dagman: {RETRY: 0}',
      'jobDependencies:',
      '- {id: hello, children: [fails]}',
      '',
    ].join('\n'),
  );
  return file;
}

describe('Run locally', () => {
  it('runs the diamond of shell scripts: every job node turns succeeded', async () => {
    const { page, workspace } = app;
    const dir = path.join(workspace, 'diamond');
    await cp(path.join(fixtures, 'diamond'), dir, { recursive: true });
    await openFile(page, path.join(dir, 'workflow.yml'));
    await expect.poll(() => page.getByTestId('doc-name').textContent()).toBe('workflow.yml');
    await expect.poll(() => page.getByTestId('job-node').count()).toBe(4);

    // One job at a time (`--jobs 1`): the run records it.
    await page.getByTestId('run-slots').fill('1');
    await page.getByTestId('run-locally').click();
    await expect
      .poll(nodeStates, { timeout: 30_000 })
      .toEqual({ preprocess: 'succeeded', findrange_1: 'succeeded', findrange_2: 'succeeded', analyze: 'succeeded' });
    await expect.poll(() => page.getByTestId('run-state').textContent()).toBe('succeeded');
    expect(await page.getByTestId('run-counts').getAttribute('data-succeeded')).toBe('4');
    expect(await page.getByTestId('run-progress').getAttribute('aria-valuenow')).toBe('100');
    const runDir = await page.getByTestId('run-current').getAttribute('data-run-dir');
    const record = JSON.parse(await readFile(path.join(runDir!, 'run.json'), 'utf8')) as { options: { slots: number } };
    expect(record.options.slots).toBe(1);
    await page.getByTestId('run-slots').fill('');

    // Clicking a job opens its logs.
    await selectNode(page, 'j:analyze');
    await page.locator('[data-testid="run-logs"][data-job-id="analyze"]').waitFor();
    await expect.poll(() => page.getByTestId('run-log-stderr').textContent()).toContain('analyze done');
  });

  it('shows a failing job failed with its log, lists the run after a restart, and resumes it', async () => {
    const { page, workspace } = app;
    const dir = path.join(workspace, 'two-step');
    const file = await failingWorkflow(dir, 'two-step');
    await openFile(page, file);
    await expect.poll(() => page.getByTestId('doc-name').textContent()).toBe('two-step.yml');
    await expect.poll(() => page.getByTestId('job-node').count()).toBe(2);
    // Another document: no run on show.
    expect(await nodeStates()).toEqual({ hello: null, fails: null });

    await page.getByTestId('run-locally').click();
    await expect.poll(nodeStates, { timeout: 30_000 }).toEqual({ hello: 'succeeded', fails: 'failed' });
    await expect.poll(() => page.getByTestId('run-state').textContent()).toBe('failed');
    expect(await page.getByTestId('run-counts').getAttribute('data-failed')).toBe('1');

    await selectNode(page, 'j:fails');
    await page.locator('[data-testid="run-logs"][data-job-id="fails"]').waitFor();
    await expect.poll(() => page.getByTestId('run-log-stderr').textContent()).toContain('failing on purpose');
    expect(await page.getByTestId('run-log-stdout').textContent()).toContain('reading hi.txt');

    // A restart of the page: the run is read back from disk and reopens on the canvas.
    await app.reload();
    await openFile(page, file);
    await expect.poll(() => page.getByTestId('doc-name').textContent()).toBe('two-step.yml');
    await expect.poll(() => page.getByTestId('job-node').count()).toBe(2);
    const entry = page.getByTestId('run-entry').first();
    await entry.waitFor();
    expect(await entry.getAttribute('data-state')).toBe('failed');
    await entry.click();
    await expect.poll(nodeStates).toEqual({ hello: 'succeeded', fails: 'failed' });

    // Fixed, the run resumes: the job already done is not run again, the failed one now succeeds.
    await script(path.join(dir, 'bin', 'fails.sh'), '#!/bin/sh\nset -eu\necho "fixed" > "$2"\n');
    await page.getByTestId('run-resume').click();
    await expect.poll(nodeStates, { timeout: 30_000 }).toEqual({ hello: 'succeeded', fails: 'succeeded' });
    await expect.poll(() => page.getByTestId('run-state').textContent()).toBe('succeeded');
    await expect(node(page, 'j:fails').getAttribute('aria-label')).resolves.toBe('Job fails');
  });

  it('refuses a run whose script is missing and points at the job', async () => {
    const { page, workspace } = app;
    const dir = path.join(workspace, 'missing');
    const file = await failingWorkflow(dir, 'missing');
    await writeFile(
      path.join(dir, 'transformations.yml'),
      ['pegasus: 5.0.4', 'transformations:', '- name: hello', '  sites:', '  - {name: local, pfn: bin/hello.sh, type: installed}', '- name: fails', '  sites:', '  - {name: local, pfn: bin/not-there.sh, type: installed}', ''].join('\n'),
    );
    await openFile(page, file);
    await expect.poll(() => page.getByTestId('doc-name').textContent()).toBe('missing.yml');
    await expect.poll(() => page.getByTestId('job-node').count()).toBe(2);
    await page.getByTestId('run-locally').click();
    const refusal = page.locator('[data-testid="run-refusal"][data-job-id="fails"]');
    await refusal.first().waitFor();
    expect(await refusal.first().getAttribute('data-code')).toMatch(/^PC5\d\d$/);
    await refusal.first().click();
    await page.locator('.react-flow__node.selected[data-id="j:fails"]').waitFor();
    expect(await nodeStates()).toEqual({ hello: null, fails: null });
    expect(app.pageErrors).toEqual([]);
  });

  it('cancels a running run: the running job turns cancelled, the rest stays unready', async () => {
    const { page, workspace } = app;
    const dir = path.join(workspace, 'slow');
    const file = await failingWorkflow(dir, 'slow');
    // `hello` now waits until the test lets it go or the run is cancelled.
    await script(path.join(dir, 'bin', 'hello.sh'), `#!/bin/sh\nwhile [ ! -e "${path.join(dir, 'go')}" ]; do sleep 0.1; done\necho hi > "$1"\n`);
    await openFile(page, file);
    await expect.poll(() => page.getByTestId('doc-name').textContent()).toBe('slow.yml');
    await expect.poll(() => page.getByTestId('job-node').count()).toBe(2);
    await page.getByTestId('run-locally').click();
    await expect.poll(nodeStates, { timeout: 30_000 }).toEqual({ hello: 'running', fails: 'unready' });
    expect(await page.getByTestId('run-state').textContent()).toBe('running');
    await page.getByTestId('run-cancel').click();
    await expect.poll(() => page.getByTestId('run-state').textContent(), { timeout: 30_000 }).toBe('cancelled');
    await expect.poll(nodeStates).toEqual({ hello: 'cancelled', fails: 'unready' });
    await page.getByTestId('run-resume').waitFor();
  });
});
