import type { Severity } from '../model/diagnostic';

/** One diagnostic code: its severity and what it means (the README table mirrors this). */
export interface CodeInfo {
  readonly severity: Severity;
  readonly meaning: string;
}

/**
 * Every diagnostic code `validateWorkflow` emits. Codes are stable: a code is never reused
 * for another meaning, so scripts that filter on them keep working.
 */
export const VALIDATION_CODES = {
  PC200: {
    severity: 'error',
    meaning:
      'The dependencies form a cycle (the message gives the path); pegasus-plan stops with "Cyclic dependency detected".',
  },
  PC201: { severity: 'error', meaning: 'Two jobs have the same id.' },
  PC202: { severity: 'error', meaning: 'A job id has characters other than letters, digits, `-` and `_`.' },
  PC203: {
    severity: 'error',
    meaning:
      'A file is produced by more than one job; pegasus-plan keeps the last one in the file as the producer, the Python API picks one arbitrarily.',
  },
  PC204: {
    severity: 'warning',
    meaning: 'A job lists the same file twice in `uses`; the Python API refuses this (DuplicateError).',
  },
  PC205: {
    severity: 'error',
    meaning: 'A job lists a file as both input and output; pegasus-plan refuses it unless the file is a checkpoint.',
  },
  PC206: {
    severity: 'warning',
    meaning:
      'A job reads a file that no job produces and no replica catalog entry (embedded or file, regex entries included) provides.',
  },
  PC207: { severity: 'error', meaning: 'A dependency names a job id that does not exist.' },
  PC208: { severity: 'error', meaning: 'A job runs a transformation that the transformation catalog does not have.' },
  PC209: {
    severity: 'warning',
    meaning:
      'No transformation catalog was found (embedded or beside the workflow); pegasus-plan needs one for every compute job.',
  },
  PC210: { severity: 'error', meaning: 'The file of a `pegasusWorkflow` or `condorWorkflow` job does not exist.' },
  PC211: {
    severity: 'warning',
    meaning:
      '`stdin`, `stdout` or `stderr` names a file that the job does not list in `uses`; pegasus-plan infers dependencies and transfers from `uses` only.',
  },
  PC212: {
    severity: 'warning',
    meaning:
      'The workflow has top-level `profiles`; pegasus-plan 5.0 rejects that key. Put them on jobs, sites or in properties.',
  },
  PC213: { severity: 'error', meaning: 'A file use has type `none`; pegasus-plan rejects it ("Unsupported linkage").' },
  PC214: {
    severity: 'warning',
    meaning: 'A file use has type `inout`, which makes no dependency; use `input`, `output` or `checkpoint`.',
  },
  PC215: {
    severity: 'warning',
    meaning: 'A profile uses the `stat` namespace, which the Python API has but the 5.0 schema does not.',
  },
  PC216: {
    severity: 'error',
    meaning:
      'A file use has `namespace`, `version` or `executable`; the schema allows them but pegasus-plan rejects them.',
  },
  PC217: { severity: 'error', meaning: 'The workflow has no jobs; pegasus-plan refuses an empty workflow.' },
  PC218: {
    severity: 'error',
    meaning: 'A transformation site names a container that the transformation catalog does not define.',
  },
  PC219: {
    severity: 'warning',
    meaning:
      'A regex replica cannot be checked (invalid, or Java syntax with no JavaScript equivalent); files it may provide are assumed present.',
  },
  PC220: { severity: 'error', meaning: 'The workflow name contains `/` or a space, which the Python API refuses.' },
  PC221: {
    severity: 'warning',
    meaning: 'A transformation `requires` another one that the transformation catalog does not have.',
  },
  PC222: {
    severity: 'warning',
    meaning: 'A job is pinned (`selector.execution.site`) to a site that the site catalog does not have.',
  },
} as const satisfies Record<string, CodeInfo>;

export type ValidationCode = keyof typeof VALIDATION_CODES;
