import type {
  Container,
  ContainerType,
  Directory,
  DirectoryType,
  FileServer,
  FileServerOperation,
  Grid,
  Replica,
  ReplicaCatalog,
  ReplicaPfn,
  Site,
  SiteCatalog,
  Transformation,
  TransformationCatalog,
  TransformationSite,
  TransformationSiteType,
} from '../../model/catalogs';
import { READ_CODES } from './codes';
import { checksumField, hooksField, metadataField, profilesField, readList, stringField } from './read-common';
import { expectMap, readBoolean, readEnum, readFields, readNumber, readString, readVersion, type FieldReader, type ReadContext } from './read-context';
import { hasKey, type TreeMap, type TreeValue } from './tree';

const ARCHES = ['x86', 'x86_64', 'ppc', 'ppc_64', 'ppc64le', 'ia64', 'sparcv7', 'sparcv9', 'amd64', 'aarch64'] as const;
const OS_TYPES = ['linux', 'sunos', 'macosx', 'aix', 'windows'] as const;

function enumField<T>(allowed: readonly string[], what: string, set: (out: T, value: string) => void): FieldReader<T> {
  return (ctx, value, out) => {
    const text = readEnum(ctx, value, allowed, what);
    if (text === undefined) return false;
    set(out, text);
    return true;
  };
}

function booleanField<T>(what: string, set: (out: T, value: boolean) => void): FieldReader<T> {
  return (ctx, value, out) => {
    const flag = readBoolean(ctx, value, what);
    if (flag === undefined) return false;
    set(out, flag);
    return true;
  };
}

function numberField<T>(what: string, set: (out: T, value: number) => void): FieldReader<T> {
  return (ctx, value, out) => {
    const n = readNumber(ctx, value, what);
    if (n === undefined) return false;
    set(out, n);
    return true;
  };
}

function versionField<T>(what: string, set: (out: T, value: string) => void): FieldReader<T> {
  return (ctx, value, out) => {
    const text = readVersion(ctx, value, what);
    if (text === undefined) return false;
    set(out, text);
    return true;
  };
}

/**
 * The `pegasus:` key of a catalog. Kept for a standalone file; inside a workflow it is
 * checked and dropped (the model leaves it out and the writer puts `"5.0"` in an embedded
 * site catalog), so that reading a written file gives the same document.
 */
function pegasusField<T extends { pegasus?: string }>(standalone: boolean): FieldReader<T> {
  return versionField('pegasus', (out, v) => {
    if (standalone) out.pegasus = v;
  });
}

function mapItem<T>(what: string, read: (ctx: ReadContext, map: TreeMap) => T) {
  return (ctx: ReadContext, value: TreeValue): T | undefined => {
    const map = expectMap(ctx, value, what);
    return map ? read(ctx, map) : undefined;
  };
}

function listField<T, I>(what: string, item: (ctx: ReadContext, value: TreeValue) => I | undefined, set: (out: T, items: I[]) => void, nonEmpty = false): FieldReader<T> {
  return (ctx, value, out) => {
    const items = readList(ctx, value, what, item);
    if (!items) return false;
    if (nonEmpty && Array.isArray(value) && value.length === 0) {
      ctx.report(READ_CODES.emptyList, 'warning', `${what} is empty; the schema asks for at least one`);
    }
    set(out, items);
    return true;
  };
}

// ---------------------------------------------------------------- replica catalog

const PFN_FIELDS: Record<string, FieldReader<ReplicaPfn>> = {
  site: stringField((o, v) => (o.site = v), 'pfns[].site'),
  pfn: stringField((o, v) => (o.pfn = v), 'pfns[].pfn'),
};

const REPLICA_FIELDS: Record<string, FieldReader<Replica>> = {
  lfn: stringField((o, v) => (o.lfn = v), 'the replica lfn'),
  pfns: listField('pfns', mapItem('a pfn', (c, m) => readFields<ReplicaPfn>(c, m, { site: '', pfn: '' }, PFN_FIELDS, ['site', 'pfn'], 'a pfn')), (o, v) => (o.pfns = v)),
  regex: booleanField('regex', (o, v) => (o.regex = v)),
  checksum: checksumField(),
  metadata: metadataField(),
};

const readReplica = mapItem('a replica', (ctx, map) => readFields<Replica>(ctx, map, { lfn: '', pfns: [] }, REPLICA_FIELDS, ['lfn', 'pfns'], 'a replica'));

