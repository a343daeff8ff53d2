/** Jobs per submit subdirectory. */
export const JOBS_PER_DIRECTORY = 256;

/**
 * The subdirectory of the submit directory that holds the files of the `ordinal`-th job, in
 * pegasus-plan's two-level hashed layout: `00/00/` for the first 256 jobs, then `00/01/`, and
 * so on, with two hex digits per level. Cost: O(1).
 */
export function jobDirectory(ordinal: number): string {
  const bucket = Math.floor(ordinal / JOBS_PER_DIRECTORY);
  const hex = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0');
  return `${hex(Math.floor(bucket / 256) % 256)}/${hex(bucket % 256)}`;
}
