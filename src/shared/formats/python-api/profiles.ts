import type { Hooks, Metadata, Profiles } from '../../model/profiles';
import type { Scalar } from '../../model/scalar';
import { isPythonIdentifier, pyDict, pyKeywords, pyScalar, pyString } from './python-literal';

/**
 * Profile keys with a keyword of their own in `add_pegasus_profile`, `add_condor_profile` and
 * `add_globus_profile` whose value the API stores unchanged. Keys the API converts (memory
 * and disk sizes through `to_mb`) are only given to these helpers when the value is already
 * a whole number of MB; everything else goes through `add_profiles`, which stores values as given.
 */
const TYPED: Record<string, { method: string; keys: Record<string, string>; megabytes?: Record<string, string> }> = {
  pegasus: {
    method: 'add_pegasus_profile',
    keys: {
      'clusters.num': 'clusters_num',
      'clusters.size': 'clusters_size',
      'job.aggregator': 'job_aggregator',
      'job.aggregator.arguments': 'job_aggregator_arguments',
      gridstart: 'grid_start',
      'gridstart.path': 'grid_start_path',
      'gridstart.arguments': 'grid_start_arguments',
      'gridstart.launcher': 'grid_start_launcher',
      'gridstart.launcher.arguments': 'grid_start_launcher_arguments',
      'stagein.clusters': 'stagein_clusters',
      'stagein.local.clusters': 'stagein_local_clusters',
      'stagein.remote.clusters': 'stagein_remote_clusters',
      'stageout.clusters': 'stageout_clusters',
      'stageout.local.clusters': 'stageout_local_clusters',
      'stageout.remote.clusters': 'stageout_remote_clusters',
      group: 'group',
      style: 'style',
      pmc_request_cpus: 'pmc_request_cpus',
      pmc_priority: 'pmc_priority',
      pmc_task_arguments: 'pmc_task_arguments',
      'exitcode.failuremsg': 'exitcode_failure_msg',
      'exitcode.successmsg': 'exitcode_success_msg',
      'checkpoint.time': 'checkpoint_time',
      maxwalltime: 'max_walltime',
      'glite.arguments': 'glite_arguments',
      runtime: 'runtime',
      'clusters.maxruntime': 'clusters_max_runtime',
      cores: 'cores',
      gpus: 'gpus',
      nodes: 'nodes',
      ppn: 'ppn',
      'data.configuration': 'data_configuration',
      queue: 'queue',
      project: 'project',
      'container.arguments': 'container_arguments',
      label: 'label',
      pegasus_lite_env_source: 'pegasus_lite_env_source',
    },
    megabytes: { memory: 'memory', diskspace: 'diskspace' },
  },
  condor: {
    method: 'add_condor_profile',
    keys: {
      universe: 'universe',
      periodic_release: 'periodic_release',
      periodic_remove: 'periodic_remove',
      filesystemdomain: 'filesystem_domain',
      priority: 'priority',
      request_cpus: 'request_cpus',
      request_gpus: 'request_gpus',
      requirements: 'requirements',
      should_transfer_files: 'should_transfer_files',
      when_to_transfer_output: 'when_to_transfer_output',
      condor_collector: 'condor_collector',
      grid_resource: 'grid_resource',
      cream_attributes: 'cream_attributes',
    },
  },
  globus: {
    method: 'add_globus_profile',
    keys: {
      count: 'count',
      jobtype: 'job_type',
      maxcputime: 'max_cpu_time',
      maxtime: 'max_time',
      maxwalltime: 'max_wall_time',
      project: 'project',
      queue: 'queue',
    },
  },
};

const NAMESPACE_ENUM: Record<string, string> = {
  pegasus: 'Namespace.PEGASUS',
  condor: 'Namespace.CONDOR',
  dagman: 'Namespace.DAGMAN',
  env: 'Namespace.ENV',
  globus: 'Namespace.GLOBUS',
  selector: 'Namespace.SELECTOR',
  stat: 'Namespace.STAT',
};

/** Parameter names of `add_profiles(ns, key, value, **kw)`: such keys must go through key=/value=. */
const BOUND = new Set(['self', 'ns', 'key', 'value']);

/** A profile value as the API should store it: booleans become the text pegasus-plan reads. */
function profileValue(value: Scalar): string {
  return typeof value === 'boolean' ? pyString(String(value)) : pyScalar(value);
}

/** Statements (without the target) that add `profiles` to an object, e.g. `.add_pegasus_profile(cores=4)`. */
export function profileCalls(profiles: Profiles | undefined, notes: string[]): string[] {
  if (!profiles) return [];
  const calls: string[] = [];
  for (const [ns, entries] of Object.entries(profiles)) {
    if (ns === 'extra') {
      notes.push(`profile keys ${Object.keys(entries as object).join(', ')} beside the namespaces`);
      continue;
    }
    const enumName = NAMESPACE_ENUM[ns];
    if (!enumName) {
      notes.push(`profiles in the '${ns}' namespace (the Python API has no Namespace for it)`);
      continue;
    }
    const typed = TYPED[ns];
    const typedArgs: Array<[string, string]> = [];
    const generic: Array<[string, string]> = [];
    for (const [key, value] of Object.entries(entries as Record<string, Scalar>)) {
      const keyword = typed?.keys[key];
      const mb = typed?.megabytes?.[key];
      if (keyword && typeof value !== 'boolean') typedArgs.push([keyword, pyScalar(value)]);
      else if (mb && typeof value === 'number' && Number.isInteger(value) && value >= 0)
        typedArgs.push([mb, String(value)]);
      else if (BOUND.has(key)) {
        if (value === '' || value === 0 || value === false)
          notes.push(`profile ${ns}.${key} = ${String(value)} (add_profiles ignores a false value for this key)`);
        else calls.push(`add_profiles(${enumName}, key=${pyString(key)}, value=${profileValue(value)})`);
      } else generic.push([key, profileValue(value)]);
    }
    if (typedArgs.length > 0) calls.push(`${typed!.method}(${typedArgs.map(([k, v]) => `${k}=${v}`).join(', ')})`);
    if (generic.length > 0)
      calls.push(
        ns === 'env' ? `add_env(${pyKeywords(generic)})` : `add_profiles(${enumName}, ${pyKeywords(generic)})`,
      );
  }
  return calls;
}

/** `add_metadata(...)` with keyword arguments when keys allow, else a dict. */
export function metadataCall(metadata: Metadata | undefined): string[] {
  if (!metadata || Object.keys(metadata).length === 0) return [];
  const entries = Object.entries(metadata).map(([key, value]) => [key, pyScalar(value)] as const);
  const allPlain = entries.every(([key]) => isPythonIdentifier(key) && key !== 'self');
  return [
    allPlain ? `add_metadata(${entries.map(([k, v]) => `${k}=${v}`).join(', ')})` : `add_metadata(${pyDict(entries)})`,
  ];
}

/** `add_shell_hook(EventType.X, cmd)` for each hook. */
export function hookCalls(hooks: Hooks | undefined, notes: string[]): string[] {
  if (!hooks) return [];
  if (hooks.extra) notes.push(`hook keys ${Object.keys(hooks.extra).join(', ')}`);
  return hooks.shell.map((hook) => `add_shell_hook(EventType.${hook.on.toUpperCase()}, ${pyString(hook.cmd)})`);
}

/** `target.call()` lines, one per call, or nothing. */
export function applyCalls(target: string, calls: readonly string[]): string[] {
  return calls.map((call) => `${target}.${call}`);
}
