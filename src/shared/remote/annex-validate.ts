import { findSystem, type AnnexQueue, type AnnexSystem } from './annex-systems';

/**
 * What the user asks `htcondor annex create|add` for. Defaults are the tool's own:
 * 1 node, 3600 s lifetime, 300 s idle time.
 */
export interface AnnexRequest {
  verb: 'create' | 'add';
  annexName: string;
  system: string;
  queue: string;
  nodes?: number;
  /** Seconds. */
  lifetime?: number;
  project?: string;
  cpus?: number;
  memMb?: number;
  /** `N` or `TYPE:N`, as the tool takes it. */
  gpus?: string;
  gpuType?: string;
  /** Seconds without a job before the resource shuts itself down. */
  idleTime?: number;
  loginName?: string;
  loginHost?: string;
}

export const ANNEX_DEFAULTS = { nodes: 1, lifetime: 3600, idleTime: 300 } as const;

/** The form field a validation message belongs to. */
export type AnnexField =
  | 'annexName'
  | 'system'
  | 'queue'
  | 'nodes'
  | 'lifetime'
  | 'project'
  | 'cpus'
  | 'memMb'
  | 'gpus'
  | 'gpuType'
  | 'idleTime'
  | 'loginName';

export type AnnexValidation =
  | {
      ok: true;
      /** The GPU count the tool will pass on (multiplied by nodes for `job`-flag queues), if any. */
      gpus?: number;
      /** The queue's effective limits for this request (some systems compute them). */
      limits: AnnexQueue;
    }
  | { ok: false; field: AnnexField; message: string };

function fail(field: AnnexField, message: string): AnnexValidation {
  return { ok: false, field, message };
}

function isWholeNumber(value: number | undefined): boolean {
  return value === undefined || (Number.isInteger(value) && value >= 0);
}

/**
 * Limits that Bridges-2 and Perlmutter compute from the GPU request instead of listing them
 * (upstream `get_constraints`). Returns a message when the GPU request itself is refused.
 */
function effectiveQueue(
  system: AnnexSystem,
  queue: AnnexQueue,
  gpus: number | undefined,
  gpuType: string | undefined,
): AnnexQueue | string {
  if (system.systemClass === 'Bridges2System' && queue.name.startsWith('GPU')) {
    let limits: Partial<AnnexQueue>;
    if (gpus === 16 && gpuType === 'v100-32') limits = { coresPerNode: 48, ramPerNode: 1536 * 1024, gpusPerNode: 16, maxNodesPerJob: 1 };
    else if (gpuType === 'v100-32') limits = { coresPerNode: 40, ramPerNode: 512 * 1024, gpusPerNode: 8, maxNodesPerJob: 4 };
    else if (gpuType === 'v100-16') limits = { coresPerNode: 40, ramPerNode: 192 * 1024, gpusPerNode: 8, maxNodesPerJob: 4 };
    else return `The system ${system.prettyName} has the following types of GPUs: v100-16, v100-32.  Use --gpu-type to select.`;
    const result = { ...queue, ...limits };
    if (queue.name === 'GPU-shared') result.gpusPerNode = 4;
    return result;
  }
  if (system.systemClass === 'PerlmutterSystem') {
    const wantsGpus = gpus !== undefined && gpus > 0;
    if (queue.name === 'shared') {
      return wantsGpus ? `'${queue.name}' is not a GPU queue on the system named '${system.prettyName}'.` : queue;
    }
    if (queue.name === 'regular') {
      return wantsGpus
        ? { ...queue, maxNodesPerJob: 1536, coresPerNode: 64, ramPerNode: 256 * 1024, gpusPerNode: 4 }
        : { ...queue, maxNodesPerJob: 3072, coresPerNode: 128, ramPerNode: 512 * 1023 };
    }
    if (queue.name === 'debug') {
      return wantsGpus
        ? { ...queue, coresPerNode: 64, ramPerNode: 256 * 1024, gpusPerNode: 4 }
        : { ...queue, coresPerNode: 128, ramPerNode: 512 * 1024 };
    }
  }
  return queue;
}

