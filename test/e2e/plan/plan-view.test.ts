/**
 * The Plan view in browser mode: the diamond of ../shared/examples shows the executable
 * workflow pegasus-plan would make (compute jobs and the auxiliary jobs, each naming the
 * abstract jobs it came from), the plan report beside it, and options that re-plan and are
 * saved in the document's sidecar.
 */
import { copyFile, cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkflowBundle } from '../../../src/main/services/workspace/load-bundle';
import { buildPlanReport } from '../../../src/shared/formats/plan-report';
import { plan } from '../../../src/shared/plan';
import { sharedPath } from '../../support/shared-path';
import { type AppFixture, launchApp } from '../support/app';
import { openFile } from '../support/canvas';

let app: AppFixture;

beforeAll(async () => {
  app = await launchApp();
});

afterAll(async () => {
  await app?.close();
});

async function plannedNames(): Promise<string[]> {
  const names = await app.page.getByTestId('plan-node').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-name') ?? ''));
  return names.sort();
}

/** The planner's own answer for the diamond with the form's defaults (output site local). */
async function expectedPlan(file: string) {
  const loaded = await loadWorkflowBundle(file);
  if (!loaded.ok) throw new Error(`${file} does not load`);
  const planned = plan(loaded.bundle, { outputSites: ['local'] });
  if (!planned.ok) throw new Error(`${file} does not plan`);
  return { names: planned.value.jobs.map((j) => j.name).sort(), report: buildPlanReport(planned.value, { slots: 4 }) };
}

