import type {
  Container,
  ReplicaCatalog,
  SiteCatalog,
  Transformation,
  TransformationCatalog,
  TransformationSite,
} from '../../model/catalogs';
import type { NameAllocator } from './names';
import { applyCalls, hookCalls, metadataCall, profileCalls } from './profiles';
import { pyDict, pyScalar, pyString } from './python-literal';

const ARCH: Record<string, string> = {
  x86: 'X86',
  x86_64: 'X86_64',
  ppc: 'PPC',
  ppc_64: 'PPC_64',
  ppc64le: 'PPC64LE',
  ia64: 'IA64',
  sparcv7: 'SPARCV7',
  sparcv9: 'SPARCV9',
  amd64: 'AMD64',
  aarch64: 'AARCH64',
};
const OS_TYPE: Record<string, string> = {
  linux: 'LINUX',
  sunos: 'SUNOS',
  aix: 'AIX',
  macosx: 'MACOSX',
  windows: 'WINDOWS',
};
const DIRECTORY: Record<string, string> = {
  sharedScratch: 'SHARED_SCRATCH',
  sharedStorage: 'SHARED_STORAGE',
  localScratch: 'LOCAL_SCRATCH',
  localStorage: 'LOCAL_STORAGE',
};
const GRID: Record<string, string> = {
  gt5: 'GT5',
  condor: 'CONDOR',
  cream: 'CREAM',
  batch: 'BATCH',
  nordugrid: 'NORDUGRID',
  unicore: 'UNICORE',
  ec2: 'EC2',
  deltacloud: 'DELTACLOUD',
};
const SCHEDULER: Record<string, string> = {
  fork: 'FORK',
  pbs: 'PBS',
  lsf: 'LSF',
  condor: 'CONDOR',
  sge: 'SGE',
  slurm: 'SLURM',
  unknown: 'UNKNOWN',
};
const JOB_TYPES: Record<string, string> = {
  compute: 'COMPUTE',
  auxillary: 'AUXILLARY',
  transfer: 'TRANSFER',
  register: 'REGISTER',
  cleanup: 'CLEANUP',
};

/** Generated code plus what the Python API cannot express (written as comments). */
export interface Section {
  lines: string[];
  notes: string[];
}

/** `arch=Arch.X86_64, os_type=OS.LINUX, os_release=…` for what is set and known to the API. */
function platformArgs(
  thing: { arch?: string; osType?: string; osRelease?: string; osVersion?: string },
  notes: string[],
  what: string,
): string[] {
  const args: string[] = [];
  if (thing.arch !== undefined) {
    if (ARCH[thing.arch]) args.push(`arch=Arch.${ARCH[thing.arch]}`);
    else notes.push(`${what}: arch '${thing.arch}' (not an Arch of the Python API)`);
  }
  if (thing.osType !== undefined) {
    if (OS_TYPE[thing.osType]) args.push(`os_type=OS.${OS_TYPE[thing.osType]}`);
    else notes.push(`${what}: os.type '${thing.osType}' (not an OS of the Python API)`);
  }
  if (thing.osRelease !== undefined) args.push(`os_release=${pyString(thing.osRelease)}`);
  if (thing.osVersion !== undefined) args.push(`os_version=${pyString(thing.osVersion)}`);
  return args;
}

/** Notes keys the API cannot write; `x-pegasus` is left out because the API writes its own. */
function extraNote(extra: object | undefined, what: string, notes: string[]): void {
  const keys = Object.keys(extra ?? {}).filter((key) => key !== 'x-pegasus');
  if (keys.length > 0) notes.push(`${what}: keys ${keys.join(', ')}`);
}

