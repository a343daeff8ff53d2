import path from 'node:path';
import type { Diagnostic, Job, Profiles, Replica, SubWorkflowJob, WorkflowBundle } from '../../../shared/model';
import { isSubWorkflow, scalarNumber, scalarText, transformationKey } from '../../../shared/model';
import { forEachFileRole, inferDependencies, type DependencyGraph } from '../../../shared/infer';
import { CatalogLookup, localPath, mergeProfiles } from './catalog-lookup';
import { CONTAINER_RUNTIMES, type ContainerLaunch } from './container';
import { splitArguments } from './arguments';

/** A job as the executor will run it. */
export interface PlannedJob {
  index: number;
  id: string;
  /** Compute job run as a process, or a sub-workflow run as a child run. */
  kind: 'process' | 'subworkflow';
  /** The executable: run in place, or copied into the run's `bin/` first (stageable). */
  executable?: { source: string; stage: boolean; name: string };
  container?: ContainerLaunch;
  args: string[];
  /** Environment from `env` profiles (transformation over site over job). */
  env: Record<string, string>;
  cores: number;
  memoryMb: number;
  /** Retries after the first attempt (dagman RETRY). */
  retries: number;
  stdin?: string;
  stdout?: string;
  stderr?: string;
  /** Files the job must leave in the scratch directory. */
  outputs: Array<{ lfn: string; stageOut: boolean; optional: boolean }>;
  subWorkflow?: { lfn: string; path: string };
}

/** The workflow made ready to run on this machine. */
export interface ExecutionPlan {
  jobs: PlannedJob[];
  graph: DependencyGraph;
  /** Workflow inputs and where they are copied from. */
  stageIn: Array<{ lfn: string; source: string; sha256?: string }>;
  /** Replicas a sub-workflow inherits: the inline catalog, one level, as pegasus-plan does. */
  inheritedReplicas: Replica[];
}

/** What the preflight may ask of the machine; all injected so tests control them. */
export interface PreflightContext {
  /** Directory relative paths of the workflow are resolved against. */
  baseDir: string;
  machine: { cores: number; memoryMb: number };
  /** Retries when a job has no dagman RETRY profile. */
  defaultRetries: number;
  /** `env.*` properties: the lowest layer of every job's environment. */
  propertyEnv?: Readonly<Record<string, string>>;
  isFile: (file: string) => boolean;
  isExecutable: (file: string) => boolean;
  /** Absolute path of a command on PATH, or undefined. */
  which: (command: string) => string | undefined;
  /** Why an installed container runtime cannot run now (see `runtimeProblem`), or undefined. */
  runtimeProblem?: (runtime: string) => string | undefined;
  /** LFNs that will be in the scratch directory before the run starts (a parent run's inputs). */
  providedLfns?: ReadonlySet<string>;
  inheritedReplicas?: readonly Replica[];
  /** Loads a sub-workflow so it can be checked before the run starts. */
  loadSubWorkflow?: (file: string) => Promise<{ ok: true; bundle: WorkflowBundle } | { ok: false; diagnostics: Diagnostic[] }>;
}

function error(code: string, message: string, jobId?: string): Diagnostic {
  return { code, severity: 'error', message, target: jobId === undefined ? { kind: 'workflow' } : { kind: 'job', jobId } };
}

/**
 * Checks that every job can run on this machine and resolves executables, inputs, resources
 * and retries. A job that needs what the machine lacks is refused here, before anything
 * starts, with a PC5xx diagnostic naming the job and the reason.
 */
