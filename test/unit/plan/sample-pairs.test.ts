import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  dagmanContext,
  jobDirectory,
  readDag,
  submitDirectoryFiles,
  writeDag,
} from '../../../src/shared/formats/dagman';
import { plan, type ExecutableWorkflow, type PlanOptions } from '../../../src/shared/plan';
import type { WorkflowBundle } from '../../../src/shared/model/workflow';
import { loadSample, samplePath } from './support/samples';

// The recorded pegasus-plan runs: the same input planned here must give a DAG with the same
// nodes, the same edges, and the same priorities and categories.

function planned(bundle: WorkflowBundle, options: PlanOptions): ExecutableWorkflow {
  const result = plan(bundle, options);
  if (!result.ok) throw new Error(result.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
  return result.value;
}

function ownDag(workflow: ExecutableWorkflow): ReturnType<typeof readDag> {
  const context = dagmanContext(workflow.name, workflow.index);
  return readDag(
    writeDag(
      workflow,
      context,
      workflow.jobs.map((_, i) => jobDirectory(i)),
    ),
  );
}

function compare(realDagFile: string, workflow: ExecutableWorkflow): void {
  const real = readDag(readFileSync(realDagFile, 'utf8'));
  const mine = ownDag(workflow);
  expect(real.nodes.length).toBeGreaterThan(0);
  expect(mine.nodes.map((n) => n.name).sort()).toEqual(real.nodes.map((n) => n.name).sort());
  const edges = (dag: typeof real): string[] => dag.edges.map(([p, c]) => `${p} -> ${c}`).sort();
  expect(edges(mine)).toEqual(edges(real));
  const attributes = (dag: typeof real): string[] =>
    dag.nodes.map((n) => `${n.name} priority=${n.priority} category=${n.category ?? '-'} retry=${n.retry}`).sort();
  expect(attributes(mine)).toEqual(attributes(real));
  expect([...mine.maxJobs]).toEqual([...real.maxJobs]);
}

describe('planned DAG versus the recorded pegasus-plan output', () => {
  it('process_wf_success: one job, condorio, --cleanup leaf --force, output site local', () => {
    const dir = 'process_wf_success';
    const bundle = loadSample(samplePath(dir, 'workflow.yml'), {
      sites: samplePath(dir, 'catalogs', 'sites.yml'),
      transformations: samplePath(dir, 'catalogs', 'transformations.yml'),
    });
    const workflow = planned(bundle, { sites: ['condorpool'], outputSites: ['local'], cleanup: 'leaf', force: true });
    compare(samplePath(dir, 'process-0.dag'), workflow);

    // The compute job's submit file carries the same HTCondor settings as the recorded one.
    const submitDir = '/home/mzalam/processwf/submit/mzalam/pegasus/process/run0001';
    const ours = [...submitDirectoryFiles(workflow, { submitDir })]
      .find((f) => f.path === '00/00/ls_ID0000001.sub')!
      .content.split('\n');
    const real = readFileSync(samplePath(dir, '00', '00', 'ls_ID0000001.sub'), 'utf8').split('\n');
    for (const key of [
      'universe',
      'periodic_remove',
      'transfer_output_files',
      'should_transfer_files',
      'when_to_transfer_output',
      'priority',
      'executable',
      '+pegasus_job_class',
      '+pegasus_site',
      '+pegasus_wf_dag_job_id',
    ]) {
      const line = (lines: string[]): string | undefined => lines.find((l) => l.startsWith(`${key} = `));
      expect(line(ours), key).toBe(line(real));
    }
  });

  it('hierarchical_wf_success: compute → pegasusWorkflow → compute, with the worker package job', () => {
    const dir = 'hierarchical_wf_success';
    const bundle = loadSample(samplePath(dir, 'workflow.yml'), {
      sites: samplePath(dir, 'catalogs', 'sites.yml'),
      transformations: samplePath(dir, 'catalogs', 'transformations.yml'),
      replicas: samplePath(dir, 'catalogs', 'replicas.yml'),
    });
    // pegasus-plan staged the worker package here (the catalog's local site is rhel 7, the
    // submit host's Pegasus rhel 8); offline that is the stageWorker option.
    const workflow = planned(bundle, {
      sites: ['condorpool'],
      outputSites: ['local'],
      cleanup: 'leaf',
      force: true,
      stageWorker: true,
    });
    compare(samplePath(dir, 'hierarchical-workflow-0.dag'), workflow);
    const sub = ownDag(workflow).nodes.find((n) => n.name === 'pegasus-plan_diamond_subworkflow')!;
    expect(sub.preScript).toContain('--deferred');
    // The child workflow is handed over where its replica is, as in the recorded PRE line.
    const real = readDag(readFileSync(samplePath(dir, 'hierarchical-workflow-0.dag'), 'utf8')).nodes.find(
      (n) => n.name === sub.name,
    )!;
    expect(sub.preScript!.split(' ').pop()).toBe(real.preScript!.split(' ').pop());
    expect(sub.postScript).toBeUndefined();
  });

  it('the inner diamond of the hierarchical run: stageable executables, a remote stage-in, --cleanup none', () => {
    const dir = samplePath('hierarchical_wf_success', '00', '00', 'blackdiamond_diamond_subworkflow.000');
    const bundle = loadSample(`${dir}/inner_diamond_workflow.yml`, {
      sites: `${dir}/catalogs/sites.yml`,
      transformations: `${dir}/catalogs/inner_diamond_workflow_tc.yml`,
    });
    // The parent passed pegasus.html down in a --cache file: the same entry, as a replica.
    const cache = readFileSync(`${dir}/catalogs/pegasus-plan_diamond_subworkflow.cache`, 'utf8').trim().split(/\s+/);
    bundle.catalogs.replicas = { replicas: [{ lfn: cache[0]!, pfns: [{ site: 'local', pfn: cache[1]! }] }] };
    const workflow = planned(bundle, { sites: ['condorpool'], outputSites: ['local'], cleanup: 'none', force: true });
    compare(`${dir}/inner.dag`, workflow);
  });
});
