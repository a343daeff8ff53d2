import type {
  Checksum,
  Container,
  Directory,
  FileServer,
  Grid,
  Replica,
  ReplicaCatalog,
  ReplicaPfn,
  Site,
  SiteCatalog,
  Transformation,
  TransformationCatalog,
  TransformationSite,
} from '../../model/catalogs';
import type { FileUse, Job } from '../../model/job';
import { PROFILE_NAMESPACES, type Hooks, type Metadata, type Profiles, type ShellHook } from '../../model/profiles';
import { isNumberLiteral, type Extras } from '../../model/scalar';
import type { Dependency } from '../../model/workflow';
import type { Emitter, EmitScalar } from './emitter';

/*
 * Model → emitter events, in the key order of the Pegasus Python API (as seen in the files
 * it writes), except that a job's `stdin:` comes after `uses:` (pegasus-plan's job reader
 * falls through from `uses` into `stdin` and would otherwise blank it). Keys the model does
 * not know (`extra`) come last in their object, in the order they were read; at the top of a
 * workflow or catalog file they come first, where the API puts `x-pegasus`.
 */

/** Keys of an `extra` already written in place of a known key; rare, so kept aside, not per object. */
const consumedKeys = new WeakMap<Extras, Set<string>>();

/**
 * Writes `extra[key]` in place of a known key when the reader kept the value there (it had
 * the wrong type), so that the key is neither lost nor written twice. True when it did.
 */
function fromExtra(e: Emitter, key: string): boolean {
  const extra = e.scopeExtra;
  if (extra === undefined || !Object.hasOwn(extra, key)) return false;
  e.key(key, true);
  writeAny(e, extra[key]);
  let consumed = consumedKeys.get(extra);
  if (!consumed) {
    consumed = new Set();
    consumedKeys.set(extra, consumed);
  }
  consumed.add(key);
  return true;
}

/** Starts writing an object whose unknown keys are `extra`; returns what `leave` restores. */
function enter(e: Emitter, extra: Extras | undefined): Extras | undefined {
  const saved = e.scopeExtra;
  e.scopeExtra = extra;
  return saved;
}

function leave(e: Emitter, saved: Extras | undefined): void {
  e.scopeExtra = saved;
}

/** An optional scalar key: written unless undefined (or already written from `extra`). */
function scalarKey(e: Emitter, key: string, value: EmitScalar | undefined): void {
  if (fromExtra(e, key) || value === undefined) return;
  e.key(key, true);
  e.scalar(value);
}

// Typed names for the call sites, one function underneath.
const str: (e: Emitter, key: string, value: string | undefined) => void = scalarKey;
const bool: (e: Emitter, key: string, value: boolean | undefined) => void = scalarKey;
const num: (e: Emitter, key: string, value: number | undefined) => void = scalarKey;

/** Any value kept in `extra`: plain objects, arrays, scalars, number literals. */
export function writeAny(e: Emitter, value: unknown): void {
  if (value === null || value === undefined) e.scalar(null);
  else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') e.scalar(value);
  else if (isNumberLiteral(value)) e.scalar(value);
  else if (Array.isArray(value)) {
    if (value.length === 0) e.emptySeq();
    else {
      e.seqStart();
      for (const item of value) writeAny(e, item);
      e.seqEnd();
    }
  } else if (value instanceof Map) {
    if (value.size === 0) e.emptyMap();
    else {
      e.mapStart();
      for (const [k, v] of value) {
        e.key(String(k));
        writeAny(e, v);
      }
      e.mapEnd();
    }
  } else if (typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0) e.emptyMap();
    else {
      e.mapStart();
      for (const k of keys) {
        e.key(k);
        writeAny(e, (value as Record<string, unknown>)[k]);
      }
      e.mapEnd();
    }
  } else e.scalar(String(value));
}

