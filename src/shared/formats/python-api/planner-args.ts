import { pyString } from './python-literal';

/**
 * `SubWorkflow.add_planner_args(...)` keywords that reproduce `args` exactly, or `undefined`
 * when they cannot (then the script adds the arguments as they are). The API emits the
 * options in a fixed order (properties, basename, job prefix, conf, cluster, sites, …), so
 * the arguments are parsed, re-emitted in that order and compared with the original.
 */
export function plannerArgsCall(args: readonly string[]): string | undefined {
  const properties: Array<[string, string]> = [];
  const single: Record<string, string> = {};
  const forward: string[] = [];
  const java: string[] = [];
  let verbose = 0;
  let quiet = 0;
  const flags = new Set<string>();
  let randomDir: string | true | undefined;
  const takesValue: Record<string, string> = {
    '--basename': 'basename',
    '--job-prefix': 'job_prefix',
    '--conf': 'conf',
    '--cluster': 'cluster',
    '--sites': 'sites',
    '--output-sites': 'output_sites',
    '--staging-site': 'staging_sites',
    '--cache': 'cache',
    '--input-dir': 'input_dirs',
    '--output-dir': 'output_dir',
    '--dir': 'dir',
    '--relative-dir': 'relative_dir',
    '--relative-submit-dir': 'relative_submit_dir',
    '--inherited-rc-files': 'inherited_rc_files',
    '--cleanup': 'cleanup',
    '--reuse': 'reuse',
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const option = takesValue[arg];
    if (option) {
      const value = args[++i];
      if (value === undefined || option in single || value === '') return undefined;
      single[option] = value;
    } else if (/^-D[^=]+=/.test(arg)) {
      const eq = arg.indexOf('=');
      properties.push([arg.slice(2, eq), arg.slice(eq + 1)]);
    } else if (/^-v+$/.test(arg)) verbose += arg.length - 1;
    else if (/^-q+$/.test(arg)) quiet += arg.length - 1;
    else if (arg === '--force' || arg === '--force-replan' || arg === '--submit') flags.add(arg);
    else if (arg === '--randomdir') randomDir = true;
    else if (arg.startsWith('--randomdir=')) randomDir = arg.slice('--randomdir='.length);
    else if (arg === '--forward' && args[i + 1] !== undefined) forward.push(args[++i]!);
    else if (/^-X./.test(arg)) java.push(arg.slice(2));
    else return undefined;
  }

  const list = (text: string) => `[${text.split(',').map(pyString).join(', ')}]`;
  const keywords: string[] = [];
  const expected: string[] = properties.map(([k, v]) => `-D${k}=${v}`);
  const add = (option: string, flag: string, python: string) => {
    const value = single[option];
    if (value === undefined) return;
    expected.push(flag, value);
    keywords.push(`${option}=${python === 'list' ? list(value) : pyString(value)}`);
  };
  add('basename', '--basename', 'str');
  add('job_prefix', '--job-prefix', 'str');
  add('conf', '--conf', 'str');
  add('cluster', '--cluster', 'list');
  add('sites', '--sites', 'list');
  add('output_sites', '--output-sites', 'list');
  if (single.staging_sites !== undefined) {
    const pairs = single.staging_sites.split(',').map((pair) => pair.split('='));
    if (pairs.some((pair) => pair.length !== 2)) return undefined;
    expected.push('--staging-site', single.staging_sites);
    keywords.push(`staging_sites={${pairs.map(([s, ss]) => `${pyString(s!)}: ${pyString(ss!)}`).join(', ')}}`);
  }
  add('cache', '--cache', 'list');
  add('input_dirs', '--input-dir', 'list');
  add('output_dir', '--output-dir', 'str');
  add('dir', '--dir', 'str');
  add('relative_dir', '--relative-dir', 'str');
  add('relative_submit_dir', '--relative-submit-dir', 'str');
  if (randomDir !== undefined) {
    expected.push(randomDir === true ? '--randomdir' : `--randomdir=${randomDir}`);
    keywords.push(`random_dir=${randomDir === true ? 'True' : pyString(randomDir)}`);
  }
  add('inherited_rc_files', '--inherited-rc-files', 'list');
  add('cleanup', '--cleanup', 'str');
  add('reuse', '--reuse', 'list');
  if (verbose > 0) {
    expected.push(`-${'v'.repeat(verbose)}`);
    keywords.push(`verbose=${verbose}`);
  }
  if (quiet > 0) {
    expected.push(`-${'q'.repeat(quiet)}`);
    keywords.push(`quiet=${quiet}`);
  }
  if (flags.has('--force')) {
    expected.push('--force');
    keywords.push('force=True');
  }
  if (flags.has('--force-replan')) {
    expected.push('--force-replan');
    keywords.push('force_replan=True');
  }
  if (forward.length > 0) {
    for (const f of forward) expected.push('--forward', f);
    keywords.push(`forward=[${forward.map(pyString).join(', ')}]`);
  }
  if (flags.has('--submit')) {
    expected.push('--submit');
    keywords.push('submit=True');
  }
  if (java.length > 0) {
    for (const j of java) expected.push(`-X${j}`);
    keywords.push(`java_options=[${java.map(pyString).join(', ')}]`);
  }
  if (expected.length !== args.length || expected.some((a, i) => a !== args[i])) return undefined;
  if (keywords.length === 0 && properties.length === 0) return undefined;
  // Properties always go through **{...}: a key such as `cleanup` must not meet a keyword of the same name.
  const props =
    properties.length > 0 ? `**{${properties.map(([k, v]) => `${pyString(k)}: ${pyString(v)}`).join(', ')}}` : '';
  return `add_planner_args(${[...keywords, ...(props ? [props] : [])].join(', ')})`;
}
