import type { Transformation, TransformationCatalog } from '../model/catalogs';
import { formatTransformationKey, type ComputeJob } from '../model/job';
import { report, type ValidationContext } from './context';

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
  const catalogs = [workflow.transformationCatalog, bundle.catalogs.transformations].filter(
    (c): c is TransformationCatalog => c !== undefined,
  );
  const computeJobs = workflow.jobs.filter((job): job is ComputeJob => job.type === 'job');
  if (catalogs.length === 0) {
    if (computeJobs.length > 0) {
      const names = new Set(computeJobs.map((job) => formatTransformationKey(job.namespace, job.name, job.version)));
      report(
        context,
        'PC209',
        `No transformation catalog was found (none embedded, no transformations.yml beside the workflow); pegasus-plan needs entries for ${names.size} transformation(s): ${[...names].slice(0, 5).join(', ')}${names.size > 5 ? ', …' : ''}.`,
        { kind: 'workflow' },
      );
    }
    return;
  }

  const byName = new Map<string, Transformation[]>();
  const containers = new Set<string>();
  for (const catalog of catalogs) {
    for (const transformation of catalog.transformations) {
      const list = byName.get(transformation.name);
      if (list) list.push(transformation);
      else byName.set(transformation.name, [transformation]);
    }
    for (const container of catalog.containers ?? []) containers.add(container.name);
  }
  const found = (namespace: string | undefined, name: string, version: string | undefined): boolean =>
    (byName.get(name) ?? []).some(
      (t) => (namespace === undefined || t.namespace === namespace) && (version === undefined || t.version === version),
    );

  const known = new Map<string, boolean>();
  // Consecutive jobs usually run the same transformation: skip building the key for them.
  let last: ComputeJob | undefined;
  let lastOk = true;
  for (const job of computeJobs) {
    let ok: boolean | undefined;
    if (last && job.name === last.name && job.namespace === last.namespace && job.version === last.version) ok = lastOk;
    else {
      const key = formatTransformationKey(job.namespace, job.name, job.version);
      ok = known.get(key);
      if (ok === undefined) {
        ok = found(job.namespace, job.name, job.version);
        known.set(key, ok);
      }
    }
    last = job;
    lastOk = ok;
    if (!ok) {
      const key = formatTransformationKey(job.namespace, job.name, job.version);
      report(
        context,
        'PC208',
        `Job '${job.id}' runs transformation '${key}', which the transformation catalog does not have; pegasus-plan cannot place it on a site.`,
        {
          kind: 'job',
          jobId: job.id,
          field: 'name',
        },
      );
    }
  }

  for (const catalog of catalogs) {
    for (const t of catalog.transformations) {
      const key = formatTransformationKey(t.namespace, t.name, t.version);
      for (const site of t.sites) {
        if (site.container !== undefined && !containers.has(site.container)) {
          report(
            context,
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
        if (!found(parsed.namespace, parsed.name, parsed.version)) {
          report(
            context,
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