/** The body of a replica catalog (standalone or embedded). */
export function readReplicaCatalogMap(ctx: ReadContext, map: TreeMap, standalone: boolean): ReplicaCatalog {
  return readFields<ReplicaCatalog>(
    ctx,
    map,
    { replicas: [] },
    {
      pegasus: pegasusField(standalone),
      replicas: listField('replicas', readReplica, (o, v) => (o.replicas = v)),
    },
    ['replicas'],
    'the replica catalog',
  );
}

// ---------------------------------------------------------------- transformation catalog

const SITE_TYPES: readonly TransformationSiteType[] = ['installed', 'stageable'];

const TX_SITE_FIELDS: Record<string, FieldReader<TransformationSite>> = {
  name: stringField((o, v) => (o.name = v), 'the site name'),
  pfn: stringField((o, v) => (o.pfn = v), 'pfn'),
  type: enumField(SITE_TYPES, 'the site type', (o, v) => (o.type = v as TransformationSiteType)),
  arch: enumField(ARCHES, 'arch', (o, v) => (o.arch = v)),
  'os.type': enumField(OS_TYPES, 'os.type', (o, v) => (o.osType = v)),
  'os.release': stringField((o, v) => (o.osRelease = v), 'os.release'),
  'os.version': versionField('os.version', (o, v) => (o.osVersion = v)),
  bypass: booleanField('bypass', (o, v) => (o.bypass = v)),
  container: stringField((o, v) => (o.container = v), 'container'),
  profiles: profilesField(),
  metadata: metadataField(),
};

const TRANSFORMATION_FIELDS: Record<string, FieldReader<Transformation>> = {
  namespace: stringField((o, v) => (o.namespace = v), 'namespace'),
  name: stringField((o, v) => (o.name = v), 'the transformation name'),
  version: stringField((o, v) => (o.version = v), 'version'),
  requires: (ctx, value, out) => {
    const items = readList(ctx, value, 'requires', (c, v) => readString(c, v, 'a requirement'));
    if (!items) return false;
    out.requires = items;
    return true;
  },
  sites: listField(
    'sites',
    mapItem('a transformation site', (c, m) => readFields<TransformationSite>(c, m, { name: '', pfn: '', type: 'installed' }, TX_SITE_FIELDS, ['name', 'type', 'pfn'], 'a transformation site')),
    (o, v) => (o.sites = v),
    true,
  ),
  profiles: profilesField(),
  hooks: hooksField(),
  metadata: metadataField(),
  checksum: checksumField(),
};

const CONTAINER_TYPES: readonly ContainerType[] = ['docker', 'singularity', 'shifter'];

const CONTAINER_FIELDS: Record<string, FieldReader<Container>> = {
  name: stringField((o, v) => (o.name = v), 'the container name'),
  type: enumField(CONTAINER_TYPES, 'the container type', (o, v) => (o.type = v as ContainerType)),
  image: stringField((o, v) => (o.image = v), 'image'),
  'image.site': stringField((o, v) => (o.imageSite = v), 'image.site'),
  mounts: (ctx, value, out) => {
    const items = readList(ctx, value, 'mounts', (c, v) => readString(c, v, 'a mount'));
    if (!items) return false;
    out.mounts = items;
    return true;
  },
  bypass: booleanField('bypass', (o, v) => (o.bypass = v)),
  checksum: checksumField(),
  metadata: metadataField(),
  profiles: profilesField(),
};

/** The body of a transformation catalog (standalone or embedded). */
export function readTransformationCatalogMap(ctx: ReadContext, map: TreeMap, standalone: boolean): TransformationCatalog {
  return readFields<TransformationCatalog>(
    ctx,
    map,
    { transformations: [] },
    {
      pegasus: pegasusField(standalone),
      transformations: listField(
        'transformations',
        mapItem('a transformation', (c, m) => readFields<Transformation>(c, m, { name: '', sites: [] }, TRANSFORMATION_FIELDS, ['name', 'sites'], 'a transformation')),
        (o, v) => (o.transformations = v),
        true,
      ),
      containers: listField(
        'containers',
        mapItem('a container', (c, m) => readFields<Container>(c, m, { name: '', type: 'singularity', image: '' }, CONTAINER_FIELDS, ['name', 'type', 'image'], 'a container')),
        (o, v) => (o.containers = v),
      ),
    },
    ['transformations'],
    'the transformation catalog',
  );
}

// ---------------------------------------------------------------- site catalog

const OPERATIONS: readonly FileServerOperation[] = ['all', 'put', 'get'];
const DIRECTORY_TYPES: readonly DirectoryType[] = ['sharedScratch', 'sharedStorage', 'localScratch', 'localStorage'];
const GRID_TYPES = ['gt5', 'condor', 'cream', 'batch', 'nordugrid', 'unicore', 'ec2', 'deltacloud', 'sfapi'] as const;
const SCHEDULERS = ['fork', 'pbs', 'lsf', 'condor', 'sge', 'slurm', 'flux', 'unknown'] as const;
const JOB_TYPES = ['compute', 'auxillary', 'transfer', 'register', 'cleanup'] as const;

