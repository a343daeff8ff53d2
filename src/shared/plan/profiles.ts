import type { Site, Transformation, TransformationSite } from '../model/catalogs';
import type { Job } from '../model/job';
import type { ProfileNamespace, Profiles } from '../model/profiles';
import { scalarNumber, scalarText, type Scalar } from '../model/scalar';

/**
 * A profile value for a job as pegasus-plan merges them: the transformation catalog entry
 * wins over the site catalog, which wins over the job (pegasus.md §10 item 11).
 * Cost: O(1) per lookup.
 */
export function profileValue(
  namespace: ProfileNamespace,
  key: string,
  job: Job | undefined,
  site?: Site,
  tx?: Transformation,
  txSite?: TransformationSite,
): Scalar | undefined {
  // In precedence order, without an array of sources per lookup.
  let value = txSite?.profiles?.[namespace]?.[key];
  if (value === undefined) value = tx?.profiles?.[namespace]?.[key];
  if (value === undefined) value = site?.profiles?.[namespace]?.[key];
  if (value === undefined) value = job?.profiles?.[namespace]?.[key];
  return value;
}

/** {@link profileValue} as text. */
export function profileText(...args: Parameters<typeof profileValue>): string | undefined {
  const value = profileValue(...args);
  return value === undefined ? undefined : scalarText(value);
}

/** {@link profileValue} as a finite number. */
export function profileNumber(...args: Parameters<typeof profileValue>): number | undefined {
  return scalarNumber(profileValue(...args));
}

/** Every key of a namespace merged across the sources, the transformation catalog winning. */
export function mergedNamespace(
  namespace: ProfileNamespace,
  ...sources: Array<Profiles | undefined>
): Record<string, string> | undefined {
  let merged: Record<string, string> | undefined;
  for (let i = sources.length - 1; i >= 0; i--) {
    const entries = sources[i]?.[namespace];
    if (!entries) continue;
    merged ??= {};
    for (const [key, value] of Object.entries(entries)) merged[key] = scalarText(value);
  }
  return merged;
}
