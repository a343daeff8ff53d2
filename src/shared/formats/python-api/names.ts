import { isPythonIdentifier } from './python-literal';

/** Names the script must not shadow: what `from Pegasus.api import *` brings, and the script's own. */
const RESERVED = [
  'File',
  'Job',
  'SubWorkflow',
  'Workflow',
  'AbstractJob',
  'ReplicaCatalog',
  'TransformationCatalog',
  'Transformation',
  'TransformationSite',
  'Container',
  'SiteCatalog',
  'Site',
  'Directory',
  'FileServer',
  'Grid',
  'Arch',
  'OS',
  'Operation',
  'Scheduler',
  'SupportedJobs',
  'Namespace',
  'EventType',
  'Properties',
  'PegasusClientError',
  'DuplicateError',
  'wf',
  'sc',
  'rc',
  'tc',
  'logging',
  'Path',
  'print',
  'len',
  'str',
  'int',
  'float',
  'list',
  'dict',
  'set',
  'id',
  'type',
  'input',
  'open',
  'format',
  'object',
  'range',
  'map',
  'filter',
  'min',
  'max',
  'sum',
  'all',
  'any',
  'next',
  'iter',
];

/**
 * Hands out readable, unique Python variable names: `f.b1` → `f_b1`, `2mass.fits` →
 * `file_2mass_fits`, a second `f_b1` → `f_b1_2`. Cost: O(1) amortized per name.
 */
export class NameAllocator {
  private readonly used = new Set<string>(RESERVED);
  private readonly next = new Map<string, number>();

  /** A fresh name derived from `text`, with `prefix` when the text does not start like a name. */
  allocate(text: string, prefix: string): string {
    let base = text
      .replace(/[^A-Za-z0-9_]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .replace(/_{2,}/g, '_');
    if (base.length > 40) base = base.slice(0, 40).replace(/_+$/, '');
    if (base === '' || /^[0-9]/.test(base) || !isPythonIdentifier(base)) base = `${prefix}_${base}`.replace(/_+$/, '');
    let name = base;
    // Resume counting where the last name with this base stopped: many names that clean up to
    // the same base (`é.dat`, `è.dat`…) stay linear.
    for (let n = this.next.get(base) ?? 2; this.used.has(name); n++) {
      name = `${base}_${n}`;
      this.next.set(base, n + 1);
    }
    this.used.add(name);
    return name;
  }
}
