import { levelSizes, type Levels } from './levels';

/**
 * The width of a leveled graph: the largest number of nodes on one level, i.e. how many
 * jobs could run at once if every level ran in parallel. 0 for an empty graph. Cost: O(n).
 */
export function width(levelsOf: Levels): number {
  let max = 0;
  for (const size of levelSizes(levelsOf)) if (size > max) max = size;
  return max;
}
