import type { FileUse, Job } from '../model/job';
import { report, type DiagnosticSink, type ValidationContext } from './context';

/**
 * Per-job checks of `uses` and stdio: PC204 the same file twice, PC205 input and output of
 * one file, PC213 type none, PC214 type inout, PC216 keys pegasus-plan rejects, PC211 stdio
 * not in `uses`. Cost: O(uses); jobs with few uses compare pairwise instead of allocating.
 */
export function checkFileUses(context: ValidationContext): void {
  for (const job of context.workflow.jobs) checkJobFileUses(context, job);
}

/** The checks of {@link checkFileUses} for one job. Cost: O(its uses). */
export function checkJobFileUses(sink: DiagnosticSink, job: Job): void {
  const uses = job.uses;
  for (const use of uses) checkOneUse(sink, job, use);
  if (uses.length > 1) checkRepeats(sink, job);
  checkStdio(sink, job);
}

function checkOneUse(context: DiagnosticSink, job: Job, use: FileUse): void {
  const target = { kind: 'file', lfn: use.lfn, jobId: job.id } as const;
  if (use.type === 'none') {
    report(
      context,
      'PC213',
      `Job '${job.id}' uses '${use.lfn}' with type 'none'; pegasus-plan rejects it (Unsupported linkage). Use input, output or checkpoint.`,
      target,
    );
  } else if (use.type === 'inout') {
    report(
      context,
      'PC214',
      `Job '${job.id}' uses '${use.lfn}' with type 'inout', which makes no dependency; use input, output or checkpoint.`,
      target,
    );
  }
  const rejected = (['namespace', 'version', 'executable'] as const).filter((key) => use[key] !== undefined);
  if (rejected.length > 0) {
    report(
      context,
      'PC216',
      `Job '${job.id}' gives '${use.lfn}' the key(s) ${rejected.join(', ')}; the schema allows them but pegasus-plan rejects them (Illegal key).`,
      target,
    );
  }
}

function checkRepeats(context: DiagnosticSink, job: Job): void {
  const uses = job.uses;
  // Allocated only when a repeat exists: most jobs have none, and there may be 10^6 jobs.
  let groups: Map<string, FileUse[]> | undefined;
  if (uses.length <= 8) {
    for (let i = 0; i < uses.length; i++) {
      for (let j = i + 1; j < uses.length; j++) {
        if (uses[i]!.lfn !== uses[j]!.lfn) continue;
        groups ??= new Map();
        const group = groups.get(uses[i]!.lfn);
        if (group) {
          if (!group.includes(uses[j]!)) group.push(uses[j]!);
        } else groups.set(uses[i]!.lfn, [uses[i]!, uses[j]!]);
      }
    }
  } else {
    // A set first: repeats are rare, so group only when one exists.
    const seen = new Set<string>();
    for (const use of uses) seen.add(use.lfn);
    if (seen.size === uses.length) return;
    const byLfn = new Map<string, FileUse[]>();
    for (const use of uses) {
      const list = byLfn.get(use.lfn);
      if (list) list.push(use);
      else byLfn.set(use.lfn, [use]);
    }
    for (const [lfn, list] of byLfn) if (list.length > 1) (groups ??= new Map()).set(lfn, list);
  }
  if (!groups) return;
  for (const [lfn, group] of groups) {
    const types = new Set(group.map((use) => use.type));
    const target = { kind: 'file', lfn, jobId: job.id } as const;
    if (types.has('input') && types.has('output')) {
      report(
        context,
        'PC205',
        `Job '${job.id}' lists '${lfn}' as both input and output; pegasus-plan refuses this ("File ${lfn} is listed as input and output") unless the file is a checkpoint. Write to a new file name, or make it a checkpoint.`,
        target,
      );
    } else {
      report(
        context,
        'PC204',
        `Job '${job.id}' lists '${lfn}' ${group.length} times in uses (${[...group.map((use) => use.type)].join(', ')}); list each file once.`,
        target,
      );
    }
  }
}

function checkStdio(context: DiagnosticSink, job: Job): void {
  if (job.stdin === undefined && job.stdout === undefined && job.stderr === undefined) return;
  checkStdioField(context, job, 'stdin', job.stdin, 'input');
  checkStdioField(context, job, 'stdout', job.stdout, 'output');
  checkStdioField(context, job, 'stderr', job.stderr, 'output');
}

function checkStdioField(
  context: DiagnosticSink,
  job: Job,
  field: 'stdin' | 'stdout' | 'stderr',
  lfn: string | undefined,
  type: 'input' | 'output',
): void {
  if (lfn === undefined || job.uses.some((use) => use.lfn === lfn && use.type === type)) return;
  report(
    context,
    'PC211',
    `Job '${job.id}' has ${field} '${lfn}' but does not list it in uses as ${type}; pegasus-plan infers dependencies and transfers only from uses (the Python API adds the entry for you).`,
    { kind: 'job', jobId: job.id, field },
  );
}
