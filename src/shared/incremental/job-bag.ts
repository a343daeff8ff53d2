import type { Job } from '../model/job';

/**
 * Zero, one or several jobs, each at most once. One job is stored bare: most files have one
 * producer and one or two readers, and most ids one job, so the common case allocates no
 * array (at 10^5 jobs that is hundreds of thousands of arrays fewer to build and collect).
 */
export type JobBag<J extends Job = Job> = J | J[] | undefined;

const EMPTY: readonly never[] = [];

/**
 * Adds `job` unless it is the last one added: a job that names a file twice is added once,
 * since a job's mentions are added one after another. Cost: O(1).
 */
export function bagAdd<J extends Job>(bag: JobBag<J>, job: J): JobBag<J> {
  if (bag === undefined) return job;
  if (!Array.isArray(bag)) return bag === job ? bag : [bag, job];
  if (bag[bag.length - 1] !== job) bag.push(job);
  return bag;
}

/** Removes `job` if present (order is not kept). Cost: O(size). */
export function bagRemove<J extends Job>(bag: JobBag<J>, job: J): JobBag<J> {
  if (bag === undefined) return undefined;
  if (!Array.isArray(bag)) return bag === job ? undefined : bag;
  const at = bag.lastIndexOf(job);
  if (at === -1) return bag;
  bag[at] = bag[bag.length - 1]!;
  bag.pop();
  return bag.length === 1 ? bag[0] : bag;
}

export function bagSize(bag: JobBag): number {
  return bag === undefined ? 0 : Array.isArray(bag) ? bag.length : 1;
}

/** The jobs as a list (a new one-item array for a single job). */
export function bagList<J extends Job>(bag: JobBag<J>): readonly J[] {
  return bag === undefined ? EMPTY : Array.isArray(bag) ? bag : [bag];
}
