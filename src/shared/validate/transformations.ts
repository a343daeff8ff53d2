import type { Transformation, TransformationCatalog } from '../model/catalogs';
import { formatTransformationKey, type ComputeJob, type Job } from '../model/job';
import type { Workflow, WorkflowBundle } from '../model/workflow';
import { report, type DiagnosticSink, type ValidationContext } from './context';

/**
 * PC208 transformations missing from the catalog, PC209 no catalog at all, PC218 unknown
 * containers, PC221 unknown `requires`.
 *
 * pegasus-plan looks every compute job up in the transformation catalog during site
 * selection and stops when no entry exists on any execution site. When neither an embedded
 * catalog nor a catalog file was found, the planner may still get one we cannot see
 * (`pegasus.catalog.transformation.file`, `--transformations-dir`), so that is one warning
 * (PC209) instead of an error per job. Sub-workflow jobs need no entry: the planner adds
 * `pegasus::pegasus-plan` and `condor::dagman` itself.
 *
 * A job that leaves out namespace or version matches an entry that has them, as long as the
 * parts the job gives agree. Cost: O(transformations + jobs), one lookup per distinct key.
 */
export function checkTransformations(context: ValidationContext): void {
  const { workflow, bundle } = context;
  const lookup = TransformationLookup.of(workflow, bundle);
  const computeJobs = workflow.jobs.filter((job): job is ComputeJob => job.type === 'job');
  if (!lookup) {
    reportNoCatalog(context, computeJobs);
    return;
  }
  // Consecutive jobs usually run the same transformation: skip building the key for them.
  let last: ComputeJob | undefined;
  let lastOk = true;
  for (const job of computeJobs) {
    const ok: boolean =
      last && job.name === last.name && job.namespace === last.namespace && job.version === last.version
        ? lastOk
        : lookup.has(job.namespace, job.name, job.version);
    last = job;
    lastOk = ok;
    if (!ok) reportUnknownTransformation(context, job);
  }
  checkCatalogEntries(context, lookup);
}

/**
 * The transformation catalogs of a bundle (embedded, then the file) as one lookup: "is
 * there an entry for namespace, name, version?", where a part the job leaves out matches
 * any. Cost: O(transformations) to build; a lookup is one hash probe, memoized per key.
 */
export class TransformationLookup {
  private readonly byName = new Map<string, Transformation[]>();
  private readonly known = new Map<string, boolean>();
  /** Container names the catalogs define. */
  readonly containers = new Set<string>();

  private constructor(readonly catalogs: readonly TransformationCatalog[]) {
    for (const catalog of catalogs) {
      for (const transformation of catalog.transformations) {
        const list = this.byName.get(transformation.name);
        if (list) list.push(transformation);
        else this.byName.set(transformation.name, [transformation]);
      }
      for (const container of catalog.containers ?? []) this.containers.add(container.name);
    }
  }

  /** The lookup over the bundle's catalogs, or `undefined` when it has none (then PC209 applies). */
  static of(workflow: Workflow, bundle: WorkflowBundle): TransformationLookup | undefined {
    const catalogs = [workflow.transformationCatalog, bundle.catalogs.transformations].filter(
      (c): c is TransformationCatalog => c !== undefined,
    );
    return catalogs.length === 0 ? undefined : new TransformationLookup(catalogs);
  }

  /** True when some entry matches; an absent namespace or version matches any. */
  has(namespace: string | undefined, name: string, version: string | undefined): boolean {
    const key = formatTransformationKey(namespace, name, version);
    let ok = this.known.get(key);
    if (ok === undefined) {
      ok = (this.byName.get(name) ?? []).some(
        (t) =>
          (namespace === undefined || t.namespace === namespace) && (version === undefined || t.version === version),
      );
      this.known.set(key, ok);
    }
    return ok;
  }
}

/** PC208 for one compute job when `lookup` has no entry for it. Cost: one memoized lookup. */
export function checkJobTransformation(sink: DiagnosticSink, lookup: TransformationLookup, job: Job): void {
  if (job.type === 'job' && !lookup.has(job.namespace, job.name, job.version)) reportUnknownTransformation(sink, job);
}

function reportUnknownTransformation(sink: DiagnosticSink, job: ComputeJob): void {
  const key = formatTransformationKey(job.namespace, job.name, job.version);
  report(
    sink,
    'PC208',
    `Job '${job.id}' runs transformation '${key}', which the transformation catalog does not have; pegasus-plan cannot place it on a site.`,
    {
      kind: 'job',
      jobId: job.id,
      field: 'name',
    },
  );
}

/**
 * PC209 when there is no catalog at all and some compute job needs one: the message counts
 * the distinct transformations and names the first five in document order.
 * Cost: O(jobs) (pass a prefix-stable iterable to stop early; see the incremental validator).
 */
export function reportNoCatalog(sink: DiagnosticSink, computeJobs: Iterable<ComputeJob>, distinct?: number): void {
  const names = new Set<string>();
  for (const job of computeJobs) {
    names.add(formatTransformationKey(job.namespace, job.name, job.version));
    if (distinct !== undefined && names.size >= Math.min(5, distinct)) break;
  }
  const total = distinct ?? names.size;
  if (total === 0) return;
  report(
    sink,
    'PC209',
    `No transformation catalog was found (none embedded, no transformations.yml beside the workflow); pegasus-plan needs entries for ${total} transformation(s): ${[...names].slice(0, 5).join(', ')}${total > 5 ? ', …' : ''}.`,
    { kind: 'workflow' },
  );
}

/** PC218 unknown containers and PC221 unknown `requires` of the catalogs' entries. Cost: O(transformations). */
export function checkCatalogEntries(sink: DiagnosticSink, lookup: TransformationLookup): void {
  for (const catalog of lookup.catalogs) {
    for (const t of catalog.transformations) {
      const key = formatTransformationKey(t.namespace, t.name, t.version);
      for (const site of t.sites) {
        if (site.container !== undefined && !lookup.containers.has(site.container)) {
          report(
            sink,
            'PC218',
            `Transformation '${key}' on site '${site.name}' runs in container '${site.container}', which the transformation catalog does not define.`,
            {
              kind: 'transformation',
              key,
              field: 'container',
            },
          );
        }
      }
      for (const required of t.requires ?? []) {
        const parsed = parseKey(required);
        if (!lookup.has(parsed.namespace, parsed.name, parsed.version)) {
          report(
            sink,
            'PC221',
            `Transformation '${key}' requires '${required}', which the transformation catalog does not have.`,
            {
              kind: 'transformation',
              key,
              field: 'requires',
            },
          );
        }
      }
    }
  }
}

/** `ns::name:version` → parts (absent parts undefined). */
function parseKey(key: string): { namespace?: string; name: string; version?: string } {
  const sep = key.indexOf('::');
  const namespace = sep === -1 ? undefined : key.slice(0, sep);
  const rest = sep === -1 ? key : key.slice(sep + 2);
  const colon = rest.lastIndexOf(':');
  return colon === -1
    ? { namespace, name: rest }
    : { namespace, name: rest.slice(0, colon), version: rest.slice(colon + 1) };
}