/** Checks that only Bridges-2 makes (upstream `validate_system_specific_constraints`). */
function systemSpecific(system: AnnexSystem, queue: string, cpus: number | undefined, memMb: number | undefined): AnnexValidation | undefined {
  if (system.systemClass !== 'Bridges2System') return undefined;
  if (queue === 'RM-shared' && memMb !== undefined) {
    return fail('memMb', "The 'RM-shared' queue assigns memory proportional to the number of CPUs.  Do not specify --mem_mb for this queue.");
  }
  if (queue === 'EM') {
    if (cpus === undefined || cpus % 24 !== 0) {
      return fail('cpus', "The 'EM-shared' queue only allows requests of 24, 47, 72, or 96 CPUs.  Use --cpus to specify.");
    }
    if (memMb !== undefined) {
      return fail('memMb', "The 'EM-shared' queue assigns memory proportional to the number of CPUs.  Do not specify --mem_mb for this queue.");
    }
  }
  if (queue === 'GPU-shared' && (cpus !== undefined || memMb !== undefined)) {
    return fail(
      cpus !== undefined ? 'cpus' : 'memMb',
      "The 'GPU-shared' queue assigns CPUs and memory proportional to the number of GPUs.  Do not specify --cpus or --mem_mb for this partition.",
    );
  }
  return undefined;
}

/**
 * Checks a create/add request with the rules `htcondor annex` applies before it contacts
 * anything (upstream `validate_constraints`, in its order: queue A, shared/whole-node B–D,
 * GPU-shared J, lifetime E, idle time G, project H, GPUs I/L/M, system-specific K), and
 * returns the tool's own message for the first rule broken, with the form field it is about.
 * Checks of the form itself (whole numbers, a name) come first. Cost: O(queues of the system).
 */
