import { ANNEX_DEFAULTS, type AnnexRequest } from './annex-validate';

/**
 * Command lines (as argv, quoted later by `commandLine` in quote.ts) for `htcondor annex`
 * and the HTCondor queries the Resources panel makes on the ACCESS Pegasus host.
 */

/** Names HTCondor puts in ClassAd strings; a username always fits. */
const SAFE_NAME = /^[A-Za-z0-9_.-]+$/;

/** True when `name` can be used as an annex name (it ends up inside ClassAd constraints). */
export function isSafeAnnexName(name: string): boolean {
  return SAFE_NAME.test(name);
}

/**
 * `htcondor annex create|add [options] NAME QUEUE@SYSTEM`, options in the order the ACCESS
 * Pegasus guide writes them. The node count and lifetime are always written so the line
 * says what will be requested; other options only when they differ from the tool's default.
 */
export function annexCreateArgv(request: AnnexRequest): string[] {
  const argv = ['htcondor', 'annex', request.verb];
  if (request.project?.trim()) argv.push('--project', request.project.trim());
  argv.push('--lifetime', String(request.lifetime ?? ANNEX_DEFAULTS.lifetime));
  argv.push('--nodes', String(request.nodes ?? ANNEX_DEFAULTS.nodes));
  if (request.cpus !== undefined) argv.push('--cpus', String(request.cpus));
  if (request.memMb !== undefined) argv.push('--mem_mb', String(request.memMb));
  if (request.gpus?.trim()) argv.push('--gpus', request.gpus.trim());
  if (request.gpuType?.trim()) argv.push('--gpu-type', request.gpuType.trim());
  if (request.idleTime !== undefined && request.idleTime !== ANNEX_DEFAULTS.idleTime) argv.push('--idle-time', String(request.idleTime));
  if (request.loginName?.trim()) argv.push('--login-name', request.loginName.trim());
  if (request.loginHost?.trim()) argv.push('--login-host', request.loginHost.trim());
  argv.push(request.annexName, `${request.queue}@${request.system}`);
  return argv;
}

/** `htcondor annex status [NAME]`. */
export function annexStatusArgv(name?: string): string[] {
  return name ? ['htcondor', 'annex', 'status', name] : ['htcondor', 'annex', 'status'];
}

/** `htcondor annex shutdown NAME`. */
export function annexShutdownArgv(name: string): string[] {
  return ['htcondor', 'annex', 'shutdown', name];
}

/** `htcondor annex systems`. */
export function annexSystemsArgv(): string[] {
  return ['htcondor', 'annex', 'systems'];
}

/**
 * `mkdir -p .hpc-annex`: the tool needs `~/.hpc-annex` to exist and fails otherwise. Relative
 * to the login directory, because a quoted `~` would not expand.
 */
export function ensureAnnexTmpDirArgv(): string[] {
  return ['mkdir', '-p', '.hpc-annex'];
}

/** The slots of an annex, as JSON ads (parse with `parseAnnexSlots`). The name must be safe. */
export function annexSlotsArgv(name: string): string[] {
  if (!isSafeAnnexName(name)) throw new Error(`'${name}' cannot be used as an annex name.`);
  return ['condor_status', '-constraint', `AnnexName == "${name}"`, '-json'];
}

/**
 * The jobs waiting for an annex, one `ClusterId.ProcId` a line. `htcondor annex create`
 * refuses to start when there are none, so the app checks first.
 */
export function annexTargetJobsArgv(name: string): string[] {
  if (!isSafeAnnexName(name)) throw new Error(`'${name}' cannot be used as an annex name.`);
  return ['condor_q', '-constraint', `TargetAnnexName == "${name}"`, '-af', 'ClusterId', 'ProcId', 'JobStatus'];
}

/** `whoami` on the host: the ACCESS username, which names annexes and Jetstream2 instances. */
export function whoamiArgv(): string[] {
  return ['whoami'];
}

/** `cat .condor/pilot.token`: the user's IDTOKEN for Jetstream2 instances (never logged or stored). */
export function readPilotTokenArgv(): string[] {
  return ['cat', '.condor/pilot.token'];
}
