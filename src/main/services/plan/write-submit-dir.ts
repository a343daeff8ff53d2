import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { submitDirectoryFiles, type DagmanOptions } from '../../../shared/formats/dagman';
import {
  buildPlanReport,
  formatPlanSummary,
  type PlanReport,
  type PlanReportOptions,
} from '../../../shared/formats/plan-report';
import type { Diagnostic } from '../../../shared/model';
import type { ExecutableWorkflow } from '../../../shared/plan';

/** Options of {@link writeSubmitDirectory}: the DAGMan placeholders and the report's. */
export interface WriteSubmitDirOptions extends Omit<DagmanOptions, 'submitDir'>, PlanReportOptions {
  /** Planner diagnostics (warnings, infos) kept in plan.json. */
  diagnostics?: readonly Diagnostic[];
  /** Catalog files the plan was made with, copied into `catalogs/` as pegasus-plan does. */
  catalogFiles?: readonly string[];
}

export interface WrittenSubmitDir {
  directory: string;
  files: number;
  bytes: number;
  report: PlanReport;
}

/** Thrown when the target folder holds something that is not an earlier plan. */
export class SubmitDirError extends Error {
  constructor(
    readonly code: 'SUBMIT_DIR_NOT_EMPTY' | 'SUBMIT_DIR_NOT_A_DIRECTORY',
    message: string,
  ) {
    super(message);
    this.name = 'SubmitDirError';
  }
}

/** Files written at once: enough to keep the disk busy, few enough not to exhaust descriptors. */
const PARALLEL_WRITES = 32;

/**
 * Writes a planned workflow's submit directory: the `.dag`, one `.sub` (and `.in` where the
 * job has a transfer list) per job in `00/00/`-style subdirectories, `braindump.yml`, the
 * catalog files in `catalogs/`, and the plan report as `plan.json` and `plan-summary.txt`. The folder may be new, empty, or an
 * earlier plan (it has a braindump.yml), whose files are replaced; anything else is refused.
 * Files are generated one at a time, so memory stays flat for 10^5 jobs.
 */
export async function writeSubmitDirectory(
  workflow: ExecutableWorkflow,
  directory: string,
  options: WriteSubmitDirOptions = {},
): Promise<WrittenSubmitDir> {
  const dir = path.resolve(directory);
  await checkTarget(dir);
  await fsp.mkdir(dir, { recursive: true });

  const made = new Set<string>([dir]);
  let files = 0;
  let bytes = 0;
  let pending: Array<Promise<void>> = [];
  for (const file of submitDirectoryFiles(workflow, { ...options, submitDir: dir })) {
    const parent = path.dirname(path.join(dir, file.path));
    if (!made.has(parent)) {
      await Promise.all(pending);
      pending = [];
      await fsp.mkdir(parent, { recursive: true });
      made.add(parent);
    }
    pending.push(fsp.writeFile(path.join(dir, file.path), file.content));
    files++;
    bytes += Buffer.byteLength(file.content);
    if (pending.length >= PARALLEL_WRITES) {
      await Promise.all(pending);
      pending = [];
    }
  }
  await Promise.all(pending);

  if (options.catalogFiles && options.catalogFiles.length > 0) {
    await fsp.mkdir(path.join(dir, 'catalogs'), { recursive: true });
    for (const file of options.catalogFiles) {
      await fsp.copyFile(file, path.join(dir, 'catalogs', path.basename(file)));
      files++;
      bytes += (await fsp.stat(file)).size;
    }
  }

  const report = buildPlanReport(workflow, options);
  const json = `${JSON.stringify({ ...report, diagnostics: options.diagnostics ?? [] }, null, 2)}\n`;
  const summary = formatPlanSummary(report);
  await fsp.writeFile(path.join(dir, 'plan.json'), json);
  await fsp.writeFile(path.join(dir, 'plan-summary.txt'), summary);
  files += 2;
  bytes += Buffer.byteLength(json) + Buffer.byteLength(summary);
  return { directory: dir, files, bytes, report };
}

async function checkTarget(dir: string): Promise<void> {
  let stat;
  try {
    stat = await fsp.stat(dir);
  } catch {
    return;
  }
  if (!stat.isDirectory()) throw new SubmitDirError('SUBMIT_DIR_NOT_A_DIRECTORY', `${dir} exists and is not a folder.`);
  const entries = await fsp.readdir(dir);
  if (entries.length > 0 && !entries.includes('braindump.yml')) {
    throw new SubmitDirError(
      'SUBMIT_DIR_NOT_EMPTY',
      `${dir} is not empty and holds no earlier plan (no braindump.yml): choose an empty or new folder.`,
    );
  }
}
