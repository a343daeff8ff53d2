import type { Diagnostic } from '../model/diagnostic';
import { forEachFileRole } from '../infer';
import type { Workflow } from '../model/workflow';
import { lookupReplicas, outputUrl, scratchUrl, type PlanCatalogs } from './catalogs';
import { PLAN_CODES, planError } from './diagnostics';
import { extendState } from './graph-utils';
import { profileNumber } from './profiles';
import type { FileTransfer, PlanJob, PlanState, ResolvedPlanOptions } from './types';

/** A replica that a registration job must insert, found while adding stage-out jobs. */
export interface RegistrationRequest {
  stagingSite: string;
  level: number;
  /** Index of the stage-out container it pairs with: the register job is `register_<site>_<level>_<n>`. */
  container: number;
  lfn: string;
  site: string;
  url: string;
  /** The job the register job follows: the stage-out job, or the producer when nothing is staged out. */
  parent: number;
}

/** Compute jobs per transfer job when no `stagein.clusters`/`stageout.clusters` profile says (BalancedCluster). */
const JOBS_PER_TRANSFER_JOB = 10;

type ContainerKind = 'stage-in-local' | 'stage-in-remote' | 'inter' | 'stage-out';

interface Container {
  count: number;
  next: number;
  jobs: Array<PlanJob & { transfers: FileTransfer[] }>;
  indices: number[];
}

const PREFIX: Record<ContainerKind, string> = {
  'stage-in-local': 'stage_in_local_',
  'stage-in-remote': 'stage_in_remote_',
  inter: 'stage_inter_local_',
  'stage-out': 'stage_out_local_',
};

/**
 * Stage-in, inter-site and stage-out jobs (`TransferEngine.addTransferNodes` with the default
 * `BalancedCluster` refiner). Jobs are walked level by level. For each input: if a kept job
 * produces it on the same staging site, the existing edge is enough; on another staging site
 * it is moved by an inter-site job; otherwise it is staged in from the replica catalog (a
 * replica on the staging site preferred), once per staging site. Stageable executables are
 * staged in the same way. A transfer runs on the staging site (`stage_in_remote_…`) when its
 * source is a `file://` URL on that site, else on the submit host (`stage_in_local_…`).
 * With output sites, `stageOut: true` outputs get stage-out jobs; `registerReplica: true`
 * outputs become {@link RegistrationRequest}s for the registration pass.
 *
 * Per level and staging site there are `stagein.clusters` (resp. `stageout.clusters`) transfer
 * jobs, default ⌈jobs on the level / 10⌉; files are dealt to them round robin.
 * Cost: O(jobs + uses) plus one replica lookup per staged input.
 */