const FILE_SERVER_FIELDS: Record<string, FieldReader<FileServer>> = {
  url: stringField((o, v) => (o.url = v), 'url'),
  operation: enumField(OPERATIONS, 'operation', (o, v) => (o.operation = v as FileServerOperation)),
  profiles: profilesField(),
};

const DIRECTORY_FIELDS: Record<string, FieldReader<Directory>> = {
  type: enumField(DIRECTORY_TYPES, 'the directory type', (o, v) => (o.type = v as DirectoryType)),
  path: stringField((o, v) => (o.path = v), 'path'),
  sharedFileSystem: booleanField('sharedFileSystem', (o, v) => (o.sharedFileSystem = v)),
  freeSize: stringField((o, v) => (o.freeSize = v), 'freeSize'),
  totalSize: stringField((o, v) => (o.totalSize = v), 'totalSize'),
  fileServers: listField(
    'fileServers',
    mapItem('a file server', (c, m) => readFields<FileServer>(c, m, { url: '' }, FILE_SERVER_FIELDS, ['url'], 'a file server')),
    (o, v) => (o.fileServers = v),
    true,
  ),
};

const GRID_FIELDS: Record<string, FieldReader<Grid>> = {
  type: enumField(GRID_TYPES, 'the grid type', (o, v) => (o.type = v)),
  contact: stringField((o, v) => (o.contact = v), 'contact'),
  scheduler: enumField(SCHEDULERS, 'scheduler', (o, v) => (o.scheduler = v)),
  jobtype: enumField(JOB_TYPES, 'jobtype', (o, v) => (o.jobtype = v)),
  freeMem: stringField((o, v) => (o.freeMem = v), 'freeMem'),
  totalMem: stringField((o, v) => (o.totalMem = v), 'totalMem'),
  maxCount: stringField((o, v) => (o.maxCount = v), 'maxCount'),
  maxCPUTime: stringField((o, v) => (o.maxCPUTime = v), 'maxCPUTime'),
  runningJobs: numberField('runningJobs', (o, v) => (o.runningJobs = v)),
  jobsInQueue: numberField('jobsInQueue', (o, v) => (o.jobsInQueue = v)),
  idleNodes: numberField('idleNodes', (o, v) => (o.idleNodes = v)),
  totalNodes: numberField('totalNodes', (o, v) => (o.totalNodes = v)),
};

const SITE_FIELDS: Record<string, FieldReader<Site>> = {
  name: stringField((o, v) => (o.name = v), 'the site name'),
  arch: enumField(ARCHES, 'arch', (o, v) => (o.arch = v)),
  'os.type': enumField(OS_TYPES, 'os.type', (o, v) => (o.osType = v)),
  'os.release': stringField((o, v) => (o.osRelease = v), 'os.release'),
  'os.version': versionField('os.version', (o, v) => (o.osVersion = v)),
  directories: listField(
    'directories',
    mapItem('a directory', (c, m) => readFields<Directory>(c, m, { type: 'sharedScratch', fileServers: [] }, DIRECTORY_FIELDS, ['type', 'fileServers'], 'a directory')),
    (o, v) => (o.directories = v),
  ),
  grids: listField(
    'grids',
    mapItem('a grid', (c, m) => readFields<Grid>(c, m, { type: '', contact: '', scheduler: '' }, GRID_FIELDS, ['type', 'contact', 'scheduler'], 'a grid')),
    (o, v) => (o.grids = v),
  ),
  profiles: profilesField(),
};

/**
 * The body of a site catalog. Embedded in a workflow, `pegasus:` is optional (the API
 * leaves it out although the schema wants it; the writer adds it back).
 */
export function readSiteCatalogMap(ctx: ReadContext, map: TreeMap, standalone: boolean): SiteCatalog {
  const fields: Record<string, FieldReader<SiteCatalog>> = {
    pegasus: pegasusField(standalone),
    sites: listField(
      'sites',
      mapItem('a site', (c, m) => readFields<Site>(c, m, { name: '' }, SITE_FIELDS, ['name'], 'a site')),
      (o, v) => (o.sites = v),
      true,
    ),
  };
  // The schema's other form of an embedded site catalog, {$ref: iri}: kept in extra, no sites.
  if (!standalone) fields.$ref = () => false;
  return readFields<SiteCatalog>(ctx, map, { sites: [] }, fields, standalone || !hasKey(map, '$ref') ? ['sites'] : [], 'the site catalog');
}
