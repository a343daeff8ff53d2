import path from 'node:path';
import type { LoadBundleOptions } from '../services/workspace/load-bundle';
import { UsageError } from './command';

/** The catalog options shared by validate, export and info. */
export const CATALOG_OPTIONS_USAGE = `  --sites-file F            site catalog to use (default: sites.yml beside FILE)
  --replicas-file F         replica catalog to use (default: replicas.yml beside FILE)
  --transformations-file F  transformation catalog to use (default: transformations.yml beside FILE)`;

const FLAGS: Record<string, keyof LoadBundleOptions> = {
  '--sites-file': 'sitesFile',
  '--replicas-file': 'replicasFile',
  '--transformations-file': 'transformationsFile',
};

/**
 * If `args[i]` is a catalog option (`--sites-file F` or `--sites-file=F`), records it in
 * `into` and returns how many arguments it used; 0 otherwise.
 */
export function takeCatalogOption(args: readonly string[], i: number, cwd: string, into: LoadBundleOptions): number {
  const arg = args[i]!;
  const eq = arg.indexOf('=');
  const flag = eq === -1 ? arg : arg.slice(0, eq);
  const key = FLAGS[flag];
  if (!key || key === 'maxSize') return 0;
  const value = eq === -1 ? args[i + 1] : arg.slice(eq + 1);
  if (value === undefined || value === '' || (eq === -1 && value.startsWith('--')))
    throw new UsageError(`${flag} needs a file`);
  into[key] = path.resolve(cwd, value);
  return eq === -1 ? 2 : 1;
}

/** Value of an option that takes one (`-o OUT` or `--to=dot`). */
export function optionValue(args: readonly string[], i: number, flag: string): string {
  const value = args[i + 1];
  if (value === undefined || (value.startsWith('-') && value !== '-')) throw new UsageError(`${flag} needs a value`);
  return value;
}
