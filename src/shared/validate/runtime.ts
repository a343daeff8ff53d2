import type { Transformation, TransformationCatalog } from '../model/catalogs';
import type { Job } from '../model/job';
import type { Profiles } from '../model/profiles';
import { scalarNumber } from '../model/scalar';

/**
 * The expected runtime of each job in seconds, from the `pegasus.runtime` profile, with the
 * planner's precedence: the transformation catalog beats the job (TC > SC > job). Within
 * the catalog, a site entry's profile wins over the transformation's when the job is pinned
 * to that site or the transformation has a single site. Jobs without a runtime get 0 and
 * are counted. Cost: O(transformations + jobs).
 */
export function jobRuntimes(
  jobs: readonly Job[],
  catalogs: ReadonlyArray<TransformationCatalog | undefined>,
): { seconds: Float64Array; missing: number } {
  const byName = new Map<string, Transformation[]>();
  for (const catalog of catalogs) {
    for (const t of catalog?.transformations ?? []) {
      const list = byName.get(t.name);
      if (list) list.push(t);
      else byName.set(t.name, [t]);
    }
  }
  const seconds = new Float64Array(jobs.length);
  let missing = 0;
  for (let i = 0; i < jobs.length; i++) {
    const job = jobs[i]!;
    let value: number | undefined;
    if (job.type === 'job') {
      const t = (byName.get(job.name) ?? []).find(
        (candidate) =>
          (job.namespace === undefined || candidate.namespace === job.namespace) &&
          (job.version === undefined || candidate.version === job.version),
      );
      if (t) {
        const pinned = job.profiles?.selector?.['execution.site'];
        const site =
          pinned !== undefined
            ? t.sites.find((s) => s.name === String(typeof pinned === 'object' ? pinned.text : pinned))
            : t.sites.length === 1
              ? t.sites[0]
              : undefined;
        value = runtimeOf(site?.profiles) ?? runtimeOf(t.profiles);
      }
    }
    value ??= runtimeOf(job.profiles);
    if (value === undefined) missing++;
    else seconds[i] = value;
  }
  return { seconds, missing };
}

function runtimeOf(profiles: Profiles | undefined): number | undefined {
  const n = scalarNumber(profiles?.pegasus?.runtime);
  return n !== undefined && n >= 0 ? n : undefined;
}
