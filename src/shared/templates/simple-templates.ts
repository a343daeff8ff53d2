import type { WorkflowBundle } from '../model/workflow';
import { computeJob, emptyWorkflow, input, jobId, kegSite, localReplica, output } from './build-helpers';

/** An empty workflow: no jobs, no catalogs. */
export function blankTemplate(name = 'workflow'): WorkflowBundle {
  return { workflow: emptyWorkflow(name), catalogs: {} };
}

/** Two jobs as in ACCESS tutorial 01: `hello` reads f.in and writes f.inter, `world` turns it into f.out. */
export function helloWorldTemplate(name = 'hello-world'): WorkflowBundle {
  const workflow = emptyWorkflow(name);
  workflow.jobs = [
    computeJob({ id: jobId(1), name: 'hello', args: ['-T', '3', '-i', 'f.in', '-o', 'f.inter'], uses: [input('f.in'), output('f.inter')] }),
    computeJob({ id: jobId(2), name: 'world', args: ['-T', '3', '-i', 'f.inter', '-o', 'f.out'], uses: [input('f.inter'), output('f.out', true)] }),
  ];
  workflow.transformationCatalog = {
    transformations: [
      { name: 'hello', sites: [kegSite()] },
      { name: 'world', sites: [kegSite()] },
    ],
  };
  workflow.replicaCatalog = { replicas: [localReplica('f.in')] };
  return { workflow, catalogs: {} };
}

/**
 * The Pegasus diamond: preprocess splits f.a into f.b1 and f.b2, two findrange jobs work on
 * one each, analyze joins f.c1 and f.c2 into f.d. Four jobs, four inferred dependencies.
 */
export function diamondTemplate(name = 'diamond'): WorkflowBundle {
  const workflow = emptyWorkflow(name);
  const ns = { namespace: 'diamond', version: '4.0' };
  workflow.jobs = [
    computeJob({ ...ns, id: jobId(1), name: 'preprocess', args: ['-a', 'preprocess', '-T', '3', '-i', 'f.a', '-o', 'f.b1', 'f.b2'], uses: [input('f.a'), output('f.b1'), output('f.b2')] }),
    computeJob({ ...ns, id: jobId(2), name: 'findrange', args: ['-a', 'findrange', '-T', '3', '-i', 'f.b1', '-o', 'f.c1'], uses: [input('f.b1'), output('f.c1')] }),
    computeJob({ ...ns, id: jobId(3), name: 'findrange', args: ['-a', 'findrange', '-T', '3', '-i', 'f.b2', '-o', 'f.c2'], uses: [input('f.b2'), output('f.c2')] }),
    computeJob({ ...ns, id: jobId(4), name: 'analyze', args: ['-a', 'analyze', '-T', '3', '-i', 'f.c1', 'f.c2', '-o', 'f.d'], uses: [input('f.c1'), input('f.c2'), output('f.d', true)] }),
  ];
  workflow.transformationCatalog = {
    transformations: ['preprocess', 'findrange', 'analyze'].map((t) => ({ ...ns, name: t, sites: [kegSite()] })),
  };
  workflow.replicaCatalog = { replicas: [localReplica('f.a')] };
  return { workflow, catalogs: {} };
}

/**
 * Fan-out / fan-in of width `n`: split writes part_1…part_n, n process jobs each turn one
 * part into a result, merge reads every result. n + 2 jobs, 2n inferred dependencies.
 */
export function fanOutFanInTemplate(n: number, name = 'fan-out-fan-in'): WorkflowBundle {
  const workflow = emptyWorkflow(name);
  const parts = Array.from({ length: n }, (_, i) => `part_${i + 1}.txt`);
  const results = Array.from({ length: n }, (_, i) => `result_${i + 1}.txt`);
  workflow.jobs = [
    computeJob({ id: jobId(1), name: 'split', nodeLabel: 'split', args: ['-i', 'input.txt', '-o', ...parts], uses: [input('input.txt'), ...parts.map((p) => output(p))] }),
    ...parts.map((part, i) =>
      computeJob({ id: jobId(i + 2), name: 'process', nodeLabel: `process_${i + 1}`, args: ['-i', part, '-o', results[i]!], uses: [input(part), output(results[i]!)] }),
    ),
    computeJob({ id: jobId(n + 2), name: 'merge', nodeLabel: 'merge', args: ['-i', ...results, '-o', 'merged.txt'], uses: [...results.map(input), output('merged.txt', true)] }),
  ];
  workflow.transformationCatalog = {
    transformations: ['split', 'process', 'merge'].map((t) => ({ name: t, sites: [kegSite()] })),
  };
  workflow.replicaCatalog = { replicas: [localReplica('input.txt')] };
  return { workflow, catalogs: {} };
}