/** The unknown keys of the current object (those not already written in place), or of `extra` skipping `known`. */
export function writeExtras(e: Emitter, extra: Extras | undefined, known?: ReadonlySet<string>): void {
  if (!extra) return;
  const consumed = consumedKeys.get(extra);
  for (const key of Object.keys(extra)) {
    if (consumed?.has(key) || known?.has(key)) continue;
    e.key(key);
    writeAny(e, extra[key]);
  }
}

function list<T>(e: Emitter, key: string, items: readonly T[] | undefined, write: (e: Emitter, item: T) => void): void {
  if (fromExtra(e, key) || items === undefined) return;
  e.key(key, true);
  if (items.length === 0) {
    e.emptySeq();
    return;
  }
  e.seqStart();
  for (const item of items) write(e, item);
  e.seqEnd();
}

const writeString = (e: Emitter, s: string): void => e.scalar(s);

function strings(e: Emitter, key: string, items: readonly string[] | undefined): void {
  list(e, key, items, writeString);
}

function record(e: Emitter, key: string, entries: Record<string, EmitScalar> | undefined): void {
  if (fromExtra(e, key) || entries === undefined) return;
  e.key(key, true);
  // for-in rather than Object.keys: no array per object (millions of them at 10^6 jobs).
  let open = false;
  for (const k in entries) {
    if (!open) {
      e.mapStart();
      open = true;
    }
    e.key(k);
    e.scalar(entries[k]!);
  }
  if (open) e.mapEnd();
  else e.emptyMap();
}

export { enter, leave, fromExtra };

export function writeMetadata(e: Emitter, metadata: Metadata | undefined): void {
  record(e, 'metadata', metadata);
}

/** Profiles: the namespaces in alphabetical order as the API writes them, then `x-*` keys. */
export function writeProfiles(e: Emitter, profiles: Profiles | undefined): void {
  if (fromExtra(e, 'profiles') || profiles === undefined) return;
  e.key('profiles', true);
  let any = profiles.extra !== undefined && Object.keys(profiles.extra).length > 0;
  for (const ns of SORTED_NAMESPACES) if (profiles[ns] !== undefined) any = true;
  if (!any) {
    e.emptyMap();
    return;
  }
  e.mapStart();
  const saved = enter(e, profiles.extra);
  for (const ns of SORTED_NAMESPACES) record(e, ns, profiles[ns]);
  writeExtras(e, profiles.extra);
  leave(e, saved);
  e.mapEnd();
}

const SORTED_NAMESPACES = [...PROFILE_NAMESPACES].sort();

function writeShellHook(e: Emitter, hook: ShellHook): void {
  e.mapStart();
  const saved = enter(e, hook.extra);
  str(e, '_on', hook.on);
  str(e, 'cmd', hook.cmd);
  writeExtras(e, hook.extra);
  leave(e, saved);
  e.mapEnd();
}

export function writeHooks(e: Emitter, hooks: Hooks | undefined): void {
  if (fromExtra(e, 'hooks') || hooks === undefined) return;
  e.key('hooks', true);
  e.mapStart();
  const saved = enter(e, hooks.extra);
  list(e, 'shell', hooks.shell, writeShellHook);
  writeExtras(e, hooks.extra);
  leave(e, saved);
  e.mapEnd();
}

function writeChecksum(e: Emitter, checksum: Checksum | undefined): void {
  if (fromExtra(e, 'checksum') || checksum === undefined) return;
  e.key('checksum', true);
  if (checksum.sha256 === undefined && !checksum.extra) {
    e.emptyMap();
    return;
  }
  e.mapStart();
  const saved = enter(e, checksum.extra);
  str(e, 'sha256', checksum.sha256);
  writeExtras(e, checksum.extra);
  leave(e, saved);
  e.mapEnd();
}

// ---------------------------------------------------------------- jobs

