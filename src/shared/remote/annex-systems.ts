import bundledTable from './annex-systems.data.json';

/**
 * The systems and queues `htcondor annex` knows, with each queue's limits.
 *
 * The bundled table is HTCondor's `SYSTEM_TABLE` (annex_validate.py) as data; the live list
 * comes from `htcondor annex systems` on the ACCESS Pegasus host (an older or newer HTCondor
 * there may list other systems), and {@link mergeLiveSystems} joins the two.
 */

/** How a queue hands out resources: whole nodes, a share of a node, or a share of a GPU node. */
export type AllocationType = 'node' | 'cores_or_ram' | 'gpu-shared';

export interface AnnexQueue {
  name: string;
  allocationType: AllocationType;
  maxNodesPerJob?: number;
  /** Longest lease in seconds. */
  maxDuration?: number;
  coresPerNode?: number;
  /** MB. */
  ramPerNode?: number;
  gpusPerNode?: number;
  maxJobsInQueue?: number;
  /** Queues with several GPU models (Bridges-2): the request must name one. */
  gpuTypes?: string[];
  /** `job`: the GPU count is multiplied by the node count when the request is made. */
  gpuFlagType?: 'job';
  /** Expanse `gpu`: memory defaults to the whole node. */
  memoryRequired?: boolean;
}

/** Which upstream class validates the system; two systems compute limits in code. */
export type SystemClass = 'System' | 'Bridges2System' | 'PerlmutterSystem' | 'AWSEC2System';

export interface AnnexSystem {
  /** The name used after `@` in `queue@system`. */
  name: string;
  prettyName: string;
  hostName?: string;
  defaultQueue: string;
  batchSystem: string;
  projectRequired: boolean;
  systemClass: SystemClass;
  queues: AnnexQueue[];
  /** False when the system came from the host's list but the bundled table does not know it. */
  limitsKnown: boolean;
}

interface RawQueue {
  max_nodes_per_job?: number | null;
  max_duration?: number | null;
  allocation_type: string;
  cores_per_node?: number | null;
  ram_per_node?: number | null;
  gpus_per_node?: number | null;
  max_jobs_in_queue?: number | null;
  gpu_types?: string[];
  gpu_flag_type?: string;
  memory_required?: boolean;
}

interface RawSystem {
  pretty_name: string;
  host_name: string | null;
  default_queue: string;
  batch_system: string;
  project_required: boolean;
  system_class: string;
  queues: Record<string, RawQueue>;
}

function optionalNumber(value: number | null | undefined): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

function toQueue(name: string, raw: RawQueue): AnnexQueue {
  const queue: AnnexQueue = { name, allocationType: raw.allocation_type as AllocationType };
  const assign = <K extends keyof AnnexQueue>(key: K, value: AnnexQueue[K] | undefined) => {
    if (value !== undefined) queue[key] = value;
  };
  assign('maxNodesPerJob', optionalNumber(raw.max_nodes_per_job));
  assign('maxDuration', optionalNumber(raw.max_duration));
  assign('coresPerNode', optionalNumber(raw.cores_per_node));
  assign('ramPerNode', optionalNumber(raw.ram_per_node));
  assign('gpusPerNode', optionalNumber(raw.gpus_per_node));
  assign('maxJobsInQueue', optionalNumber(raw.max_jobs_in_queue));
  assign('gpuTypes', raw.gpu_types ? [...raw.gpu_types] : undefined);
  assign('gpuFlagType', raw.gpu_flag_type === 'job' ? 'job' : undefined);
  assign('memoryRequired', raw.memory_required === true ? true : undefined);
  return queue;
}

/** The table bundled with the app, used when the host cannot be asked. Cost: O(queues). */
export function bundledAnnexSystems(): AnnexSystem[] {
  const systems = (bundledTable as unknown as { systems: Record<string, RawSystem> }).systems;
  return Object.entries(systems).map(([name, raw]) => ({
    name,
    prettyName: raw.pretty_name,
    ...(raw.host_name ? { hostName: raw.host_name } : {}),
    defaultQueue: raw.default_queue,
    batchSystem: raw.batch_system,
    projectRequired: raw.project_required,
    systemClass: raw.system_class as SystemClass,
    queues: Object.entries(raw.queues).map(([queueName, queue]) => toQueue(queueName, queue)),
    limitsKnown: true,
  }));
}

/** A system and its queues as `htcondor annex systems` lists them. */
export interface ListedSystem {
  name: string;
  queues: string[];
}

/**
 * Parses `htcondor annex systems`: a system name indented by 4 spaces, its queues by 8, a
 * blank line between systems. Lines in any other shape are ignored so that a banner or a
 * warning printed by the host does not break the list. Returns an error when nothing in the
 * text looks like a system, so the caller can fall back to the bundled table.
 */
export function parseAnnexSystemsOutput(text: string): { ok: true; systems: ListedSystem[] } | { ok: false; message: string } {
  const systems: ListedSystem[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const system = /^ {4}(\S+)\s*$/.exec(rawLine);
    if (system) {
      systems.push({ name: system[1]!, queues: [] });
      continue;
    }
    const queue = /^ {8}(\S+)\s*$/.exec(rawLine);
    if (queue && systems.length > 0) systems[systems.length - 1]!.queues.push(queue[1]!);
  }
  if (systems.length === 0) {
    return { ok: false, message: 'The output of `htcondor annex systems` lists no systems (expected lines indented by 4 and 8 spaces).' };
  }
  return { ok: true, systems };
}

/**
 * The systems the host lists, with limits from the bundled table where it knows the system
 * and queue. A queue the table does not know is kept with unknown limits (the host's
 * HTCondor is authoritative about what exists); a bundled system the host does not list is
 * dropped (the host would refuse it).
 */
export function mergeLiveSystems(bundled: AnnexSystem[], listed: ListedSystem[]): AnnexSystem[] {
  const byName = new Map(bundled.map((system) => [system.name, system]));
  return listed.map((entry) => {
    const known = byName.get(entry.name);
    if (!known) {
      return {
        name: entry.name,
        prettyName: entry.name,
        defaultQueue: entry.queues[0] ?? '',
        batchSystem: 'unknown',
        projectRequired: false,
        systemClass: 'System',
        queues: entry.queues.map((name) => ({ name, allocationType: 'node' as const })),
        limitsKnown: false,
      };
    }
    const queues = entry.queues.map(
      (name) => known.queues.find((queue) => queue.name === name) ?? { name, allocationType: 'node' as const },
    );
    return { ...known, queues };
  });
}

/** Finds a system by its `@system` name; system names are case-folded as `htcondor annex` does. */
export function findSystem(systems: AnnexSystem[], name: string): AnnexSystem | undefined {
  const folded = name.toLowerCase();
  return systems.find((system) => system.name.toLowerCase() === folded);
}