/** `sc = SiteCatalog()` with one `Site` per entry. */
export function siteCatalogCode(catalog: SiteCatalog, variable: string, names: NameAllocator): Section {
  const lines: string[] = [`${variable} = SiteCatalog()`];
  const notes: string[] = [];
  const siteVars: string[] = [];
  for (const site of catalog.sites) {
    const v = names.allocate(`site_${site.name}`, 'site');
    siteVars.push(v);
    const what = `site '${site.name}'`;
    extraNote(site.extra, what, notes);
    lines.push(`${v} = Site(${[pyString(site.name), ...platformArgs(site, notes, what)].join(', ')})`);
    const directories: string[] = [];
    for (const dir of site.directories ?? []) {
      extraNote(dir.extra, `${what} directory`, notes);
      if (dir.freeSize !== undefined || dir.totalSize !== undefined)
        notes.push(`${what}: freeSize/totalSize of a directory`);
      // Directory() insists on an absolute path; ${VAR} paths and missing paths cannot be expressed.
      if (dir.path === undefined || !dir.path.startsWith('/')) {
        notes.push(`${what}: ${dir.type} directory with path '${dir.path ?? ''}' (Directory() needs an absolute path)`);
        continue;
      }
      const args = [`Directory.${DIRECTORY[dir.type]}`, pyString(dir.path)];
      if (dir.sharedFileSystem !== undefined)
        args.push(`shared_file_system=${dir.sharedFileSystem ? 'True' : 'False'}`);
      const servers = dir.fileServers.map((server) => {
        extraNote(server.extra, `${what} file server`, notes);
        const calls = profileCalls(server.profiles, notes)
          .map((call) => `.${call}`)
          .join('');
        return `FileServer(${pyString(server.url)}, Operation.${(server.operation ?? 'all').toUpperCase()})${calls}`;
      });
      directories.push(
        servers.length === 0
          ? `    Directory(${args.join(', ')}),`
          : `    Directory(${args.join(', ')}).add_file_servers(\n        ${servers.join(',\n        ')}\n    ),`,
      );
    }
    if (directories.length > 0) lines.push(`${v}.add_directories(`, ...directories, ')');
    const grids: string[] = [];
    for (const grid of site.grids ?? []) {
      extraNote(grid.extra, `${what} grid`, notes);
      const ignored = (
        [
          'freeMem',
          'totalMem',
          'maxCount',
          'maxCPUTime',
          'runningJobs',
          'jobsInQueue',
          'idleNodes',
          'totalNodes',
        ] as const
      ).filter((k) => grid[k] !== undefined);
      if (ignored.length > 0) notes.push(`${what}: grid ${ignored.join(', ')}`);
      if (!GRID[grid.type] || !SCHEDULER[grid.scheduler] || (grid.jobtype !== undefined && !JOB_TYPES[grid.jobtype])) {
        notes.push(
          `${what}: grid type '${grid.type}', scheduler '${grid.scheduler}'${grid.jobtype ? `, jobtype '${grid.jobtype}'` : ''} (not all are known to the Python API)`,
        );
        continue;
      }
      const args = [`Grid.${GRID[grid.type]}`, pyString(grid.contact), `Scheduler.${SCHEDULER[grid.scheduler]}`];
      if (grid.jobtype !== undefined) args.push(`job_type=SupportedJobs.${JOB_TYPES[grid.jobtype]}`);
      grids.push(`    Grid(${args.join(', ')}),`);
    }
    if (grids.length > 0) lines.push(`${v}.add_grids(`, ...grids, ')');
    lines.push(...applyCalls(v, profileCalls(site.profiles, notes)));
  }
  if (siteVars.length > 0) lines.push(`${variable}.add_sites(${siteVars.join(', ')})`);
  extraNote(catalog.extra, 'site catalog', notes);
  return { lines, notes };
}

/**
 * `rc = ReplicaCatalog()` with one `add_replica` per PFN. LFNs are given as text and
 * metadata and checksum only on an LFN's first call, with fresh dict literals: the API's
 * default arguments are shared mutable dicts, and a File argument would merge its metadata.
 */
export function replicaCatalogCode(catalog: ReplicaCatalog, variable: string): Section {
  const lines: string[] = [`${variable} = ReplicaCatalog()`];
  const notes: string[] = [];
  for (const replica of catalog.replicas) {
    extraNote(replica.extra, `replica '${replica.lfn}'`, notes);
    const metadata =
      replica.metadata && Object.keys(replica.metadata).length > 0
        ? pyDict(Object.entries(replica.metadata).map(([k, v]) => [k, pyScalar(v)]))
        : undefined;
    if (replica.regex) {
      if (replica.checksum) notes.push(`regex replica '${replica.lfn}': checksum`);
      if (replica.pfns.length !== 1)
        notes.push(`regex replica '${replica.lfn}': ${replica.pfns.length} PFNs (the API takes exactly one)`);
      const pfn = replica.pfns[0];
      if (!pfn) continue;
      lines.push(
        `${variable}.add_regex_replica(${[pyString(pfn.site), pyString(replica.lfn), pyString(pfn.pfn), ...(metadata ? [`metadata=${metadata}`] : [])].join(', ')})`,
      );
      continue;
    }
    const checksum =
      replica.checksum?.sha256 !== undefined ? pyDict([['sha256', pyString(replica.checksum.sha256)]]) : undefined;
    if (replica.pfns.length === 0) notes.push(`replica '${replica.lfn}' without PFNs`);
    replica.pfns.forEach((pfn, i) => {
      extraNote(pfn.extra, `replica '${replica.lfn}' PFN`, notes);
      const args = [pyString(pfn.site), pyString(replica.lfn), pyString(pfn.pfn)];
      if (i === 0 && checksum) args.push(`checksum=${checksum}`);
      if (i === 0 && metadata) args.push(`metadata=${metadata}`);
      lines.push(`${variable}.add_replica(${args.join(', ')})`);
    });
  }
  extraNote(catalog.extra, 'replica catalog', notes);
  return { lines, notes };
}

function siteArgs(site: TransformationSite, notes: string[], what: string): string[] {
  const args: string[] = [`is_stageable=${site.type === 'stageable' ? 'True' : 'False'}`];
  if (site.bypass) {
    if (site.type === 'stageable') args.push('bypass_staging=True');
    else notes.push(`${what}: bypass on an installed executable (the API allows it only when stageable)`);
  }
  args.push(...platformArgs(site, notes, what));
  if (site.container !== undefined) args.push(`container=${pyString(site.container)}`);
  return args;
}