export function validateAnnexRequest(systems: AnnexSystem[], request: AnnexRequest): AnnexValidation {
  if (!request.annexName.trim()) return fail('annexName', 'Give the annex a name (on ACCESS Pegasus, your username).');
  for (const field of ['nodes', 'lifetime', 'cpus', 'memMb', 'idleTime'] as const) {
    if (!isWholeNumber(request[field])) return fail(field, `${fieldLabel(field)} must be a whole number.`);
  }

  const system = findSystem(systems, request.system);
  if (!system) {
    const names = systems.map((candidate) => candidate.name).join('\n    ');
    return fail('system', `'${request.system}' is not a supported system.  Supported systems are:\n    ${names}`);
  }

  const nodes = request.nodes ?? ANNEX_DEFAULTS.nodes;
  const lifetime = request.lifetime ?? ANNEX_DEFAULTS.lifetime;
  const idleTime = request.idleTime ?? ANNEX_DEFAULTS.idleTime;
  const { cpus, memMb } = request;

  // `--gpus TYPE:N` sets the GPU type too.
  let gpuType = request.gpuType?.trim() || undefined;
  let gpus: number | undefined;
  if (request.gpus !== undefined && request.gpus.trim() !== '') {
    const text = request.gpus.trim();
    const colon = text.indexOf(':');
    const countText = colon >= 0 ? text.slice(colon + 1) : text;
    if (colon >= 0) gpuType = text.slice(0, colon);
    if (!/^\d+$/.test(countText)) return fail('gpus', `GPUs (--gpus) must be a number or TYPE:NUMBER, not '${text}'.`);
    gpus = Number(countText);
  }

  // (A) a known queue, with its effective limits.
  const listed = system.systemClass === 'AWSEC2System' ? system.queues[0] : system.queues.find((queue) => queue.name === request.queue);
  if (!listed || (system.systemClass === 'AWSEC2System' && !request.queue)) {
    const queueList = system.queues.map((queue) => queue.name).join('\n    ');
    return fail(
      'queue',
      `'${request.queue}' is not a supported queue on the system named '${system.prettyName}'.  Supported queues are:\n    ${queueList}\nUse '${system.defaultQueue}' if you're not sure.`,
    );
  }
  const effective = effectiveQueue(system, system.systemClass === 'AWSEC2System' ? { ...listed, name: request.queue } : listed, gpus, gpuType);
  if (typeof effective === 'string') return fail(gpuType === undefined ? 'gpuType' : 'gpus', effective);
  const queue = effective;
  const name = queue.name;
  const maxNodes = queue.maxNodesPerJob;
  const nodesOverLimit = () =>
    maxNodes !== undefined && nodes > maxNodes ? fail('nodes', `The '${name}' queue is limited to ${maxNodes} nodes per job.  Use --nodes to set.`) : undefined;

  // (B) a shared queue needs CPUs or memory.
  if (cpus === undefined && memMb === undefined && queue.allocationType === 'cores_or_ram') {
    return fail('cpus', `The '${name}' queue is not a whole-node queue.  You must specify either CPUs (--cpus) or memory (--mem_mb).`);
  }
  // (C) a whole-node queue takes nodes, not CPUs or memory.
  if (queue.allocationType === 'node') {
    if (cpus !== undefined || memMb !== undefined) {
      return fail(
        cpus !== undefined ? 'cpus' : 'memMb',
        `The '${name}' queue is a whole-node queue.  You can't specify CPUs (--cpus) or memory (--mem_mb).`,
      );
    }
    const over = nodesOverLimit();
    if (over) return over;
  }
  // (D) a shared queue's per-node limits.
  if (queue.allocationType === 'cores_or_ram') {
    if (memMb !== undefined && queue.ramPerNode !== undefined && memMb > queue.ramPerNode) {
      return fail('memMb', `The '${name}' queue is limited to ${queue.ramPerNode} MB per node.  Use --mem_mb to set.`);
    }
    if (cpus !== undefined && queue.coresPerNode !== undefined && cpus > queue.coresPerNode) {
      return fail('cpus', `The '${name}' queue is limited to ${queue.coresPerNode} cores per node.`);
    }
    const over = nodesOverLimit();
    if (over) return over;
  }
  // (J) a GPU-shared queue sizes CPUs and memory from the GPUs.
  if (queue.allocationType === 'gpu-shared') {
    if (cpus !== undefined || memMb !== undefined) {
      return fail(
        cpus !== undefined ? 'cpus' : 'memMb',
        `The '${name}' queue always assigns CPUs and RAM in proportion to the ratio of requested GPUs to total GPUs.  You can't specify CPUs (--cpus) or memory (--mem_mb).`,
      );
    }
    const over = nodesOverLimit();
    if (over) return over;
  }
  // (E) lifetime within the queue's maximum duration.
  if (queue.maxDuration !== undefined && queue.maxDuration < lifetime) {
    return fail(
      'lifetime',
      `The '${name}' queue has a maximum duration of ${queue.maxDuration} seconds, which is less than the requested lifetime (${lifetime} seconds).  Use --lifetime to set.`,
    );
  }
  // (G) idle time within the lifetime.
  if (lifetime < idleTime) {
    return fail('idleTime', 'You may not specify an idle time (--idle-time) longer than the lifetime (--lifetime).');
  }
  // (H) a project where the system needs one.
  if (!request.project?.trim() && system.projectRequired) {
    return fail('project', `The system named '${system.prettyName}' requires you to specify a project (--project), even if you only have one.`);
  }
  // (I) GPU queues.
  const gpusPerNode = queue.gpusPerNode;
  if (gpusPerNode !== undefined) {
    if (gpus === undefined && queue.allocationType === 'node') gpus = gpusPerNode;
    if (gpus === undefined || gpus <= 0) {
      return fail('gpus', `The '${name}' queue is a GPU queue.  You must specify a number of GPUs (--gpus).`);
    }
    if (gpus > gpusPerNode) {
      return fail('gpus', `The '${name}' queue is limited to ${gpusPerNode} GPUs per node.  Use --gpus to set.`);
    }
    if (queue.allocationType === 'node' && gpus < gpusPerNode) {
      return fail('gpus', `The '${name}' queue always assigns ${gpusPerNode} GPUs per node.  Set --gpus to match.`);
    }
  } else if (gpus !== undefined && gpus > 0) {
    // (L) no GPUs from a queue without them.
    return fail('gpus', `The '${name}' queue does not offer GPUs.  Do not set --gpus for this queue.`);
  }
  // (M) GPU type only where there is a choice, and a known one.
  if (gpuType !== undefined) {
    if (!queue.gpuTypes) return fail('gpuType', `The '${name}' queue only has one type of GPU.  Do not set --gpu-type for this queue.`);
    if (!queue.gpuTypes.includes(gpuType)) {
      return fail('gpuType', `The system ${system.prettyName} has the following types of GPUs: ${queue.gpuTypes.join(', ')}.  Use --gpu-type to select.`);
    }
  }
  // (K) system-specific rules.
  const specific = systemSpecific(system, name, cpus, memMb);
  if (specific) return specific;

  if (gpusPerNode !== undefined && queue.gpuFlagType === 'job' && gpus !== undefined && gpus > 0) gpus *= nodes;
  return gpus === undefined ? { ok: true, limits: queue } : { ok: true, gpus, limits: queue };
}

function fieldLabel(field: 'nodes' | 'lifetime' | 'cpus' | 'memMb' | 'idleTime'): string {
  return { nodes: 'Nodes (--nodes)', lifetime: 'Lifetime (--lifetime)', cpus: 'CPUs (--cpus)', memMb: 'Memory (--mem_mb)', idleTime: 'Idle time (--idle-time)' }[field];
}
