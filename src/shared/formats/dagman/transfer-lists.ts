import type { ExecutableWorkflow, FileTransfer, PlanJob, Registration, TransferEnd } from '../../plan/types';
import { argumentText } from './arguments';

/**
 * The `.in` files of auxiliary jobs, in pegasus-transfer's JSON format (transfer, mkdir,
 * remove entries) and pegasus-rc-client's `LFN PFN site="x"` lines. Cost: O(entries).
 */
export function transferListFile(job: PlanJob, workflow?: ExecutableWorkflow): string | undefined {
  switch (job.kind) {
    case 'cluster':
      return workflow ? clusterTasks(job, workflow) : undefined;
    case 'stage-in':
    case 'inter-site':
    case 'stage-out':
    case 'stage-worker':
      return transfersJson(job.transfers ?? []);
    case 'create-dir':
      return job.directory ? directoryJson('mkdir', job.directory) : undefined;
    case 'leaf-cleanup':
      return job.directory ? directoryJson('remove', job.directory, true) : undefined;
    case 'cleanup':
      return removeFilesJson(job);
    case 'registration':
      return registrationLines(job.registrations ?? []);
    default:
      return undefined;
  }
}

function end(value: TransferEnd): string {
  return `{ "site_label": ${JSON.stringify(value.site)}, "url": ${JSON.stringify(value.url)} }`;
}

function transfersJson(transfers: readonly FileTransfer[]): string {
  const entries = transfers.map((t, i) => {
    const check = t.linkage === 'input' ? '   "generate_checksum": true,\n' : '   "verify_checksum_remote": true,\n';
    return (
      ` { "type": "transfer",\n   "linkage": "${t.linkage}",\n   "lfn": ${JSON.stringify(t.lfn)},\n   "id": ${i + 1},\n${check}` +
      `   "src_urls": [\n     ${end(t.source)}\n   ],\n   "dest_urls": [\n     ${end(t.destination)}\n   ] }`
    );
  });
  return `[\n${entries.join('\n ,\n')}\n]\n`;
}

function directoryJson(type: 'mkdir' | 'remove', directory: TransferEnd, recursive = false): string {
  const target = recursive
    ? `{ "site_label": ${JSON.stringify(directory.site)}, "url": ${JSON.stringify(directory.url)}, "recursive": "True" }`
    : end(directory);
  return `[\n  {\n    "id": 1,\n    "type": "${type}",\n    "target": ${target} }\n]\n`;
}

function removeFilesJson(job: PlanJob): string {
  const site = job.stagingSite ?? 'local';
  const base = job.directory?.url;
  const entries = (job.cleanupFiles ?? []).map(
    (lfn, i) =>
      `  {\n    "id": ${i + 1},\n    "type": "remove",\n    "target": ${end({ site, url: base ? `${base}/${lfn}` : lfn })} }`,
  );
  return `[\n${entries.join(',\n')}\n]\n`;
}

function registrationLines(registrations: readonly Registration[]): string {
  return registrations.map((r) => `${r.lfn} ${r.url} site="${r.site}"\n`).join('');
}

/**
 * A cluster's task list for pegasus-cluster (SeqExec): one command line per task, in task
 * order, each under a `#@ n <transformation> <id>` comment line as pegasus-plan writes them.
 */
function clusterTasks(job: PlanJob, workflow: ExecutableWorkflow): string {
  const lines: string[] = [];
  job.tasks.forEach((task, n) => {
    const abstract = workflow.workflow.jobs[task]!;
    const executable = job.executablePaths?.[n] || (abstract.type === 'job' ? abstract.name : abstract.file);
    lines.push(
      `#@ ${n + 1} ${job.transformation} ${abstract.id} `,
      [executable, ...abstract.arguments.map(argumentText)].join(' '),
    );
  });
  return `${lines.join('\n')}\n`;
}