function writeUse(e: Emitter, use: FileUse): void {
  e.mapStart();
  const saved = enter(e, use.extra);
  str(e, 'lfn', use.lfn);
  writeMetadata(e, use.metadata);
  str(e, 'size', use.size);
  bool(e, 'forPlanning', use.forPlanning);
  str(e, 'type', use.type);
  bool(e, 'optional', use.optional);
  bool(e, 'stageOut', use.stageOut);
  bool(e, 'registerReplica', use.registerReplica);
  bool(e, 'bypass', use.bypass);
  // Kept only when they were in the file; the app never adds them (the planner rejects them).
  str(e, 'namespace', use.namespace);
  str(e, 'version', use.version);
  bool(e, 'executable', use.executable);
  writeExtras(e, use.extra);
  leave(e, saved);
  e.mapEnd();
}

/** One job, in the API's key order with `stdin` moved after `uses`. */
export function writeJob(e: Emitter, job: Job): void {
  e.mapStart();
  const saved = enter(e, job.extra);
  str(e, 'type', job.type);
  if (job.type === 'job') {
    str(e, 'namespace', job.namespace);
    str(e, 'version', job.version);
    str(e, 'name', job.name);
  } else {
    str(e, 'file', job.file);
  }
  str(e, 'id', job.id);
  str(e, 'stdout', job.stdout);
  str(e, 'stderr', job.stderr);
  str(e, 'nodeLabel', job.nodeLabel);
  if (!fromExtra(e, 'arguments')) {
    e.key('arguments', true);
    const args = job.arguments;
    if (args.length === 0) e.emptySeq();
    else {
      e.seqStart();
      for (const arg of args) e.scalar(arg);
      e.seqEnd();
    }
  }
  list(e, 'uses', job.uses, writeUse);
  str(e, 'stdin', job.stdin);
  writeProfiles(e, job.profiles);
  writeMetadata(e, job.metadata);
  writeHooks(e, job.hooks);
  writeExtras(e, job.extra);
  leave(e, saved);
  e.mapEnd();
}

export function writeDependency(e: Emitter, dependency: Dependency): void {
  e.mapStart();
  const saved = enter(e, dependency.extra);
  str(e, 'id', dependency.id);
  strings(e, 'children', dependency.children);
  writeExtras(e, dependency.extra);
  leave(e, saved);
  e.mapEnd();
}

// ---------------------------------------------------------------- replica catalog

function writePfn(e: Emitter, pfn: ReplicaPfn): void {
  e.mapStart();
  const saved = enter(e, pfn.extra);
  str(e, 'site', pfn.site);
  str(e, 'pfn', pfn.pfn);
  writeExtras(e, pfn.extra);
  leave(e, saved);
  e.mapEnd();
}

function writeReplica(e: Emitter, replica: Replica): void {
  e.mapStart();
  const saved = enter(e, replica.extra);
  str(e, 'lfn', replica.lfn);
  list(e, 'pfns', replica.pfns, writePfn);
  writeChecksum(e, replica.checksum);
  writeMetadata(e, replica.metadata);
  bool(e, 'regex', replica.regex);
  writeExtras(e, replica.extra);
  leave(e, saved);
  e.mapEnd();
}

/** The keys of a replica catalog body (inside an open mapping). */
export function writeReplicaCatalogBody(e: Emitter, catalog: ReplicaCatalog): void {
  list(e, 'replicas', catalog.replicas, writeReplica);
}

// ---------------------------------------------------------------- transformation catalog

function writeTransformationSite(e: Emitter, site: TransformationSite): void {
  e.mapStart();
  const saved = enter(e, site.extra);
  str(e, 'name', site.name);
  str(e, 'pfn', site.pfn);
  str(e, 'type', site.type);
  bool(e, 'bypass', site.bypass);
  str(e, 'container', site.container);
  str(e, 'arch', site.arch);
  str(e, 'os.type', site.osType);
  str(e, 'os.release', site.osRelease);
  str(e, 'os.version', site.osVersion);
  writeProfiles(e, site.profiles);
  writeMetadata(e, site.metadata);
  writeExtras(e, site.extra);
  leave(e, saved);
  e.mapEnd();
}

