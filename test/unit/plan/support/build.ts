import type { Site, Transformation } from '../../../../src/shared/model/catalogs';
import type { ComputeJob, FileUse, Job } from '../../../../src/shared/model/job';
import type { Profiles } from '../../../../src/shared/model/profiles';
import type { Workflow, WorkflowBundle } from '../../../../src/shared/model/workflow';
import { plan, type ExecutableWorkflow, type PlanOptions } from '../../../../src/shared/plan';

/** A compute job running transformation `name`, reading `inputs` and writing `outputs`. */
export function job(
  id: string,
  name: string,
  inputs: string[],
  outputs: Array<string | (Partial<FileUse> & { lfn: string })>,
  profiles?: Profiles,
): ComputeJob {
  const uses: FileUse[] = [
    ...inputs.map((lfn): FileUse => ({ lfn, type: 'input' })),
    ...outputs.map((o): FileUse =>
      typeof o === 'string'
        ? { lfn: o, type: 'output', stageOut: true, registerReplica: false }
        : { type: 'output', ...o },
    ),
  ];
  return { type: 'job', id, name, arguments: [], uses, ...(profiles ? { profiles } : {}) };
}

/** A site with a shared scratch and a local storage directory under `/data/<name>`. */
export function site(name: string, profiles?: Profiles): Site {
  return {
    name,
    directories: [
      {
        type: 'sharedScratch',
        path: `/data/${name}/scratch`,
        fileServers: [{ url: `file:///data/${name}/scratch`, operation: 'all' }],
      },
      {
        type: 'localStorage',
        path: `/data/${name}/output`,
        fileServers: [{ url: `file:///data/${name}/output`, operation: 'all' }],
      },
    ],
    ...(profiles ? { profiles } : {}),
  };
}

/** A transformation installed on the given sites (or `stageable` from the first one). */
export function tx(
  name: string,
  sites: string[],
  type: 'installed' | 'stageable' = 'installed',
  profiles?: Profiles,
): Transformation {
  return { name, sites: sites.map((s) => ({ name: s, pfn: `/opt/${name}`, type })), ...(profiles ? { profiles } : {}) };
}

export interface BundleParts {
  jobs: Job[];
  sites?: Site[];
  transformations?: Transformation[];
  replicas?: Array<{ lfn: string; site?: string; pfn?: string; size?: number }>;
  name?: string;
}

/** A bundle with catalogs as files beside the workflow. Default: sites local and condorpool, every transformation installed on condorpool. */
export function bundle(parts: BundleParts): WorkflowBundle {
  const names = new Set(parts.jobs.flatMap((j) => (j.type === 'job' ? [j.name] : [])));
  const workflow: Workflow = { pegasus: '5.0.4', name: parts.name ?? 'wf', jobs: parts.jobs, dependencies: [] };
  return {
    workflow,
    catalogs: {
      sites: { sites: parts.sites ?? [site('local'), site('condorpool')] },
      transformations: { transformations: parts.transformations ?? [...names].map((n) => tx(n, ['condorpool'])) },
      replicas: {
        replicas: (parts.replicas ?? []).map((r) => ({
          lfn: r.lfn,
          pfns: [{ site: r.site ?? 'local', pfn: r.pfn ?? `/inputs/${r.lfn}` }],
          ...(r.size !== undefined ? { metadata: { size: r.size } } : {}),
        })),
      },
    },
  };
}

/** Plans and fails the test with the diagnostics when planning fails. */
export function planOk(b: WorkflowBundle, options: PlanOptions = {}): ExecutableWorkflow {
  const result = plan(b, options);
  if (!result.ok) throw new Error(result.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
  return result.value;
}

/** Job names of a planned workflow, sorted. */
export function names(workflow: ExecutableWorkflow): string[] {
  return workflow.jobs.map((j) => j.name).sort();
}

/** Edges `parent -> child` by name, sorted. */
export function edges(workflow: ExecutableWorkflow): string[] {
  const out: string[] = [];
  const g = workflow.graph;
  for (let v = 0; v < g.nodeCount; v++)
    for (let e = g.offsets[v]!; e < g.offsets[v + 1]!; e++)
      out.push(`${workflow.jobs[v]!.name} -> ${workflow.jobs[g.targets[e]!]!.name}`);
  return out.sort();
}

/** Parents of the named job, sorted. */
export function parentsOf(workflow: ExecutableWorkflow, name: string): string[] {
  return edges(workflow)
    .filter((e) => e.endsWith(` -> ${name}`))
    .map((e) => e.split(' -> ')[0]!)
    .sort();
}

/** The job named `name`. */
export function byName(workflow: ExecutableWorkflow, name: string): ExecutableWorkflow['jobs'][number] {
  const found = workflow.jobs.find((j) => j.name === name);
  if (!found) throw new Error(`no job ${name} in ${names(workflow).join(', ')}`);
  return found;
}
