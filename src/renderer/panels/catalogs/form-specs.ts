/**
 * What each catalog form shows: its fields and lists of rows, by their path in the entry, and
 * the core check that runs as the user types. The form component draws any spec; the checks'
 * field paths match these paths, so each message appears beside its own field.
 */
import { checkReplica } from '../../../shared/catalogs/check-replica';
import { checkSite } from '../../../shared/catalogs/check-site';
import { checkContainer, checkTransformation } from '../../../shared/catalogs/check-transformation';
import type { FieldIssue } from '../../../shared/catalogs/field-issue';
import type { Container, Replica, Site, Transformation, TransformationCatalog } from '../../../shared/model';
import type { EntryPath } from './entry-path';

export type FieldKind =
  | { kind: 'text' }
  | { kind: 'select'; options: readonly string[]; optional?: boolean }
  | { kind: 'checkbox' }
  | { kind: 'lines' };

export interface FieldSpec {
  path: EntryPath;
  label: string;
  input: FieldKind;
  placeholder?: string;
  /** Left out of the entry when emptied (required fields stay, as `""`, for the check to name). */
  optional?: boolean;
}

export interface ListSpec {
  path: EntryPath;
  label: string;
  /** Fields of one row, relative to the row. */
  fields: FieldSpec[];
  /** Lists inside a row (a site directory's file servers). */
  lists?: ListSpec[];
  /** A new row. */
  blank: () => unknown;
}

export interface FormSpec<T> {
  kind: CatalogKind;
  title: string;
  fields: FieldSpec[];
  lists: ListSpec[];
  blank: () => T;
  /** The entry's name in the list of entries. */
  label: (entry: T) => string;
  check: (entry: T, catalog: TransformationCatalog | undefined) => FieldIssue[];
}

export type CatalogKind = 'replica' | 'transformation' | 'container' | 'site';

const text = { kind: 'text' } as const;

export const replicaForm: FormSpec<Replica> = {
  kind: 'replica',
  title: 'Replica',
  fields: [
    { path: ['lfn'], label: 'LFN', input: text, placeholder: 'f.a, or a regex with Regex on' },
    { path: ['regex'], label: 'Regex', input: { kind: 'checkbox' } },
    {
      path: ['checksum', 'sha256'],
      label: 'SHA-256',
      input: text,
      placeholder: '64 hexadecimal digits',
      optional: true,
    },
  ],
  lists: [
    {
      path: ['pfns'],
      label: 'Physical copies',
      fields: [
        { path: ['site'], label: 'Site', input: text, placeholder: 'local' },
        { path: ['pfn'], label: 'PFN', input: text, placeholder: 'file:///data/f.a or /data/f.a' },
      ],
      blank: () => ({ site: 'local', pfn: '' }),
    },
  ],
  blank: () => ({ lfn: '', pfns: [{ site: 'local', pfn: '' }] }),
  label: (r) => r.lfn || '(new replica)',
  check: (r) => checkReplica(r),
};

export const transformationForm: FormSpec<Transformation> = {
  kind: 'transformation',
  title: 'Transformation',
  fields: [
    { path: ['namespace'], label: 'Namespace', input: text, optional: true },
    { path: ['name'], label: 'Name', input: text },
    { path: ['version'], label: 'Version', input: text, optional: true },
    { path: ['requires'], label: 'Requires (one a line)', input: { kind: 'lines' }, placeholder: 'ns::name:version' },
  ],
  lists: [
    {
      path: ['sites'],
      label: 'Sites',
      fields: [
        { path: ['name'], label: 'Site', input: text, placeholder: 'condorpool' },
        { path: ['pfn'], label: 'PFN', input: text, placeholder: '/usr/bin/tool or https://…/tool' },
        { path: ['type'], label: 'Type', input: { kind: 'select', options: ['installed', 'stageable'] } },
        { path: ['container'], label: 'Container', input: text, optional: true },
      ],
      blank: () => ({ name: 'condorpool', pfn: '', type: 'installed' }),
    },
  ],
  blank: () => ({ name: '', sites: [{ name: 'condorpool', pfn: '', type: 'installed' }] }),
  label: (t) =>
    `${t.namespace ? `${t.namespace}::` : ''}${t.name || '(new transformation)'}${t.version ? `:${t.version}` : ''}`,
  check: (t, catalog) => checkTransformation(t, catalog),
};

