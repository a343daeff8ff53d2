/**
 * What the DAGMan writers need beyond the executable workflow. pegasus-plan knows these on
 * the submit host; offline they are options with placeholders, and the preview says so.
 */
export interface DagmanOptions {
  /** Absolute submit directory the files will live in. Default `/submit` (placeholder). */
  submitDir?: string;
  /** Directory of the Pegasus tools (`pegasus-exitcode`, `pegasus-kickstart`). Default `/usr/bin`. */
  pegasusBinDir?: string;
  /** Directory of `condor_dagman`. Default `/usr/bin`. */
  condorBinDir?: string;
  /** HTCondor version: from 8.9.4 node retries are written `My.DAGNodeRetry`, before `+DAGNodeRetry`. Default `10.0.0`. */
  condorVersion?: string;
  /** Pegasus version written in the submit files. Default `5.0.5`. */
  pegasusVersion?: string;
  /** Workflow UUID. Default the nil UUID: the real one is made by pegasus-plan. */
  wfUuid?: string;
  /** Root workflow UUID (sub-workflows inherit it). Default `wfUuid`. */
  rootWfUuid?: string;
}

/** {@link DagmanOptions} with defaults applied, plus the workflow's label and index. */
export interface DagmanContext {
  label: string;
  index: number;
  submitDir: string;
  pegasusBinDir: string;
  condorBinDir: string;
  condorVersion: string;
  pegasusVersion: string;
  wfUuid: string;
  rootWfUuid: string;
}

/** The placeholder workflow UUID when none is given. */
export const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** Applies the defaults of {@link DagmanOptions} for one workflow. */
export function dagmanContext(label: string, index: number, options: DagmanOptions = {}): DagmanContext {
  const wfUuid = options.wfUuid ?? NIL_UUID;
  return {
    label,
    index,
    submitDir: (options.submitDir ?? '/submit').replace(/\/+$/, '') || '/',
    pegasusBinDir: (options.pegasusBinDir ?? '/usr/bin').replace(/\/+$/, ''),
    condorBinDir: (options.condorBinDir ?? '/usr/bin').replace(/\/+$/, ''),
    condorVersion: options.condorVersion ?? '10.0.0',
    pegasusVersion: options.pegasusVersion ?? '5.0.5',
    wfUuid,
    rootWfUuid: options.rootWfUuid ?? wfUuid,
  };
}

/** `<label>-<index>`: the basename of the `.dag`, `.log`, `.cache` files. */
export function basename(context: DagmanContext): string {
  return `${context.label}-${context.index}`;
}

/** True when HTCondor accepts `My.` attribute syntax in DAG VARS (8.9.4 and later). */
export function usesMySyntax(version: string): boolean {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map((part) => Number.parseInt(part, 10) || 0);
  return major !== 8 ? major > 8 : minor !== 9 ? minor > 9 : patch >= 4;
}