describe('the Plan view', () => {
  it('shows the executable diamond with its auxiliary jobs and the report', async () => {
    const { page, workspace } = app;
    // A copy in the workspace, so that saving the plan options does not touch the shared fixture.
    const file = path.join(workspace, 'diamond.yml');
    await copyFile(sharedPath('examples', 'diamond.yml'), file);
    await cp(sharedPath('examples', 'diamond-catalogs'), path.join(workspace, 'diamond-catalogs'), { recursive: true });
    const expected = await expectedPlan(file);

    await openFile(page, file);
    await expect.poll(() => page.getByTestId('job-node').count()).toBe(4);
    await page.getByTestId('toggle-plan').click();
    await page.getByTestId('plan-canvas').and(page.locator('[data-status="done"]')).waitFor({ timeout: 20_000 });
    await expect.poll(plannedNames, { timeout: 15_000 }).toEqual(expected.names);

    // Auxiliary jobs are there, styled apart, each naming the abstract jobs it serves.
    const createDir = page.locator('[data-testid="plan-node"][data-kind="create-dir"]');
    await expect.poll(() => createDir.count()).toBeGreaterThan(0);
    expect(await createDir.first().getAttribute('data-name')).toMatch(/^create_dir_/);
    expect(await createDir.first().getAttribute('class')).toContain('plan-auxiliary');
    const stageOut = page.locator('[data-testid="plan-node"][data-kind="stage-out"]');
    await expect.poll(() => stageOut.count()).toBeGreaterThan(0);
    expect(await stageOut.first().getAttribute('data-name')).toMatch(/^stage_out_/);
    const compute = page.locator('[data-testid="plan-node"][data-kind="compute"][data-name="analyze_analyze"]');
    expect(await compute.getAttribute('data-from')).toBe('analyze');
    expect(await compute.getAttribute('title')).toContain('from: analyze');
    expect(await compute.getAttribute('class')).not.toContain('plan-auxiliary');

    // The report beside it: the numbers the planner and the report builder give.
    const { report } = expected;
    await expect.poll(() => page.getByTestId('report-jobs').textContent()).toBe(String(report.jobs));
    expect(await page.getByTestId('report-levels').textContent()).toBe(String(report.levels));
    expect(await page.getByTestId('report-width').textContent()).toContain(String(report.width.jobs));
    expect(await page.getByTestId('report-kind-create-dir').textContent()).toBe(String(report.jobsByKind['create-dir']));
    expect(await page.getByTestId('report-kind-stage-out').textContent()).toBe(String(report.jobsByKind['stage-out']));
    expect(await page.getByTestId('report-makespan').textContent()).not.toBe('');

    // Hovering shows where a job came from (the pointer reaches the node).
    await stageOut.first().hover();
    expect(await stageOut.first().getAttribute('title')).toMatch(/from: \w/);
    // Double-clicking a compute job shows its abstract job on the workflow canvas; P comes back.
    await compute.dblclick();
    await page.locator('.react-flow__node.selected[data-id="j:analyze"]').waitFor();
    await page.keyboard.press('p');
    await page.locator('[data-testid="plan-canvas"][data-status="done"]').waitFor({ timeout: 20_000 });
  });

  it('plans again when an option changes, and keeps the options in the sidecar', async () => {
    const { page, workspace } = app;
    const file = path.join(workspace, 'diamond.yml');
    // No output site: outputs stay in the scratch directory, so no stage-out or registration job.
    await page.getByTestId('plan-output-sites').fill('');
    await page.getByTestId('plan-output-sites').press('Enter');
    await expect.poll(() => page.locator('[data-testid="plan-node"][data-kind="stage-out"]').count(), { timeout: 15_000 }).toBe(0);
    await page.getByTestId('plan-cleanup').selectOption('none');
    await expect.poll(() => page.locator('[data-testid="plan-node"][data-kind="cleanup"]').count(), { timeout: 15_000 }).toBe(0);
    expect(await page.locator('[data-testid="plan-node"][data-kind="create-dir"]').count()).toBeGreaterThan(0);

    await page.getByTestId('save').click();
    await expect
      .poll(async () => {
        const text = await readFile(path.join(workspace, 'diamond.canvas.json'), 'utf8').catch(() => '{}');
        return (JSON.parse(text) as { plan?: { cleanup?: string; outputSites?: string[] } }).plan;
      })
      .toMatchObject({ cleanup: 'none', outputSites: [] });

    // Reopened, the document plans with its own options again.
    await page.getByTestId('toggle-plan').click();
    await page.getByTestId('canvas').waitFor();
    await app.reload();
    await openFile(page, file);
    await expect.poll(() => page.getByTestId('job-node').count()).toBe(4);
    await page.keyboard.press('p');
    await page.getByTestId('plan-canvas').and(page.locator('[data-status="done"]')).waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('plan-cleanup').inputValue()).toBe('none');
    expect(await page.locator('[data-testid="plan-node"][data-kind="cleanup"]').count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  });

  it('shows why a workflow cannot be planned and points at the job', async () => {
    const { page, workspace } = app;
    const file = path.join(workspace, 'unplannable.yml');
    await writeFile(
      file,
      [
        'pegasus: 5.0.4',
        'name: unplannable',
        'jobs:',
        '- type: job',
        '  name: nowhere',
        '  id: lonely',
        '  arguments: []',
        '  uses:',
        '  - {lfn: out.txt, type: output, stageOut: true, registerReplica: false}',
        'jobDependencies: []',
        '',
      ].join('\n'),
    );
    // Back to the workflow canvas (the last test left the Plan view on), then open and plan.
    await page.getByTestId('toggle-plan').click();
    await page.getByTestId('canvas').waitFor();
    await openFile(page, file);
    await expect.poll(() => page.getByTestId('job-node').count()).toBe(1);
    await page.keyboard.press('p');
    await page.locator('[data-testid="plan-canvas"][data-status="failed"]').waitFor({ timeout: 20_000 });
    const diagnostic = page.locator('[data-testid="plan-diagnostic"][data-code="PC401"]');
    await diagnostic.first().waitFor();
    expect(await diagnostic.first().textContent()).toContain('lonely');
    expect(await page.getByTestId('plan-node').count()).toBe(0);
    // It points at the job: the workflow canvas comes back with the job selected.
    await diagnostic.first().click();
    await page.locator('.react-flow__node.selected[data-id="j:lonely"]').waitFor();
    expect(await page.getByTestId('plan-canvas').count()).toBe(0);
  });
});