export function addTransfers(
  state: PlanState,
  workflow: Workflow,
  catalogs: PlanCatalogs,
  options: ResolvedPlanOptions,
  pruned?: Uint8Array,
): { state: PlanState; registrations: RegistrationRequest[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const jobs = state.jobs;
  const newJobs: PlanJob[] = [];
  const edgeFrom: number[] = [];
  const edgeTo: number[] = [];
  const registrations: RegistrationRequest[] = [];

  const producer = new Map<string, number>();
  jobs.forEach((planJob, index) => {
    for (const task of planJob.tasks)
      forEachFileRole(workflow.jobs[task]!, (lfn, role) => role === 'produces' && producer.set(lfn, index));
  });

  let maxLevel = 0;
  for (const job of jobs) maxLevel = Math.max(maxLevel, job.level);
  const perLevel = new Uint32Array(maxLevel + 2);
  for (const job of jobs) perLevel[job.level + 1]!++;
  const jobsAtLevel = perLevel.slice(1);
  for (let l = 0; l <= maxLevel; l++) perLevel[l + 1]! += perLevel[l]!;
  const byLevel = new Uint32Array(jobs.length);
  const cursor = perLevel.slice(0, maxLevel + 1);
  jobs.forEach((job, index) => (byLevel[cursor[job.level]!++] = index));

  const scratch = new Map<string, string>();
  const scratchOf = (site: string): string => {
    let url = scratch.get(site);
    if (url === undefined) scratch.set(site, (url = scratchUrl(catalogs, site, options.relativeDir)));
    return url;
  };

  const containers = new Map<string, Container>();
  const stagedBySite = new Map<string, Map<string, number>>();
  const base = jobs.length;

  // Container keys are built once per (kind, job), not once per file.
  let keyJob = -1;
  const keys: Partial<Record<ContainerKind, string>> = {};
  const containerKey = (kind: ContainerKind, stagingSite: string, level: number, owner: number): string => {
    if (owner !== keyJob) {
      keyJob = owner;
      for (const k of Object.keys(keys) as ContainerKind[]) delete keys[k];
    }
    return (keys[kind] ??= `${kind}\u0000${stagingSite}\u0000${level}`);
  };
  const containerFor = (kind: ContainerKind, stagingSite: string, level: number, ownerIndex: number): Container => {
    const key = containerKey(kind, stagingSite, level, ownerIndex);
    let container = containers.get(key);
    if (!container) {
      const count = bundleCount(kind, jobs[ownerIndex]!, workflow, catalogs, jobsAtLevel[level] ?? 1);
      container = { count, next: 0, jobs: [], indices: [] };
      containers.set(key, container);
    }
    return container;
  };
  // The slot of the last placed transfer (returned beside the job index without an object per file).
  let placedSlot = 0;
  const place = (
    kind: ContainerKind,
    stagingSite: string,
    level: number,
    ownerIndex: number,
    transfer: FileTransfer,
  ): number => {
    const container = containerFor(kind, stagingSite, level, ownerIndex);
    const slot = container.next++ % container.count;
    if (container.indices[slot] === undefined) {
      const job: PlanJob & { transfers: FileTransfer[] } = {
        name: `${PREFIX[kind]}${stagingSite}_${level}_${slot}`,
        kind: kind === 'stage-out' ? 'stage-out' : kind === 'inter' ? 'inter-site' : 'stage-in',
        site: kind === 'stage-in-remote' ? stagingSite : 'local',
        stagingSite,
        level,
        tasks: [],
        transformation: 'pegasus::transfer',
        category: kind === 'stage-out' ? 'stageout' : 'stagein',
        transfers: [],
      };
      container.jobs[slot] = job;
      container.indices[slot] = base + newJobs.length;
      newJobs.push(job);
    }
    container.jobs[slot]!.transfers.push(transfer);
    placedSlot = slot;
    return container.indices[slot]!;
  };

  const located = new Map<number, PlanJob>();
  for (const index of byLevel) {
    const planJob = jobs[index]!;
    const stagingSite = planJob.stagingSite;
    if (stagingSite === undefined) continue;
    if (planJob.kind === 'dax' || planJob.kind === 'dag') {
      const path = locateSubWorkflow(planJob, workflow, catalogs, producer, jobs, scratchOf, diagnostics);
      if (path !== undefined) located.set(index, { ...planJob, subWorkflowPath: path });
    }
    let staged = stagedBySite.get(stagingSite);
    if (!staged) stagedBySite.set(stagingSite, (staged = new Map()));
    // Duplicate edges are fine: the final graph merges them (buildDag), so no set per job.
    // (No closures in this loop: one allocated per job costs more than the work it does.)
    const scratchBase = scratchOf(stagingSite);

    for (const input of inputsOf(planJob, workflow)) {
      const from = producer.get(input.lfn);
      const fileKey = input.lfn;
      if (from !== undefined && from !== index) {
        const source = jobs[from]!;
        if (source.stagingSite === stagingSite || source.stagingSite === undefined) continue;
        const known = staged.get(fileKey);
        if (known !== undefined) {
          edgeFrom.push(known);
          edgeTo.push(index);
          continue;
        }
        const placed = place('inter', stagingSite, planJob.level, index, {
          lfn: input.lfn,
          linkage: 'input',
          source: { site: source.stagingSite, url: `${scratchOf(source.stagingSite)}/${input.lfn}` },
          destination: { site: stagingSite, url: `${scratchBase}/${input.lfn}` },
          bytes: input.bytes,
        });
        staged.set(fileKey, placed);
        edgeFrom.push(from);
        edgeTo.push(placed);
        edgeFrom.push(placed);
        edgeTo.push(index);
        continue;
      }
      const known = staged.get(fileKey);
      if (known !== undefined) {
        edgeFrom.push(known);
        edgeTo.push(index);
        continue;
      }
      const replicas = lookupReplicas(catalogs.replicas, input.lfn);
      if (replicas.length === 0) {
        diagnostics.push(
          planError(
            PLAN_CODES.noReplica,
            `Job ${workflow.jobs[input.task]!.id}: input ${input.lfn} has no replica in the replica catalog and no job produces it.`,
            { kind: 'file', lfn: input.lfn, jobId: workflow.jobs[input.task]!.id },
          ),
        );
        continue;
      }
      // Bypassed inputs go straight from their replica to the job (PegasusLite fetches them).
      if (input.bypass && planJob.dataConfiguration !== 'sharedfs') continue;
      const replica = replicas.find((r) => r.site === stagingSite) ?? replicas[0]!;
      const remote = replica.url.startsWith('file://') && replica.site === stagingSite;
      const bytes = input.bytes ?? replica.bytes;
      const placed = place(remote ? 'stage-in-remote' : 'stage-in-local', stagingSite, planJob.level, index, {
        lfn: input.lfn,
        linkage: 'input',
        source: { site: replica.site, url: replica.url },
        destination: { site: stagingSite, url: `${scratchBase}/${input.lfn}` },
        bytes,
      });
      staged.set(fileKey, placed);
      edgeFrom.push(placed);
      edgeTo.push(index);
    }

    for (const exe of planJob.executables ?? []) {
      const fileKey = exe.lfn;
      const known = staged.get(fileKey);
      if (known !== undefined) {
        edgeFrom.push(known);
        edgeTo.push(index);
        continue;
      }
      const remote = exe.source.url.startsWith('file://') && exe.source.site === stagingSite;
      const placed = place(remote ? 'stage-in-remote' : 'stage-in-local', stagingSite, planJob.level, index, {
        lfn: exe.lfn,
        linkage: 'input',
        source: exe.source,
        destination: { site: stagingSite, url: `${scratchBase}/${exe.lfn}` },
        executable: true,
      });
      staged.set(fileKey, placed);
      edgeFrom.push(placed);
      edgeTo.push(index);
    }

    if (options.outputSites.length === 0) continue;

    for (const output of outputsOf(planJob, workflow)) {
      if (!output.stageOut) {
        if (!output.register) continue;
        // Registered where it is made: a direct child of the producer, no stage-out.
        // It takes its turn in the stage-out round robin, as pegasus-plan's empty transfer does.
        const container = containerFor('stage-out', stagingSite, planJob.level, index);
        const slot = container.next++ % container.count;
        registrations.push({
          stagingSite,
          level: planJob.level,
          container: slot,
          lfn: output.lfn,
          site: stagingSite,
          url: `${scratchBase}/${output.lfn}`,
          parent: index,
        });
        continue;
      }
      for (const site of options.outputSites) {
        const target = { site, url: outputUrl(catalogs, site, output.lfn) };
        const placed = place('stage-out', stagingSite, planJob.level, index, {
          lfn: output.lfn,
          linkage: 'output',
          source: { site: stagingSite, url: `${scratchBase}/${output.lfn}` },
          destination: target,
          bytes: output.bytes,
        });
        edgeFrom.push(index);
        edgeTo.push(placed);
        if (output.register)
          registrations.push({
            stagingSite,
            level: planJob.level,
            container: placedSlot,
            lfn: output.lfn,
            ...target,
            parent: placed,
          });
      }
    }
  }

  if (pruned && options.outputSites.length > 0) {
    stageOutPruned(workflow, catalogs, options, pruned, base, newJobs, registrations);
  }

  const withPaths = located.size === 0 ? state : { ...state, jobs: jobs.map((job, i) => located.get(i) ?? job) };
  return { state: extendState(withPaths, newJobs, edgeFrom, edgeTo), registrations, diagnostics };
}

/** pegasus-plan's level for the outputs of jobs removed by data reuse (`TransferEngine.DELETED_JOBS_LEVEL`). */
export const DELETED_JOBS_LEVEL = 1000;

/** Stage-out jobs for those outputs (`BalancedCluster.DEFAULT_TX_JOBS_FOR_DELETED_JOBS`). */
const DELETED_JOBS_TRANSFER_JOBS = 10;

/**
 * Outputs of jobs removed by data reuse still go to the output sites (`TransferEngine`, the
 * deleted jobs loop): each `stageOut: true` output is copied from its replica to every output
 * site where it is not already, by stage-out jobs of level 1000 run from `local` with no
 * parents, files dealt round robin over up to 10 of them; registration follows as for the
 * other stage-outs. Cost: O(outputs of pruned jobs).
 */
function stageOutPruned(
  workflow: Workflow,
  catalogs: PlanCatalogs,
  options: ResolvedPlanOptions,
  pruned: Uint8Array,
  /** Index of `newJobs[0]` in the state. */
  base: number,
  newJobs: PlanJob[],
  registrations: RegistrationRequest[],
): void {
  const slots: Array<PlanJob & { transfers: FileTransfer[] }> = [];
  const indices: number[] = [];
  let next = 0;
  for (let i = 0; i < workflow.jobs.length; i++) {
    if (!pruned[i]) continue;
    for (const use of workflow.jobs[i]!.uses) {
      if (use.type !== 'output' || use.stageOut !== true) continue;
      const replica = lookupReplicas(catalogs.replicas, use.lfn)[0];
      if (!replica) continue;
      for (const site of options.outputSites) {
        const url = outputUrl(catalogs, site, use.lfn);
        if (url === replica.url || `file://${replica.url}` === url) continue;
        const slot = next++ % DELETED_JOBS_TRANSFER_JOBS;
        if (slots[slot] === undefined) {
          slots[slot] = {
            name: `stage_out_local_local_${DELETED_JOBS_LEVEL}_${slot}`,
            kind: 'stage-out',
            site: 'local',
            // No staging site: it copies between replica and output site and never touches the
            // workflow directory, so create-dir and cleanup leave it alone.
            level: DELETED_JOBS_LEVEL,
            tasks: [],
            transformation: 'pegasus::transfer',
            category: 'stageout',
            transfers: [],
          };
          indices[slot] = base + newJobs.length;
          newJobs.push(slots[slot]);
        }
        slots[slot].transfers.push({
          lfn: use.lfn,
          linkage: 'output',
          source: { site: replica.site, url: replica.url },
          destination: { site, url },
          bytes: parseSize(use.size) ?? replica.bytes,
        });
        if (use.registerReplica === true) {
          registrations.push({
            stagingSite: 'local',
            level: DELETED_JOBS_LEVEL,
            container: slot,
            lfn: use.lfn,
            site,
            url,
            parent: indices[slot]!,
          });
        }
      }
    }
  }
}

const NONE: ReadonlySet<string> = new Set();

/**
 * The path pegasus-plan hands to a sub-workflow job: the workflow or DAG file's replica
 * (one on `local` preferred, `file://` stripped), or, when a job of this workflow makes it,
 * its copy in that job's scratch directory. Neither is an error (PC411), as in pegasus-plan.
 */
function locateSubWorkflow(
  planJob: PlanJob,
  workflow: Workflow,
  catalogs: PlanCatalogs,
  producer: ReadonlyMap<string, number>,
  jobs: readonly PlanJob[],
  scratchOf: (site: string) => string,
  diagnostics: Diagnostic[],
): string | undefined {
  const abstract = workflow.jobs[planJob.tasks[0]!]!;
  if (abstract.type === 'job') return undefined;
  const replicas = lookupReplicas(catalogs.replicas, abstract.file);
  const replica = replicas.find((r) => r.site === 'local') ?? replicas[0];
  if (replica) return replica.url.replace(/^file:\/\//, '');
  const from = producer.get(abstract.file);
  const site = from === undefined ? undefined : jobs[from]!.stagingSite;
  if (site !== undefined) return `${scratchOf(site)}/${abstract.file}`.replace(/^file:\/\//, '');
  diagnostics.push(
    planError(
      PLAN_CODES.subWorkflowFile,
      `Job ${abstract.id}: its ${abstract.type} file ${abstract.file} has no replica in the replica catalog and no job produces it.`,
      {
        kind: 'file',
        lfn: abstract.file,
        jobId: abstract.id,
      },
    ),
  );
  return undefined;
}

interface InputFile {
  lfn: string;
  task: number;
  bytes?: number;
  /** `bypass: true`: the job fetches the file from its replica itself, nothing is staged. */
  bypass: boolean;
}

/** Inputs a job reads from outside itself: a cluster's internal files and a sub-workflow's own file are not staged. */
function inputsOf(planJob: PlanJob, workflow: Workflow): InputFile[] {
  const produced: Set<string> | ReadonlySet<string> = planJob.tasks.length > 1 ? new Set<string>() : NONE;
  if (planJob.tasks.length > 1) {
    for (const task of planJob.tasks)
      forEachFileRole(workflow.jobs[task]!, (lfn, role) => role === 'produces' && (produced as Set<string>).add(lfn));
  }
  // A set only when the job is large: most jobs have a handful of files, and a linear check is cheaper there.
  const seen =
    planJob.tasks.length > 1 || (workflow.jobs[planJob.tasks[0]!]?.uses.length ?? 0) > 16
      ? new Set<string>()
      : undefined;
  const inputs: InputFile[] = [];
  const add = (lfn: string, task: number, size: string | undefined, bypass: boolean): void => {
    if (produced.has(lfn)) return;
    if (seen) {
      if (seen.has(lfn)) return;
      seen.add(lfn);
    } else if (inputs.some((input) => input.lfn === lfn)) return;
    inputs.push({ lfn, task, bytes: parseSize(size), bypass });
  };
  // The files a job consumes, as `forEachFileRole` counts them: input uses, then stdin.
  for (const task of planJob.tasks) {
    const job = workflow.jobs[task]!;
    const skip = job.type === 'job' ? undefined : job.file;
    for (const use of job.uses)
      if (use.type === 'input' && use.lfn !== skip) add(use.lfn, task, use.size, use.bypass === true);
    if (job.stdin !== undefined && job.stdin !== skip) add(job.stdin, task, undefined, false);
  }
  return inputs;
}

interface OutputFile {
  lfn: string;
  stageOut: boolean;
  register: boolean;
  bytes?: number;
}

function outputsOf(planJob: PlanJob, workflow: Workflow): OutputFile[] {
  const outputs: OutputFile[] = [];
  const seen =
    planJob.tasks.length > 1 || (workflow.jobs[planJob.tasks[0]!]?.uses.length ?? 0) > 16
      ? new Set<string>()
      : undefined;
  for (const task of planJob.tasks) {
    for (const use of workflow.jobs[task]!.uses) {
      if (use.type !== 'output') continue;
      if (seen) {
        if (seen.has(use.lfn)) continue;
        seen.add(use.lfn);
      } else if (outputs.some((o) => o.lfn === use.lfn)) continue;
      const bytes = parseSize(use.size);
      outputs.push({ lfn: use.lfn, stageOut: use.stageOut === true, register: use.registerReplica === true, bytes });
    }
  }
  return outputs;
}

function parseSize(size: string | undefined): number | undefined {
  if (size === undefined) return undefined;
  const n = Number(size);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

function bundleCount(
  kind: ContainerKind,
  owner: PlanJob,
  workflow: Workflow,
  catalogs: PlanCatalogs,
  jobsAtLevel: number,
): number {
  const job = owner.tasks.length > 0 ? workflow.jobs[owner.tasks[0]!] : undefined;
  const site = catalogs.sites.get(owner.site);
  const tx = catalogs.transformations.get(owner.transformation);
  // pegasus-plan reads these on the staging site's catalog entry first.
  const staging = owner.stagingSite === undefined ? undefined : catalogs.sites.get(owner.stagingSite);
  const keys =
    kind === 'stage-out'
      ? ['stageout.local.clusters', 'stageout.clusters']
      : kind === 'stage-in-remote'
        ? ['stagein.remote.clusters', 'stagein.clusters']
        : ['stagein.local.clusters', 'stagein.clusters'];
  for (const key of keys) {
    const value = profileNumber('pegasus', key, undefined, staging) ?? profileNumber('pegasus', key, job, site, tx);
    if (value !== undefined && value >= 1) return Math.floor(value);
  }
  return Math.max(1, Math.ceil(jobsAtLevel / JOBS_PER_TRANSFER_JOB));
}
