import type { Extras, Scalar } from './scalar';

/**
 * Profile namespaces of Pegasus 5.0. `hints` is deprecated but still in the schema;
 * `stat` exists in the Python API but not in the schema (kept when read, flagged by validation).
 */
export const PROFILE_NAMESPACES = [
  'pegasus',
  'condor',
  'dagman',
  'env',
  'globus',
  'selector',
  'hints',
  'stat',
] as const;

export type ProfileNamespace = (typeof PROFILE_NAMESPACES)[number];

/** Profile key → value for one namespace, in source order. */
export type ProfileEntries = Record<string, Scalar>;

/**
 * Profiles by namespace, e.g. `{ pegasus: { cores: 4 }, env: { OMP_NUM_THREADS: '4' } }`.
 * `extra` keeps `x-*` keys found beside the namespaces.
 */
export type Profiles = Partial<Record<ProfileNamespace, ProfileEntries>> & { extra?: Extras };

/** Events a shell hook can fire on. */
export type HookEvent = 'never' | 'start' | 'error' | 'success' | 'end' | 'all';

export interface ShellHook {
  on: HookEvent;
  cmd: string;
  extra?: Extras;
}

export interface Hooks {
  shell: ShellHook[];
  extra?: Extras;
}

/** Free-form metadata: key → string or number. */
export type Metadata = Record<string, Scalar>;
