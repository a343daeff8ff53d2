import { checkAbsolutePath, firstProblem } from './pegasus-args';
import { braindumpOf, type PlanOutput } from './pegasus-plan';
import { parseJsonObject, type ParseResult } from './pegasus-output';

/**
 * `pegasus-run --json -- SUBMIT_DIR`: starts a planned workflow, or resubmits a failed one
 * (DAGMan then runs the rescue DAG, so jobs that succeeded are not run again).
 */
export function buildRunCommand(submitDir: string): ParseResult<readonly string[]> {
  return firstProblem([checkAbsolutePath('the submit directory', submitDir)], () => ['pegasus-run', '--json', '--', submitDir]);
}

/** What pegasus-run reports: the braindump, plus the DAGMan cluster id when stderr gives it. */
export interface RunOutput extends PlanOutput {
  clusterId?: number;
}

/**
 * Parses pegasus-run's output: stdout is `json.dumps(braindump)` with `--json`, and stderr
 * carries `1 job(s) submitted to cluster N.` (sample-outputs.md §2).
 */
export function parseRunOutput(stdout: string, stderr = ''): ParseResult<RunOutput> {
  const expected = 'the JSON braindump pegasus-run --json prints (with "submit_dir")';
  const parsed = parseJsonObject(stdout, 'pegasus-run', expected);
  if (!parsed.ok) return parsed;
  const braindump = braindumpOf(parsed.value, 'pegasus-run', expected, stdout);
  if (!braindump.ok) return braindump;
  const cluster = /submitted to cluster (\d+)\./.exec(stderr);
  return { ok: true, value: { ...braindump.value, clusterId: cluster ? Number(cluster[1]) : undefined } };
}
