/**
 * The plan options form as kept per document (sidecar section `plan`), and their mapping to
 * the planner's {@link PlanOptions}. Reading a sidecar never fails: a field of the wrong type
 * falls back to its default, so a hand-edited sidecar cannot stop the document from opening.
 */
import type { CleanupMode, ClusterStyle, DataConfiguration, PlanOptions } from '../../../shared/plan';

export interface PlanFormOptions {
  /** Execution sites (`--sites`); empty: pegasus-plan's default. */
  sites: string[];
  /** Staging site per execution site (`--staging-site e=s`). */
  stagingSites: Record<string, string>;
  outputSites: string[];
  dataConfiguration: DataConfiguration;
  cleanup: CleanupMode;
  cluster: ClusterStyle[];
  force: boolean;
  /** `--relative-dir`; empty: the default `<user>/pegasus/<name>/run0001`. */
  relativeDir: string;
  /** Slots for the makespan estimate of the report. */
  slots: number;
}

export const DEFAULT_PLAN_FORM: PlanFormOptions = {
  sites: [],
  stagingSites: {},
  outputSites: ['local'],
  dataConfiguration: 'condorio',
  cleanup: 'inplace',
  cluster: [],
  force: false,
  relativeDir: '',
  slots: 4,
};

const DATA: readonly DataConfiguration[] = ['condorio', 'nonsharedfs', 'sharedfs'];
const CLEANUP: readonly CleanupMode[] = ['none', 'leaf', 'inplace'];
const CLUSTER: readonly ClusterStyle[] = ['horizontal', 'label'];
const NAME = /^[A-Za-z0-9._-]{1,100}$/;

/** Splits `a, b c` into names; drops anything that is not a site name. */
export function parseNames(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => NAME.test(s));
}

/** Reads `exec=staging, exec2=staging2`; returns the map and the parts it could not read. */
export function parseStagingSites(text: string): { map: Record<string, string>; bad: string[] } {
  const map: Record<string, string> = {};
  const bad: string[] = [];
  for (const part of text.split(/[\s,]+/).filter(Boolean)) {
    const [execution, staging, extra] = part.split('=');
    if (extra === undefined && execution && staging && (NAME.test(execution) || execution === '*') && NAME.test(staging)) map[execution] = staging;
    else bad.push(part);
  }
  return { map, bad };
}

export function formatStagingSites(map: Readonly<Record<string, string>>): string {
  return Object.entries(map)
    .map(([e, s]) => `${e}=${s}`)
    .join(', ');
}

function names(value: unknown, fallback: string[]): string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string' && NAME.test(v)) ? [...(value as string[])] : fallback;
}

/** The options of a sidecar's `plan` section, defaults for what is missing or wrong. */
export function parsePlanSidecar(section: unknown): PlanFormOptions {
  const s = section && typeof section === 'object' ? (section as Record<string, unknown>) : {};
  const staging: Record<string, string> = {};
  if (s.stagingSites && typeof s.stagingSites === 'object') {
    for (const [k, v] of Object.entries(s.stagingSites as Record<string, unknown>)) if (typeof v === 'string' && NAME.test(v)) staging[k] = v;
  }
  return {
    sites: names(s.sites, DEFAULT_PLAN_FORM.sites),
    stagingSites: staging,
    outputSites: names(s.outputSites, DEFAULT_PLAN_FORM.outputSites),
    dataConfiguration: DATA.includes(s.dataConfiguration as DataConfiguration) ? (s.dataConfiguration as DataConfiguration) : DEFAULT_PLAN_FORM.dataConfiguration,
    cleanup: CLEANUP.includes(s.cleanup as CleanupMode) ? (s.cleanup as CleanupMode) : DEFAULT_PLAN_FORM.cleanup,
    cluster: Array.isArray(s.cluster) ? (s.cluster as unknown[]).filter((c): c is ClusterStyle => CLUSTER.includes(c as ClusterStyle)) : [],
    force: s.force === true,
    relativeDir: typeof s.relativeDir === 'string' ? s.relativeDir.slice(0, 500) : '',
    slots: typeof s.slots === 'number' && Number.isInteger(s.slots) && s.slots >= 1 && s.slots <= 100000 ? s.slots : DEFAULT_PLAN_FORM.slots,
  };
}

/** The planner's options for the form. */
export function toPlanOptions(form: PlanFormOptions): PlanOptions {
  const options: PlanOptions = {
    dataConfiguration: form.dataConfiguration,
    cleanup: form.cleanup,
    cluster: form.cluster,
    force: form.force,
    outputSites: form.outputSites,
  };
  if (form.sites.length > 0) options.sites = form.sites;
  if (Object.keys(form.stagingSites).length > 0) options.stagingSites = form.stagingSites;
  if (form.relativeDir.trim() !== '') options.relativeDir = form.relativeDir.trim();
  return options;
}