function writeTransformation(e: Emitter, tx: Transformation): void {
  e.mapStart();
  const saved = enter(e, tx.extra);
  str(e, 'namespace', tx.namespace);
  str(e, 'name', tx.name);
  str(e, 'version', tx.version);
  strings(e, 'requires', tx.requires);
  list(e, 'sites', tx.sites, writeTransformationSite);
  writeProfiles(e, tx.profiles);
  writeHooks(e, tx.hooks);
  writeMetadata(e, tx.metadata);
  writeChecksum(e, tx.checksum);
  writeExtras(e, tx.extra);
  leave(e, saved);
  e.mapEnd();
}

function writeContainer(e: Emitter, container: Container): void {
  e.mapStart();
  const saved = enter(e, container.extra);
  str(e, 'name', container.name);
  str(e, 'type', container.type);
  str(e, 'image', container.image);
  str(e, 'image.site', container.imageSite);
  strings(e, 'mounts', container.mounts);
  bool(e, 'bypass', container.bypass);
  writeChecksum(e, container.checksum);
  writeMetadata(e, container.metadata);
  writeProfiles(e, container.profiles);
  writeExtras(e, container.extra);
  leave(e, saved);
  e.mapEnd();
}

export function writeTransformationCatalogBody(e: Emitter, catalog: TransformationCatalog): void {
  list(e, 'transformations', catalog.transformations, writeTransformation);
  list(e, 'containers', catalog.containers, writeContainer);
}

// ---------------------------------------------------------------- site catalog

function writeFileServer(e: Emitter, server: FileServer): void {
  e.mapStart();
  const saved = enter(e, server.extra);
  str(e, 'url', server.url);
  str(e, 'operation', server.operation);
  writeProfiles(e, server.profiles);
  writeExtras(e, server.extra);
  leave(e, saved);
  e.mapEnd();
}

function writeDirectory(e: Emitter, directory: Directory): void {
  e.mapStart();
  const saved = enter(e, directory.extra);
  str(e, 'type', directory.type);
  str(e, 'path', directory.path);
  bool(e, 'sharedFileSystem', directory.sharedFileSystem);
  str(e, 'freeSize', directory.freeSize);
  str(e, 'totalSize', directory.totalSize);
  list(e, 'fileServers', directory.fileServers, writeFileServer);
  writeExtras(e, directory.extra);
  leave(e, saved);
  e.mapEnd();
}

function writeGrid(e: Emitter, grid: Grid): void {
  e.mapStart();
  const saved = enter(e, grid.extra);
  str(e, 'type', grid.type);
  str(e, 'contact', grid.contact);
  str(e, 'scheduler', grid.scheduler);
  str(e, 'jobtype', grid.jobtype);
  str(e, 'freeMem', grid.freeMem);
  str(e, 'totalMem', grid.totalMem);
  str(e, 'maxCount', grid.maxCount);
  str(e, 'maxCPUTime', grid.maxCPUTime);
  num(e, 'runningJobs', grid.runningJobs);
  num(e, 'jobsInQueue', grid.jobsInQueue);
  num(e, 'idleNodes', grid.idleNodes);
  num(e, 'totalNodes', grid.totalNodes);
  writeExtras(e, grid.extra);
  leave(e, saved);
  e.mapEnd();
}

function writeSite(e: Emitter, site: Site): void {
  e.mapStart();
  const saved = enter(e, site.extra);
  str(e, 'name', site.name);
  str(e, 'arch', site.arch);
  str(e, 'os.type', site.osType);
  str(e, 'os.release', site.osRelease);
  str(e, 'os.version', site.osVersion);
  list(e, 'directories', site.directories, writeDirectory);
  list(e, 'grids', site.grids, writeGrid);
  writeProfiles(e, site.profiles);
  writeExtras(e, site.extra);
  leave(e, saved);
  e.mapEnd();
}

/** The keys of a site catalog body. The `{$ref: iri}` form of an embedded catalog has no sites. */
export function writeSiteCatalogBody(e: Emitter, catalog: SiteCatalog): void {
  if (catalog.sites.length === 0 && catalog.extra && Object.hasOwn(catalog.extra, '$ref')) return;
  list(e, 'sites', catalog.sites, writeSite);
}
