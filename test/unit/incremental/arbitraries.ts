import fc from 'fast-check';
import type { CatalogFiles, FileUse, Job, Profiles, Workflow } from '../../../src/shared/model';

/** Few names, so that random workflows repeat ids, share files and form cycles often. */
export const IDS = ['a', 'b', 'c', 'd', 'e', 'bad id', ''];
export const LFNS = ['f1', 'f2', 'f3', 'f4', 'f5', 'sub.yml'];
const TRANSFORMATIONS = ['t1', 't2', 'tx'];

const use: fc.Arbitrary<FileUse> = fc
  .record({
    lfn: fc.constantFrom(...LFNS),
    type: fc.constantFrom<FileUse['type']>('input', 'input', 'output', 'output', 'checkpoint', 'inout', 'none'),
    optional: fc.option(fc.boolean(), { nil: undefined }),
    namespace: fc.option(fc.constant('ns'), { nil: undefined, freq: 8 }),
  })
  .map((u) => {
    const result: FileUse = { lfn: u.lfn, type: u.type };
    if (u.optional !== undefined) result.optional = u.optional;
    if (u.namespace !== undefined) result.namespace = u.namespace;
    return result;
  });

const profiles: fc.Arbitrary<Profiles | undefined> = fc.option(
  fc.oneof(
    fc.constant<Profiles>({ stat: { x: 1 } } as unknown as Profiles),
    fc
      .constantFrom('local', 'nowhere', 'condorpool', 'site1')
      .map((site) => ({ selector: { 'execution.site': site } }) as Profiles),
  ),
  { nil: undefined, freq: 3 },
);

const stream = fc.option(fc.constantFrom(...LFNS), { nil: undefined, freq: 4 });

export const job: fc.Arbitrary<Job> = fc
  .record({
    id: fc.constantFrom(...IDS),
    kind: fc.constantFrom('job', 'job', 'job', 'pegasusWorkflow'),
    name: fc.constantFrom(...TRANSFORMATIONS),
    uses: fc.array(use, { maxLength: 4 }),
    stdin: stream,
    stdout: stream,
    stderr: stream,
    profiles,
    file: fc.constantFrom(...LFNS),
  })
  .map((r) => {
    const base = { id: r.id, arguments: [] as Job['arguments'] };
    const result: Job =
      r.kind === 'job'
        ? { ...base, type: 'job', name: r.name, uses: [...r.uses] }
        : { ...base, type: 'pegasusWorkflow', file: r.file, uses: [...r.uses] };
    if (r.stdin !== undefined) result.stdin = r.stdin;
    if (r.stdout !== undefined) result.stdout = r.stdout;
    if (r.stderr !== undefined) result.stderr = r.stderr;
    if (r.profiles !== undefined) result.profiles = r.profiles;
    return result;
  });

export const replicaCatalog = fc.option(
  fc
    .array(
      fc.oneof(
        fc.constantFrom(...LFNS).map((lfn) => ({ lfn, pfns: [{ site: 'local', pfn: `/data/${lfn}` }] })),
        fc
          .constantFrom('f[12]', '(', 'f5')
          .map((lfn) => ({ lfn, pfns: [{ site: 'local', pfn: '/data/x' }], regex: true })),
      ),
      { maxLength: 3 },
    )
    .map((replicas) => ({ replicas })),
  { nil: undefined },
);

export const workflow: fc.Arbitrary<Workflow> = fc
  .record({
    name: fc.constantFrom('wf', 'wf', 'bad name'),
    jobs: fc.array(job, { maxLength: 9 }),
    dependencies: fc.array(
      fc.record({
        id: fc.constantFrom(...IDS, 'ghost'),
        children: fc.array(fc.constantFrom(...IDS, 'ghost'), { maxLength: 3 }),
      }),
      { maxLength: 4 },
    ),
    replicaCatalog,
    tc: fc.constantFrom('none', 'embedded'),
    sites: fc.boolean(),
    profiles: fc.option(fc.constant({ stat: { y: 2 } } as unknown as Profiles), { nil: undefined, freq: 6 }),
  })
  .map((r) => {
    const w: Workflow = { pegasus: '5.0.4', name: r.name, jobs: r.jobs, dependencies: r.dependencies };
    if (r.replicaCatalog) w.replicaCatalog = r.replicaCatalog;
    if (r.tc === 'embedded') {
      w.transformationCatalog = {
        transformations: [
          { name: 't1', sites: [{ name: 'site1', pfn: '/bin/t1', type: 'installed', container: 'c1' }] },
          { name: 't2', sites: [], requires: ['t1', 'nope'] },
        ],
      };
    }
    if (r.sites) w.siteCatalog = { sites: [{ name: 'site1' }] };
    if (r.profiles) w.profiles = r.profiles;
    return w;
  });

/** Catalog files beside the workflow: none, or a transformation catalog file. */
export const catalogs: fc.Arbitrary<CatalogFiles> = fc.constantFrom<CatalogFiles>(
  {},
  {},
  { transformations: { transformations: [{ name: 'tx', sites: [] }] } },
);
