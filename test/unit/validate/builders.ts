import type { ComputeJob, FileUse, Job, LinkType, SubWorkflowJob } from '../../../src/shared/model/job';
import type { CatalogFiles, Dependency, Workflow, WorkflowBundle } from '../../../src/shared/model/workflow';

/** A compute job running transformation `t` with the given uses (`['in:a', 'out:b']`). */
export function job(id: string, uses: string[] = [], extra: Partial<ComputeJob> = {}): ComputeJob {
  return { type: 'job', id, name: 't', arguments: [], uses: uses.map(use), ...extra };
}

/** `'in:a'` → input a, `'out:b'` → output b, `'ck:c'` → checkpoint c, `'none:x'`, `'inout:x'`. */
export function use(spec: string): FileUse {
  const [kind, lfn] = spec.split(':') as [string, string];
  const types: Record<string, LinkType> = {
    in: 'input',
    out: 'output',
    ck: 'checkpoint',
    none: 'none',
    inout: 'inout',
  };
  return { lfn, type: types[kind]! };
}

export function subWorkflow(
  id: string,
  file: string,
  type: SubWorkflowJob['type'] = 'pegasusWorkflow',
): SubWorkflowJob {
  return { type, id, file, arguments: [], uses: [{ lfn: file, type: 'input' }] };
}

export function workflow(jobs: Job[], extra: Partial<Workflow> = {}, dependencies: Dependency[] = []): Workflow {
  // An embedded catalog with transformation 't' and every unproduced input as a replica,
  // so that each test sees only the problem it builds.
  return {
    pegasus: '5.0.4',
    name: 'test',
    jobs,
    dependencies,
    transformationCatalog: {
      transformations: [{ name: 't', sites: [{ name: 'local', pfn: '/bin/t', type: 'installed' }] }],
    },
    ...extra,
  };
}

export function bundle(wf: Workflow, catalogs: CatalogFiles = {}): WorkflowBundle {
  return { workflow: wf, catalogs };
}