function containerCode(container: Container, variable: string, notes: string[]): string[] {
  const what = `container '${container.name}'`;
  extraNote(container.extra, what, notes);
  if (container.metadata) notes.push(`${what}: metadata (the API does not support it yet)`);
  const args = [
    pyString(container.name),
    `Container.${container.type.toUpperCase()}`,
    `image=${pyString(container.image)}`,
  ];
  if (container.mounts) args.push(`mounts=[${container.mounts.map(pyString).join(', ')}]`);
  if (container.imageSite !== undefined) args.push(`image_site=${pyString(container.imageSite)}`);
  if (container.checksum?.sha256 !== undefined)
    args.push(`checksum=${pyDict([['sha256', pyString(container.checksum.sha256)]])}`);
  if (container.bypass) args.push('bypass_staging=True');
  return [
    `${variable} = Container(${args.join(', ')})`,
    ...applyCalls(variable, profileCalls(container.profiles, notes)),
  ];
}

/** Variables for each transformation, by `ns::name:version` key, so that jobs can use them. */
export type TransformationVariables = Map<string, string>;

/** `tc = TransformationCatalog()` with containers and transformations. */
export function transformationCatalogCode(
  catalog: TransformationCatalog,
  variable: string,
  names: NameAllocator,
  out: TransformationVariables,
): Section {
  const lines: string[] = [`${variable} = TransformationCatalog()`];
  const notes: string[] = [];
  const containerVars: string[] = [];
  for (const container of catalog.containers ?? []) {
    const v = names.allocate(container.name, 'container');
    containerVars.push(v);
    lines.push(...containerCode(container, v, notes));
  }
  if (containerVars.length > 0) lines.push(`${variable}.add_containers(${containerVars.join(', ')})`);

  const vars: string[] = [];
  for (const t of catalog.transformations) lines.push(...transformationCode(t, names, notes, out, vars));
  if (vars.length > 0) lines.push(`${variable}.add_transformations(${vars.join(', ')})`);
  extraNote(catalog.extra, 'transformation catalog', notes);
  return { lines, notes };
}

function transformationCode(
  t: Transformation,
  names: NameAllocator,
  notes: string[],
  out: TransformationVariables,
  vars: string[],
): string[] {
  const key = `${t.namespace ? `${t.namespace}::` : ''}${t.name}${t.version ? `:${t.version}` : ''}`;
  const what = `transformation '${key}'`;
  extraNote(t.extra, what, notes);
  const v = names.allocate(t.name, 'tr');
  vars.push(v);
  out.set(key, v);
  const head = [pyString(t.name)];
  if (t.namespace !== undefined) head.push(`namespace=${pyString(t.namespace)}`);
  if (t.version !== undefined) head.push(`version=${pyString(t.version)}`);
  if (t.checksum?.sha256 !== undefined) head.push(`checksum=${pyDict([['sha256', pyString(t.checksum.sha256)]])}`);
  const lines: string[] = [];
  const only = t.sites.length === 1 ? t.sites[0]! : undefined;
  // One plain site: the compact constructor form; otherwise TransformationSite objects.
  if (only && !only.profiles && !only.metadata && !only.extra) {
    lines.push(
      `${v} = Transformation(`,
      ...[
        ...head,
        `site=${pyString(only.name)}`,
        `pfn=${pyString(only.pfn)}`,
        ...siteArgs(only, notes, `${what} on '${only.name}'`),
      ].map((a) => `    ${a},`),
      ')',
    );
  } else {
    lines.push(`${v} = Transformation(${head.join(', ')})`);
    for (const site of t.sites) {
      const where = `${what} on '${site.name}'`;
      extraNote(site.extra, where, notes);
      const calls = [...profileCalls(site.profiles, notes), ...metadataCall(site.metadata)]
        .map((c) => `.${c}`)
        .join('');
      lines.push(
        `${v}.add_sites(TransformationSite(${[pyString(site.name), pyString(site.pfn), ...siteArgs(site, notes, where)].join(', ')})${calls})`,
      );
    }
  }
  for (const required of t.requires ?? []) {
    const sep = required.indexOf('::');
    const ns = sep === -1 ? undefined : required.slice(0, sep);
    const rest = sep === -1 ? required : required.slice(sep + 2);
    const colon = rest.indexOf(':');
    const name = colon === -1 ? rest : rest.slice(0, colon);
    const version = colon === -1 ? undefined : rest.slice(colon + 1);
    const args = [
      pyString(name),
      ...(ns ? [`namespace=${pyString(ns)}`] : []),
      ...(version ? [`version=${pyString(version)}`] : []),
    ];
    lines.push(`${v}.add_requirement(${args.join(', ')})`);
  }
  lines.push(
    ...applyCalls(v, [...profileCalls(t.profiles, notes), ...hookCalls(t.hooks, notes), ...metadataCall(t.metadata)]),
  );
  return lines;
}
