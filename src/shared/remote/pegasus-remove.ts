import { checkAbsolutePath, firstProblem } from './pegasus-args';
import { excerpt, type ParseResult } from './pegasus-output';

/** `pegasus-remove -- SUBMIT_DIR`: condor_rm of the workflow's DAGMan job. */
export function buildRemoveCommand(submitDir: string): ParseResult<readonly string[]> {
  return firstProblem([checkAbsolutePath('the submit directory', submitDir)], () => ['pegasus-remove', '--', submitDir]);
}

export interface RemoveOutput {
  /** condor_rm's own message, as echoed (e.g. `All jobs in cluster 3793 have been marked for removal`). */
  message: string;
}

/** pegasus-remove exits 42 when condor_rm fails (PARSING.md §6). */
export const REMOVE_CONDOR_RM_FAILED = 42;

/**
 * Interprets pegasus-remove, which has no structured output: exit 0 means removed, 42 means
 * condor_rm failed (its stderr is echoed), anything else is the tool's own error.
 */
export function parseRemoveOutput(exitCode: number, stdout: string, stderr: string): ParseResult<RemoveOutput> {
  const message = stdout.replace(/✨\s*Success\s*$/u, '').trim();
  if (exitCode === 0) return { ok: true, value: { message } };
  const detail = excerpt(`${stderr}\n${stdout}`.replace(/^\s*Error\s*$/gm, ''));
  if (exitCode === REMOVE_CONDOR_RM_FAILED) return { ok: false, error: `pegasus-remove: condor_rm failed (exit 42): ${detail}` };
  return { ok: false, error: `pegasus-remove: exit code ${exitCode}: ${detail}` };
}