export const containerForm: FormSpec<Container> = {
  kind: 'container',
  title: 'Container',
  fields: [
    { path: ['name'], label: 'Name', input: text },
    { path: ['type'], label: 'Type', input: { kind: 'select', options: ['docker', 'singularity', 'shifter'] } },
    { path: ['image'], label: 'Image', input: text, placeholder: 'docker://ubuntu:22.04' },
    { path: ['imageSite'], label: 'Image site', input: text, optional: true },
    {
      path: ['mounts'],
      label: 'Mounts (one a line)',
      input: { kind: 'lines' },
      placeholder: '/host/path:/container/path:ro',
    },
  ],
  lists: [],
  blank: () => ({ name: '', type: 'singularity', image: '' }),
  label: (c) => c.name || '(new container)',
  check: (c) => checkContainer(c),
};

const ARCHES = ['x86', 'x86_64', 'ppc', 'ppc_64', 'ppc64le', 'ia64', 'sparcv7', 'sparcv9', 'amd64', 'aarch64'];
const OS_TYPES = ['linux', 'sunos', 'macosx', 'aix', 'windows'];

export const siteForm: FormSpec<Site> = {
  kind: 'site',
  title: 'Site',
  fields: [
    { path: ['name'], label: 'Name', input: text },
    { path: ['arch'], label: 'Architecture', input: { kind: 'select', options: ARCHES, optional: true } },
    { path: ['osType'], label: 'OS type', input: { kind: 'select', options: OS_TYPES, optional: true } },
  ],
  lists: [
    {
      path: ['directories'],
      label: 'Directories',
      fields: [
        {
          path: ['type'],
          label: 'Type',
          input: { kind: 'select', options: ['sharedScratch', 'sharedStorage', 'localScratch', 'localStorage'] },
        },
        { path: ['path'], label: 'Path', input: text, optional: true },
      ],
      lists: [
        {
          path: ['fileServers'],
          label: 'File servers',
          fields: [
            { path: ['url'], label: 'URL', input: text, placeholder: 'file:///scratch' },
            {
              path: ['operation'],
              label: 'Operation',
              input: { kind: 'select', options: ['all', 'put', 'get'], optional: true },
            },
          ],
          blank: () => ({ url: '', operation: 'all' }),
        },
      ],
      blank: () => ({ type: 'sharedScratch', path: '', fileServers: [{ url: '', operation: 'all' }] }),
    },
    {
      path: ['grids'],
      label: 'Grids',
      fields: [
        {
          path: ['type'],
          label: 'Type',
          input: {
            kind: 'select',
            options: ['gt5', 'condor', 'cream', 'batch', 'nordugrid', 'unicore', 'ec2', 'deltacloud', 'sfapi'],
          },
        },
        { path: ['contact'], label: 'Contact', input: text },
        {
          path: ['scheduler'],
          label: 'Scheduler',
          input: { kind: 'select', options: ['fork', 'pbs', 'lsf', 'condor', 'sge', 'slurm', 'flux', 'unknown'] },
        },
        {
          path: ['jobtype'],
          label: 'Job type',
          input: {
            kind: 'select',
            options: ['compute', 'auxillary', 'transfer', 'register', 'cleanup'],
            optional: true,
          },
        },
      ],
      blank: () => ({ type: 'batch', contact: '', scheduler: 'slurm', jobtype: 'compute' }),
    },
  ],
  blank: () => ({ name: '', directories: [] }),
  label: (s) => s.name || '(new site)',
  check: (s) => checkSite(s),
};

/**
 * The keys of every field and list the form draws for `entry` (rows included), so that a
 * check's message can be matched to a place on screen. Items of a one-a-line field
 * (`mounts.0`) belong to that field.
 */
export function drawnKeys(spec: Pick<FormSpec<unknown>, 'fields' | 'lists'>, entry: unknown): Set<string> {
  const keys = new Set<string>();
  const walk = (fields: readonly FieldSpec[], lists: readonly ListSpec[], prefix: EntryPath) => {
    for (const field of fields) keys.add([...prefix, ...field.path].join('.'));
    for (const list of lists) {
      const path = [...prefix, ...list.path];
      keys.add(path.join('.'));
      let rows: unknown = entry;
      for (const step of path)
        rows = rows && typeof rows === 'object' ? (rows as Record<string | number, unknown>)[step] : undefined;
      if (Array.isArray(rows)) rows.forEach((_, index) => walk(list.fields, list.lists ?? [], [...path, index]));
    }
  };
  walk(spec.fields, spec.lists, []);
  return keys;
}

/** Where an issue shows: its own field, the one-a-line field holding it, or `undefined` (nowhere). */
export function fieldOfIssue(keys: ReadonlySet<string>, issuePath: EntryPath): string | undefined {
  for (let length = issuePath.length; length > 0; length--) {
    const key = issuePath.slice(0, length).join('.');
    if (keys.has(key)) return key;
  }
  return undefined;
}
