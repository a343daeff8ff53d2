import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Workflow } from '../../../shared/model';
import { RUN_RECORD_FORMAT, type RunOptionsRecord, type RunRecord } from '../../../shared/run/run-record';
import { isJobDone } from '../../../shared/run/run-state';
import { openRun } from './run-store';

/** `20261125T003000Z`: a timestamp that sorts and is safe in a folder name. */
export function compactTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Where a new run's folder goes and what it records. */
export interface NewRunFolder {
  workflow: Workflow;
  workflowDir: string;
  workflowFile?: string;
  /** Folder that holds runs; the run gets `<name>-<timestamp>` inside it. */
  runsRoot: string;
  /** Exact folder for the run (overrides `runsRoot`); must not hold a run already. */
  runDir?: string;
  options: RunOptionsRecord;
  now: Date;
  scratchDir?: string;
  outputsDir?: string;
}

/**
 * Creates a run folder (`run.json`, `scratch/`, `outputs/`, `logs/`) and its first record,
 * every job `unready`. Two runs started in the same second get `-2`, `-3` … suffixes.
 */
export async function createRunFolder(spec: NewRunFolder): Promise<{ dir: string; record: RunRecord }> {
  const base = `${spec.workflow.name.replace(/[^A-Za-z0-9._-]/g, '_')}-${compactTimestamp(spec.now)}`;
  let dir = spec.runDir ? path.resolve(spec.runDir) : path.join(spec.runsRoot, base);
  if (spec.runDir) {
    await fs.mkdir(dir, { recursive: true });
    if ((await fs.readdir(dir)).includes('run.json')) throw Object.assign(new Error(`${dir} already holds a run; resume it instead`), { code: 'PC521' });
  } else {
    await fs.mkdir(spec.runsRoot, { recursive: true });
    for (let n = 2; ; n++) {
      try {
        await fs.mkdir(dir);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        dir = path.join(spec.runsRoot, `${base}-${n}`);
      }
    }
  }
  const scratchDir = spec.scratchDir ?? 'scratch';
  const outputsDir = spec.outputsDir ?? 'outputs';
  for (const sub of [scratchDir, outputsDir, 'logs']) await fs.mkdir(path.resolve(dir, sub), { recursive: true });
  const record: RunRecord = {
    format: RUN_RECORD_FORMAT,
    name: path.basename(dir),
    workflow: { name: spec.workflow.name, dir: spec.workflowDir, ...(spec.workflowFile ? { file: spec.workflowFile } : {}) },
    options: spec.options,
    state: 'created',
    createdAt: spec.now.toISOString(),
    owner: { pid: process.pid },
    resumes: 0,
    scratchDir,
    outputsDir,
    jobs: spec.workflow.jobs.map((job) => ({ id: job.id, state: 'unready', attempts: [] })),
    diagnostics: [],
  };
  return { dir, record };
}

/**
 * Reopens a stopped or failed run to finish it, like a rescue DAG: jobs that succeeded keep
 * their state and are not run again; every other job goes back to `unready`. The workflow must
 * still have the same job ids (a job added or removed since means a new run).
 */
export async function reopenForResume(dir: string, workflow: Workflow, options: Partial<RunOptionsRecord>): Promise<{ dir: string; record: RunRecord }> {
  const opened = await openRun(dir);
  const record = opened.record;
  if (record.state === 'running' || record.state === 'cancelling') {
    throw Object.assign(new Error(`${opened.dir} is still running (process ${record.owner?.pid ?? '?'})`), { code: 'PC521' });
  }
  const ids = new Set(workflow.jobs.map((job) => job.id));
  const recorded = new Set(record.jobs.map((job) => job.id));
  const added = [...ids].filter((id) => !recorded.has(id));
  const removed = [...recorded].filter((id) => !ids.has(id));
  if (added.length > 0 || removed.length > 0) {
    const what = [added.length ? `added ${added.slice(0, 5).join(', ')}` : '', removed.length ? `removed ${removed.slice(0, 5).join(', ')}` : ''].filter(Boolean).join('; ');
    throw Object.assign(new Error(`The workflow changed since run ${record.name} (${what}); start a new run.`), { code: 'PC521' });
  }
  const byId = new Map(record.jobs.map((job) => [job.id, job]));
  record.jobs = workflow.jobs.map((job) => {
    const kept = byId.get(job.id)!;
    return isJobDone(kept.state) ? kept : { ...kept, state: 'unready' };
  });
  record.options = { ...record.options, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
  record.resumes++;
  record.state = 'created';
  record.owner = { pid: process.pid };
  delete record.endedAt;
  return { dir: opened.dir, record };
}
