/**
 * A sub-workflow job's planner arguments as fields: the common pegasus-plan options read from
 * the argument list (`--sites a,b` or `--sites=a,b`), and written back in the same places;
 * anything else is kept, in order, as "other arguments".
 */
import type { Argument } from '../../../shared/model';

export const PLANNER_OPTIONS = [
  { flag: '--sites', label: 'Execution sites', placeholder: 'condorpool' },
  { flag: '--output-sites', label: 'Output sites', placeholder: 'local' },
  { flag: '--staging-sites', label: 'Staging sites', placeholder: 'condorpool=staging' },
  { flag: '--cluster', label: 'Clustering', placeholder: 'horizontal,label' },
  { flag: '--cleanup', label: 'Cleanup', placeholder: 'inplace, leaf, constraint or none' },
  { flag: '--basename', label: 'Base name', placeholder: '' },
] as const;

export type PlannerFlag = (typeof PLANNER_OPTIONS)[number]['flag'];

export interface PlannerFields {
  values: Partial<Record<PlannerFlag, string>>;
  /** Arguments that are not one of the options above, in order. */
  other: string[];
  /** True when an argument is not plain text (a file or a number literal): the fields cannot hold it. */
  opaque: boolean;
}

const FLAGS = new Set<string>(PLANNER_OPTIONS.map((o) => o.flag));

export function readPlannerArgs(args: readonly Argument[]): PlannerFields {
  const values: PlannerFields['values'] = {};
  const other: string[] = [];
  let opaque = false;
  for (let i = 0; i < args.length; i++) {
    const argument = args[i];
    if (typeof argument !== 'string') {
      opaque = true;
      other.push(
        typeof argument === 'object' && argument !== null && 'text' in argument
          ? String(argument.text)
          : String(argument),
      );
      continue;
    }
    const eq = argument.indexOf('=');
    const flag = eq > 0 ? argument.slice(0, eq) : argument;
    if (FLAGS.has(flag)) {
      if (eq > 0) values[flag as PlannerFlag] = argument.slice(eq + 1);
      else if (typeof args[i + 1] === 'string' && !String(args[i + 1]).startsWith('--'))
        values[flag as PlannerFlag] = String(args[++i]);
      else values[flag as PlannerFlag] = '';
      continue;
    }
    other.push(argument);
  }
  return { values, other, opaque };
}

/** The argument list for the fields: the options set, in the table's order, then the others. */
export function writePlannerArgs(fields: Pick<PlannerFields, 'values' | 'other'>): string[] {
  const out: string[] = [];
  for (const option of PLANNER_OPTIONS) {
    const value = fields.values[option.flag]?.trim();
    if (value) out.push(option.flag, value);
  }
  return [...out, ...fields.other.filter((a) => a.trim() !== '')];
}
