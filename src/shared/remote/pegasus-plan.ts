import { checkAbsolutePath, checkIdentifier, checkPlain, firstProblem } from './pegasus-args';
import { parseFailure, parseJsonObject, stringField, type JsonObject, type ParseResult } from './pegasus-output';

/** `--cleanup` strategies accepted by pegasus-plan 5.x (pegasus.md §5). */
export type CleanupStrategy = 'none' | 'leaf' | 'inplace' | 'constraint';
/** `--cluster` styles, applied in the order given. */
export type ClusterStyle = 'horizontal' | 'label' | 'whole';

/** The pegasus-plan options a user sets in the submit dialog or on the command line. */
export interface PlanOptions {
  /** Execution sites (`--sites`); pegasus-plan's default is every site but `local`. */
  sites?: string[];
  /** Staging site: one name for all, or execution site → staging site (`--staging-site e=s,…`). */
  stagingSite?: string | Record<string, string>;
  /** Where stageOut outputs go (`--output-sites`). */
  outputSites?: string[];
  /** Output directory on the output site (`--output-dir`). */
  outputDir?: string;
  cleanup?: CleanupStrategy;
  cluster?: ClusterStyle[];
  /** `--force`: skip data reuse. */
  force?: boolean;
  /** Properties file (`--conf`), relative to the run folder. */
  conf?: string;
  /** `-Dkey=value` overrides; they go first on the command line, as pegasus-plan requires. */
  properties?: Record<string, string>;
  /** Directory-backed replica catalogs for inputs (`--input-dir`). */
  inputDirs?: string[];
}

/** What the submission service asks for: the options above plus where and what to plan. */
export interface PlanInvocation extends PlanOptions {
  /** Base submit directory on the host (`--dir`), absolute. */
  dir: string;
  /** The abstract workflow file, relative to the run folder the command runs in. */
  workflowFile: string;
  /** `--submit`: hand the planned workflow to pegasus-run at once. */
  submit: boolean;
}

/**
 * Builds the argv of `pegasus-plan … --json [--submit] -- WORKFLOW`, or says which option is
 * invalid. `-D` properties come first (pegasus-plan requires it), the workflow file is the
 * only positional argument. O(number of options).
 */
export function buildPlanCommand(invocation: PlanInvocation): ParseResult<readonly string[]> {
  const problems: (string | undefined)[] = [
    checkAbsolutePath('--dir', invocation.dir),
    checkPlain('the workflow file', invocation.workflowFile),
    invocation.workflowFile === '' ? 'the workflow file name is empty' : undefined,
  ];
  for (const site of [...(invocation.sites ?? []), ...(invocation.outputSites ?? [])]) problems.push(checkIdentifier('site', site));
  const staging = invocation.stagingSite;
  if (typeof staging === 'string') problems.push(checkIdentifier('staging site', staging));
  else if (staging) for (const [site, stage] of Object.entries(staging)) problems.push(checkIdentifier('site', site), checkIdentifier('staging site', stage));
  for (const [key, value] of Object.entries(invocation.properties ?? {})) problems.push(checkIdentifier('property', key), checkPlain(`property ${key}`, value));
  if (invocation.outputDir !== undefined) problems.push(checkPlain('--output-dir', invocation.outputDir));
  if (invocation.conf !== undefined) problems.push(checkPlain('--conf', invocation.conf));
  for (const dir of invocation.inputDirs ?? []) problems.push(checkPlain('--input-dir', dir), dir.includes(',') ? `--input-dir '${dir}' must not contain a comma` : undefined);
  return firstProblem(problems, () => planArgv(invocation));
}

function planArgv(invocation: PlanInvocation): string[] {
  const argv = ['pegasus-plan'];
  for (const [key, value] of Object.entries(invocation.properties ?? {})) argv.push(`-D${key}=${value}`);
  if (invocation.conf !== undefined) argv.push('--conf', invocation.conf);
  argv.push('--dir', invocation.dir);
  if (invocation.sites?.length) argv.push('--sites', invocation.sites.join(','));
  const staging = invocation.stagingSite;
  if (typeof staging === 'string') argv.push('--staging-site', staging);
  else if (staging && Object.keys(staging).length > 0) {
    argv.push('--staging-site', Object.entries(staging).map(([site, stage]) => `${site}=${stage}`).join(','));
  }
  if (invocation.outputSites?.length) argv.push('--output-sites', invocation.outputSites.join(','));
  if (invocation.outputDir !== undefined) argv.push('--output-dir', invocation.outputDir);
  if (invocation.inputDirs?.length) argv.push('--input-dir', invocation.inputDirs.join(','));
  if (invocation.cleanup !== undefined) argv.push('--cleanup', invocation.cleanup);
  if (invocation.cluster?.length) argv.push('--cluster', invocation.cluster.join(','));
  if (invocation.force) argv.push('--force');
  if (invocation.submit) argv.push('--submit');
  argv.push('--json', '--', invocation.workflowFile);
  return argv;
}

/** What `pegasus-plan --json` reports: the braindump keys the app uses, plus all of them. */
export interface PlanOutput {
  submitDir: string;
  rootWfUuid?: string;
  wfUuid?: string;
  /** The `.dag` file name inside the submit directory. */
  dag?: string;
  /** `<label>-<index>`, e.g. `diamond-0`. */
  wfName?: string;
  plannerVersion?: string;
  /** The planner's closing message (`I have concretized your abstract workflow…`). */
  message?: string;
  /** The pegasus-run invocation the planner suggests. */
  pegasusRun?: string;
  /** Every key of the JSON object, as printed. */
  braindump: JsonObject;
}

/**
 * Parses the stdout of `pegasus-plan --json` (a pretty-printed braindump plus `message` and
 * `pegasus-run`; all logging goes to stderr in this mode: PARSING.md §1). Needs `submit_dir`.
 */
export function parsePlanOutput(stdout: string): ParseResult<PlanOutput> {
  const expected = 'the JSON braindump pegasus-plan --json prints (with "submit_dir")';
  const parsed = parseJsonObject(stdout, 'pegasus-plan', expected);
  if (!parsed.ok) return parsed;
  return braindumpOf(parsed.value, 'pegasus-plan', expected, stdout);
}

/** Reads the braindump fields shared by pegasus-plan --json and pegasus-run --json. */
export function braindumpOf(object: JsonObject, tool: string, expected: string, text: string): ParseResult<PlanOutput> {
  const submitDir = stringField(object, 'submit_dir');
  if (submitDir === undefined || submitDir === '') return parseFailure(tool, expected, text);
  return {
    ok: true,
    value: {
      submitDir,
      rootWfUuid: stringField(object, 'root_wf_uuid'),
      wfUuid: stringField(object, 'wf_uuid'),
      dag: stringField(object, 'dag'),
      wfName: stringField(object, 'pegasus_wf_name'),
      plannerVersion: stringField(object, 'planner_version'),
      message: stringField(object, 'message'),
      pegasusRun: stringField(object, 'pegasus-run'),
      braindump: object,
    },
  };
}
