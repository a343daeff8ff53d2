import type { Argument, FileUse, Job } from '../model/job';
import { isNumberLiteral } from '../model/scalar';

/**
 * Sweeps: many jobs from one, as Snakemake's `expand` makes many file names from one pattern.
 * A template job names its variable parts `{sample}` in its id, arguments, file names and
 * stdin/stdout/stderr; a sweep binds each variable to a list of values and makes one job per
 * combination (every combination, or the lists zipped in step).
 */

export interface SweepSpec {
  /** Variable → values, e.g. `{ sample: ['A', 'B'] }`. */
  variables: Record<string, string[]>;
  /** `product` (default): every combination; `zip`: the i-th value of each list together. */
  combine?: 'product' | 'zip';
  /** Id of each new job; default the template's id followed by `_{variable}` for each variable. */
  idPattern?: string;
}

export type SweepResult = { ok: true; jobs: Job[] } | { ok: false; message: string };

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const JOB_ID = /^[-0-9a-zA-Z_]+$/;

/**
 * Reads the values of one variable as typed in the sweep dialog: a comma- or
 * whitespace-separated list (`A, B, C`), or an integer range `1..10` or `1..10..2`
 * (inclusive; zero padding of the first bound is kept: `001..010`).
 */
export function parseSweepValues(text: string): { ok: true; values: string[] } | { ok: false; message: string } {
  const trimmed = text.trim();
  const range = /^(-?\d+)\s*\.\.\s*(-?\d+)(?:\s*\.\.\s*(\d+))?$/.exec(trimmed);
  if (range) {
    const [, fromText, toText, stepText] = range;
    const from = Number(fromText);
    const to = Number(toText);
    const step = stepText === undefined ? 1 : Number(stepText);
    if (step <= 0) return { ok: false, message: `The step of ${trimmed} must be at least 1.` };
    const count = Math.floor(Math.abs(to - from) / step) + 1;
    if (count > 1_000_000) return { ok: false, message: `${trimmed} makes ${count} values; a sweep makes at most 1,000,000 jobs.` };
    const width = fromText!.replace('-', '').startsWith('0') && fromText!.length > 1 ? fromText!.length : 0;
    const direction = to >= from ? 1 : -1;
    const values: string[] = [];
    for (let i = 0; i < count; i++) {
      const value = from + direction * i * step;
      values.push(width ? String(value).padStart(width, '0') : String(value));
    }
    return { ok: true, values };
  }
  const values = trimmed.split(/[\s,]+/).filter(Boolean);
  if (values.length === 0) return { ok: false, message: 'Give at least one value (a list like "A, B" or a range like "1..10").' };
  return { ok: true, values };
}

/** The placeholders a text uses. */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1]!);
}

/** Replaces `{name}` by its value. Unknown names are left as they are. */
export function fillPattern(pattern: string, binding: Readonly<Record<string, string>>): string {
  return pattern.replace(PLACEHOLDER, (whole, name: string) => binding[name] ?? whole);
}

function combinations(spec: SweepSpec): Array<Record<string, string>> | string {
  const names = Object.keys(spec.variables);
  if (names.length === 0) return 'A sweep needs at least one variable.';
  for (const name of names) if (spec.variables[name]!.length === 0) return `The variable {${name}} has no values.`;
  if (spec.combine === 'zip') {
    const length = spec.variables[names[0]!]!.length;
    const uneven = names.find((name) => spec.variables[name]!.length !== length);
    if (uneven) return `Zipped variables need lists of the same length: {${names[0]}} has ${length} values, {${uneven}} has ${spec.variables[uneven]!.length}.`;
    return Array.from({ length }, (_, i) => Object.fromEntries(names.map((name) => [name, spec.variables[name]![i]!])));
  }
  let result: Array<Record<string, string>> = [{}];
  for (const name of names) {
    const next: Array<Record<string, string>> = [];
    for (const partial of result) for (const value of spec.variables[name]!) next.push({ ...partial, [name]: value });
    result = next;
    if (result.length > 1_000_000) return 'This sweep makes more than 1,000,000 jobs.';
  }
  return result;
}

function fillArgument(argument: Argument, binding: Record<string, string>): Argument {
  if (typeof argument === 'string') return fillPattern(argument, binding);
  if (isNumberLiteral(argument)) return { ...argument };
  return argument;
}

function fillUse(use: FileUse, binding: Record<string, string>): FileUse {
  return { ...structuredCloneSafe(use), lfn: fillPattern(use.lfn, binding) };
}

/** Deep copy of plain model data (no functions, no cycles). */
function structuredCloneSafe<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * Makes the jobs of a sweep from `template`. Every placeholder the template uses must be a
 * sweep variable (a typo would otherwise leave `{smaple}` in a file name); every new id must
 * be a valid, unused job id; two combinations must not produce the same output file (the
 * planner would keep one producer). Cost: O(jobs made × template size).
 */
export function expandSweep(template: Job, spec: SweepSpec, existingIds: ReadonlySet<string>): SweepResult {
  const combos = combinations(spec);
  if (typeof combos === 'string') return { ok: false, message: combos };
  const names = Object.keys(spec.variables);
  const idPattern = spec.idPattern ?? (placeholdersOf(template.id).length > 0 ? template.id : `${template.id}${names.map((name) => `_{${name}}`).join('')}`);

  const texts = [
    idPattern,
    ...template.arguments.filter((argument): argument is string => typeof argument === 'string'),
    ...template.uses.map((use) => use.lfn),
    template.stdin ?? '',
    template.stdout ?? '',
    template.stderr ?? '',
  ];
  for (const text of texts) {
    for (const name of placeholdersOf(text)) {
      if (!(name in spec.variables)) return { ok: false, message: `{${name}} in "${text}" is not a variable of this sweep (${names.map((n) => `{${n}}`).join(', ')}).` };
    }
  }

  const jobs: Job[] = [];
  const ids = new Set<string>();
  const outputs = new Map<string, string>();
  for (const binding of combos) {
    const id = fillPattern(idPattern, binding);
    if (!JOB_ID.test(id)) return { ok: false, message: `The job id "${id}" is not valid: ids use letters, digits, "-" and "_" only.` };
    if (existingIds.has(id) || ids.has(id)) return { ok: false, message: `The job id "${id}" is already used.` };
    ids.add(id);
    const job: Job = {
      ...structuredCloneSafe(template),
      id,
      arguments: template.arguments.map((argument) => fillArgument(argument, binding)),
      uses: template.uses.map((use) => fillUse(use, binding)),
    };
    if (template.stdin !== undefined) job.stdin = fillPattern(template.stdin, binding);
    if (template.stdout !== undefined) job.stdout = fillPattern(template.stdout, binding);
    if (template.stderr !== undefined) job.stderr = fillPattern(template.stderr, binding);
    for (const use of job.uses) {
      if (use.type !== 'output') continue;
      const other = outputs.get(use.lfn);
      if (other !== undefined) return { ok: false, message: `Jobs "${other}" and "${id}" would both produce "${use.lfn}": put a variable in the file name.` };
      outputs.set(use.lfn, id);
    }
    jobs.push(job);
  }
  return { ok: true, jobs };
}