export async function preflight(bundle: WorkflowBundle, context: PreflightContext): Promise<{ plan?: ExecutionPlan; diagnostics: Diagnostic[] }> {
  const { workflow } = bundle;
  const diagnostics: Diagnostic[] = [];
  const lookup = new CatalogLookup(bundle, context.inheritedReplicas);
  const graph = inferDependencies(workflow);

  const seen = new Set<string>();
  for (const job of workflow.jobs) {
    if (seen.has(job.id)) diagnostics.push(error('PC513', `Job id '${job.id}' is used by more than one job; a run needs unique ids.`, job.id));
    seen.add(job.id);
  }
  for (const [parent, child] of graph.unknownReferences) {
    diagnostics.push({ code: 'PC511', severity: 'error', message: `Dependency ${parent} → ${child} names a job that does not exist.`, target: { kind: 'dependency', parent, child } });
  }
  const cycle = findCycleJob(graph);
  if (cycle !== undefined) diagnostics.push(error('PC510', `The jobs form a cycle through '${workflow.jobs[cycle]!.id}'; a run needs an acyclic workflow.`, workflow.jobs[cycle]!.id));

  for (const job of workflow.jobs) {
    const lfns = new Set<string>(job.uses.map((use) => use.lfn));
    for (const lfn of [job.stdin, job.stdout, job.stderr]) if (lfn !== undefined) lfns.add(lfn);
    for (const lfn of lfns) {
      if (!lfnStaysInside(lfn)) diagnostics.push({ code: 'PC530', severity: 'error', message: `Job '${job.id}' uses '${lfn}', a file name that would leave the run's scratch folder.`, target: { kind: 'file', lfn, jobId: job.id } });
    }
  }

  const produced = new Set<string>();
  for (const job of workflow.jobs) forEachFileRole(job, (lfn, role) => role === 'produces' && produced.add(lfn));

  const stageIn = new Map<string, string>();
  const localSite = lookup.site('local');
  const jobs: PlannedJob[] = [];
  for (let index = 0; index < workflow.jobs.length; index++) {
    const job = workflow.jobs[index]!;
    checkInputs(job, produced, lookup, context, stageIn, diagnostics);
    const planned = isSubWorkflow(job)
      ? await planSubWorkflow(job, index, produced, lookup, workflow.replicaCatalog?.replicas ?? [], context, diagnostics)
      : planCompute(job, index, lookup, localSite?.profiles, context, diagnostics);
    if (planned) jobs.push(planned);
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  return {
    plan: {
      jobs,
      graph,
      stageIn: [...stageIn].map(([lfn, source]) => {
        const sha256 = lookup.sha256(lfn);
        return sha256 ? { lfn, source, sha256 } : { lfn, source };
      }),
      inheritedReplicas: workflow.replicaCatalog?.replicas ?? [],
    },
    diagnostics,
  };
}

function checkInputs(job: Job, produced: ReadonlySet<string>, lookup: CatalogLookup, context: PreflightContext, stageIn: Map<string, string>, diagnostics: Diagnostic[]): void {
  const wanted: Array<{ lfn: string; optional: boolean }> = job.uses
    .filter((use) => use.type === 'input' || use.type === 'inout' || use.type === 'checkpoint')
    .map((use) => ({ lfn: use.lfn, optional: use.optional === true || use.type === 'checkpoint' }));
  if (job.stdin !== undefined && !wanted.some((w) => w.lfn === job.stdin)) wanted.push({ lfn: job.stdin, optional: false });
  for (const { lfn, optional } of wanted) {
    if (produced.has(lfn) || stageIn.has(lfn) || context.providedLfns?.has(lfn)) continue;
    // Replicas at site local first, as the replica selector prefers the submit host.
    const pfns = lookup.pfns(lfn).sort((a, b) => Number(b.site === 'local') - Number(a.site === 'local'));
    const source = pfns.map((p) => localPath(p.pfn, p.site, context.baseDir)).find((file) => file !== undefined && context.isFile(file));
    if (source) {
      stageIn.set(lfn, source);
      continue;
    }
    // A sub-workflow's own file is looked up (and reported) by planSubWorkflow.
    if (optional || (isSubWorkflow(job) && lfn === job.file)) continue;
    const where = pfns.length === 0 ? 'it has no replica and no job produces it' : `none of its replicas is a file on this machine (${pfns.map((p) => `${p.site}: ${p.pfn}`).join(', ')})`;
    diagnostics.push({ code: 'PC506', severity: 'error', message: `Job '${job.id}' reads '${lfn}', but ${where}.`, target: { kind: 'file', lfn, jobId: job.id } });
  }
}

/** True when an LFN, taken as a path below a folder, stays inside it (no `..` climbing out, not absolute, not empty). */
function lfnStaysInside(lfn: string): boolean {
  if (lfn === '' || path.isAbsolute(lfn)) return false;
  const resolved = path.resolve('/scratch', lfn);
  return resolved.startsWith('/scratch/');
}

function outputsOf(job: Job): PlannedJob['outputs'] {
  return job.uses.filter((use) => use.type === 'output').map((use) => ({ lfn: use.lfn, stageOut: use.stageOut === true, optional: use.optional === true }));
}

function planCompute(job: Job & { type: 'job' }, index: number, lookup: CatalogLookup, siteProfiles: Profiles | undefined, context: PreflightContext, diagnostics: Diagnostic[]): PlannedJob | undefined {
  const key = transformationKey(job);
  const pinned = job.profiles?.selector?.['execution.site'];
  if (pinned !== undefined && scalarText(pinned) !== 'local' && scalarText(pinned) !== 'condorpool') {
    diagnostics.push(error('PC512', `Job '${job.id}' is pinned to site '${scalarText(pinned)}' (selector execution.site); a local run uses this machine only.`, job.id));
    return undefined;
  }
  const transformation = lookup.transformation(job);
  const pfnOverride = job.profiles?.selector?.pfn;
  if (!transformation && pfnOverride === undefined) {
    diagnostics.push(error('PC501', `Job '${job.id}' runs '${key}', which no transformation catalog lists.`, job.id));
    return undefined;
  }
  const sites = transformation?.sites ?? [];
  const candidates = [
    ...sites.filter((s) => s.name === 'local'),
    ...sites.filter((s) => s.name === 'condorpool'),
    ...sites.filter((s) => s.type === 'stageable' && s.pfn.startsWith('file://')),
  ];
  const entry = pfnOverride !== undefined ? undefined : candidates.find((s) => localPath(s.pfn, s.name === 'condorpool' ? 'local' : s.name, context.baseDir) !== undefined);
  let executable: string | undefined;
  if (pfnOverride !== undefined) executable = localPath(scalarText(pfnOverride), 'local', context.baseDir);
  else if (entry) executable = localPath(entry.pfn, entry.name === 'condorpool' ? 'local' : entry.name, context.baseDir);
  if (executable === undefined) {
    const where = sites.map((s) => `${s.name}: ${s.pfn}`).join(', ') || 'no site';
    diagnostics.push(error('PC502', `Job '${job.id}': transformation '${key}' has no executable on this machine (${where}); a local run needs a PFN at site local.`, job.id));
    return undefined;
  }
  const stage = entry?.type === 'stageable';
  const inContainer = entry?.container !== undefined;
  if (!inContainer && !context.isFile(executable)) {
    diagnostics.push(error('PC503', `Job '${job.id}': executable '${executable}' of '${key}' does not exist.`, job.id));
    return undefined;
  }
  if (!inContainer && !stage && !context.isExecutable(executable)) {
    diagnostics.push(error('PC503', `Job '${job.id}': '${executable}' of '${key}' is not executable (chmod +x).`, job.id));
    return undefined;
  }
  let container: ContainerLaunch | undefined;
  if (entry?.container !== undefined) {
    const spec = lookup.container(entry.container);
    if (!spec) {
      diagnostics.push(error('PC504', `Job '${job.id}': container '${entry.container}' of '${key}' is not in the transformation catalog.`, job.id));
      return undefined;
    }
    const names = CONTAINER_RUNTIMES[spec.type];
    const installed = names.map((name) => context.which(name)).filter((found): found is string => found !== undefined);
    const runtime = installed.find((found) => context.runtimeProblem?.(found) === undefined);
    if (!runtime) {
      const why = installed.length === 0 ? `no container runtime (${names.join(', ')}) is installed here` : installed.map((found) => context.runtimeProblem?.(found)).join('; ');
      diagnostics.push(error('PC504', `Job '${job.id}' runs in the ${spec.type} container '${spec.name}', but ${why}.`, job.id));
      return undefined;
    }
    container = { runtime, type: spec.type, image: spec.image, mounts: spec.mounts ?? [] };
  }

  const profiles = mergeProfiles(context.propertyEnv ? { env: { ...context.propertyEnv } } : undefined, job.profiles, siteProfiles, transformation?.profiles, entry?.profiles);
  const resources = resourcesOf(job, profiles, context, diagnostics);
  if (!resources) return undefined;
  return {
    index,
    id: job.id,
    kind: 'process',
    executable: { source: executable, stage: stage && !inContainer, name: key.replace(/[^A-Za-z0-9._-]/g, '_') },
    ...(container ? { container } : {}),
    args: splitArguments(job.arguments),
    env: envOf(profiles),
    ...resources,
    ...(job.stdin !== undefined ? { stdin: job.stdin } : {}),
    ...(job.stdout !== undefined ? { stdout: job.stdout } : {}),
    ...(job.stderr !== undefined ? { stderr: job.stderr } : {}),
    outputs: outputsOf(job),
  };
}

async function planSubWorkflow(
  job: SubWorkflowJob,
  index: number,
  produced: ReadonlySet<string>,
  lookup: CatalogLookup,
  inlineReplicas: readonly Replica[],
  context: PreflightContext,
  diagnostics: Diagnostic[],
): Promise<PlannedJob | undefined> {
  if (job.type === 'condorWorkflow') {
    diagnostics.push(error('PC505', `Job '${job.id}' runs the DAGMan file '${job.file}' (condorWorkflow), which needs HTCondor; a local run cannot.`, job.id));
    return undefined;
  }
  const resources = resourcesOf(job, job.profiles ?? {}, context, diagnostics);
  if (!resources) return undefined;
  // A sub-workflow holds no slot itself: its child run draws its jobs from the same pool.
  const base: PlannedJob = { index, id: job.id, kind: 'subworkflow', args: [], env: {}, ...resources, cores: 0, memoryMb: 0, outputs: outputsOf(job), subWorkflow: { lfn: job.file, path: '' } };
  if (!context.loadSubWorkflow) {
    diagnostics.push(error('PC509', `Sub-workflow job '${job.id}': no workflow reader was given to the executor.`, job.id));
    return undefined;
  }
  if (produced.has(job.file)) return base; // written by an earlier job: read from scratch when it starts
  const candidates = [
    ...lookup.pfns(job.file).map((p) => localPath(p.pfn, p.site, context.baseDir)),
    path.resolve(context.baseDir, job.file),
  ];
  const file = candidates.find((candidate) => candidate !== undefined && context.isFile(candidate));
  if (!file) {
    const looked = [...new Set(candidates.filter((c): c is string => c !== undefined))].join(', ');
    diagnostics.push(error('PC509', `Sub-workflow job '${job.id}': '${job.file}' is not on this machine (looked for ${looked}).`, job.id));
    return undefined;
  }
  const loaded = await context.loadSubWorkflow(file);
  if (!loaded.ok) {
    diagnostics.push(error('PC509', `Sub-workflow job '${job.id}': '${file}' cannot be read: ${loaded.diagnostics.map((d) => d.message).join('; ')}`, job.id));
    return undefined;
  }
  // The child's inputs that the parent job lists are staged (or produced) by the parent.
  const provided = new Set<string>(context.providedLfns ?? []);
  forEachFileRole(job, (lfn, role) => role === 'consumes' && provided.add(lfn));
  const child = await preflight(loaded.bundle, { ...context, baseDir: path.dirname(file), providedLfns: provided, inheritedReplicas: inlineReplicas });
  for (const d of child.diagnostics) diagnostics.push({ ...d, message: `In sub-workflow '${job.id}': ${d.message}`, target: { kind: 'job', jobId: job.id } });
  return { ...base, subWorkflow: { lfn: job.file, path: file } };
}

function resourcesOf(job: Job, profiles: ReturnType<typeof mergeProfiles>, context: PreflightContext, diagnostics: Diagnostic[]): Pick<PlannedJob, 'cores' | 'memoryMb' | 'retries'> | undefined {
  // An explicit condor key wins over the pegasus one, as in the planner's translation.
  const cores = Math.max(1, Math.ceil(scalarNumber(profiles.condor?.request_cpus) ?? scalarNumber(profiles.pegasus?.cores) ?? 1));
  const memoryMb = Math.max(0, scalarNumber(profiles.condor?.request_memory) ?? scalarNumber(profiles.pegasus?.memory) ?? 0);
  const retries = Math.max(0, Math.floor(scalarNumber(profiles.dagman?.RETRY) ?? context.defaultRetries));
  if (cores > context.machine.cores) {
    diagnostics.push(error('PC507', `Job '${job.id}' asks for ${cores} cores; this machine has ${context.machine.cores}.`, job.id));
    return undefined;
  }
  if (memoryMb > context.machine.memoryMb) {
    diagnostics.push(error('PC508', `Job '${job.id}' asks for ${memoryMb} MB of memory; this machine has ${Math.floor(context.machine.memoryMb)} MB.`, job.id));
    return undefined;
  }
  return { cores, memoryMb, retries };
}

function envOf(profiles: ReturnType<typeof mergeProfiles>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(profiles.env ?? {})) env[key] = scalarText(value);
  return env;
}

/** A job on a cycle, or undefined (Kahn's algorithm). Cost: O(n + e). */
function findCycleJob(graph: DependencyGraph): number | undefined {
  const indegree = new Uint32Array(graph.nodeCount);
  for (let e = 0; e < graph.targets.length; e++) indegree[graph.targets[e]!]!++;
  const queue: number[] = [];
  for (let v = 0; v < graph.nodeCount; v++) if (indegree[v] === 0) queue.push(v);
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i]!;
    for (let e = graph.offsets[v]!; e < graph.offsets[v + 1]!; e++) if (--indegree[graph.targets[e]!]! === 0) queue.push(graph.targets[e]!);
  }
  if (queue.length === graph.nodeCount) return undefined;
  return indegree.findIndex((d) => d > 0);
}
