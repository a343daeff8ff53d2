import { dependencyList } from '../../../src/shared/infer';
import { isSubWorkflow, scalarText, type CatalogFiles, type Scalar, type Workflow } from '../../../src/shared/model';

const texts = (record: Record<string, Scalar> | undefined) =>
  record ? Object.fromEntries(Object.entries(record).map(([k, v]) => [k, scalarText(v)])) : undefined;
const profiles = (p: object | undefined) =>
  p
    ? Object.fromEntries(
        Object.entries(p)
          .filter(([ns]) => ns !== 'extra')
          .map(([ns, entries]) => [ns, texts(entries as Record<string, Scalar>)]),
      )
    : undefined;
const clean = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** What the document says, in a form that ignores what YAML and the API may spell differently. */
export function normalize(workflow: Workflow, catalogs: CatalogFiles) {
  return clean({
    name: workflow.name,
    profiles: profiles(workflow.profiles),
    metadata: texts(workflow.metadata),
    hooks: workflow.hooks?.shell.map((h) => [h.on, h.cmd]),
    edges: dependencyList(workflow)
      .flatMap((d) => d.children.map((c) => `${d.id}>${c}`))
      .sort(),
    jobs: workflow.jobs.map((job) => ({
      type: job.type,
      id: job.id,
      what: isSubWorkflow(job) ? job.file : [job.namespace, job.name, job.version],
      nodeLabel: job.nodeLabel,
      arguments: job.arguments.map((a) => scalarText(a)),
      stdio: [job.stdin, job.stdout, job.stderr],
      uses: [...job.uses]
        .sort((a, b) => (a.lfn < b.lfn ? -1 : a.lfn > b.lfn ? 1 : 0))
        .map((u) => ({
          lfn: u.lfn,
          type: u.type,
          stageOut: u.type === 'input' ? undefined : (u.stageOut ?? true),
          registerReplica: u.type === 'input' ? undefined : (u.registerReplica ?? true),
          bypass: u.bypass === true,
          size: u.size,
          // The API marks a sub-workflow's own file forPlanning; the examples from a Workflow object do not.
          forPlanning: isSubWorkflow(job) && u.lfn === job.file ? undefined : u.forPlanning === true,
          metadata: texts(u.metadata),
        })),
      profiles: profiles(job.profiles),
      metadata: texts(job.metadata),
      hooks: job.hooks?.shell.map((h) => [h.on, h.cmd]),
    })),
    catalogs: [
      ['embedded', workflow.siteCatalog, workflow.replicaCatalog, workflow.transformationCatalog],
      ['files', catalogs.sites, catalogs.replicas, catalogs.transformations],
    ].map(([where, sc, rc, tc]) => ({
      where,
      sites: (sc as Workflow['siteCatalog'])?.sites.map((s) => ({
        ...s,
        extra: undefined,
        profiles: profiles(s.profiles),
        directories: s.directories?.map((d) => ({
          ...d,
          fileServers: d.fileServers.map((f) => ({
            ...f,
            operation: f.operation ?? 'all',
            profiles: profiles(f.profiles),
          })),
        })),
      })),
      replicas: (rc as Workflow['replicaCatalog'])?.replicas.map((r) => ({
        ...r,
        metadata: texts(r.metadata),
        pfns: [...r.pfns].sort((a, b) => a.pfn.localeCompare(b.pfn)),
      })),
      transformations: (tc as Workflow['transformationCatalog'])?.transformations.map((t) => ({
        ...t,
        profiles: profiles(t.profiles),
        metadata: texts(t.metadata),
        sites: t.sites.map((s) => ({ ...s, profiles: profiles(s.profiles), metadata: texts(s.metadata) })),
      })),
      containers: (tc as Workflow['transformationCatalog'])?.containers?.map((c) => ({
        ...c,
        profiles: profiles(c.profiles),
      })),
    })),
  });
}
