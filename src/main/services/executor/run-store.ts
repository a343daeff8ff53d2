import { promises as fs } from 'node:fs';
import path from 'node:path';
import { RUN_RECORD_FORMAT, type RunRecord } from '../../../shared/run/run-record';
import { isRunFinal } from '../../../shared/run/run-state';
import { writeFileAtomic } from '../workspace/atomic-write';

/** Name of the record file in a run folder. */
export const RECORD_FILE = 'run.json';

/** A write waits at least this many times as long as the last one took. */
const WRITE_SPACING = 4;

/**
 * Keeps `run.json` in step with a run. Changes are coalesced: at most one write is in flight
 * and the next one starts `delayMs` after a change, or 4× the last write's time if that is
 * longer, so a thousand state changes a second cost a few writes, and a record of 100,000 jobs
 * (whose serialisation takes a good part of 100 ms) is written at most a fifth of the time
 * instead of back to back, which would starve the run it records. `flush()` (called at the end
 * of a run) writes the last state.
 */
export class RunRecordWriter {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;
  private failure: unknown;
  /** How long the last write took, in ms. */
  private lastWriteMs = 0;

  constructor(
    readonly dir: string,
    readonly record: RunRecord,
    private readonly delayMs = 50,
  ) {}

  /** Notes that the record changed; it is written soon. */
  changed(): void {
    this.dirty = true;
    this.timer ??= setTimeout(
      () => {
        this.timer = undefined;
        void this.write();
      },
      Math.max(this.delayMs, WRITE_SPACING * this.lastWriteMs),
    );
  }

  /** Writes now if anything changed and waits for every write to finish. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    await this.write();
    if (this.failure) throw this.failure;
  }

  private write(): Promise<void> {
    this.writing = this.writing.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      const started = performance.now();
      try {
        await writeFileAtomic(path.join(this.dir, RECORD_FILE), `${JSON.stringify(this.record, null, 1)}\n`);
      } catch (error) {
        this.failure = error;
      }
      this.lastWriteMs = performance.now() - started;
    });
    return this.writing;
  }
}

/** True when a process with this id exists (signal 0 checks without sending anything). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A run as reopened from its folder. */
export interface OpenedRun {
  dir: string;
  record: RunRecord;
}

/**
 * Reads a run folder's record. A run recorded as running whose owning process is gone (the
 * app quit or crashed) is reported `interrupted`, and its running jobs `cancelled`, since no
 * process of it can still be alive under this app's control.
 */
export async function openRun(dir: string, isAlive: (pid: number) => boolean = processAlive): Promise<OpenedRun> {
  const file = path.join(dir, RECORD_FILE);
  let record: RunRecord;
  try {
    record = JSON.parse(await fs.readFile(file, 'utf8')) as RunRecord;
  } catch (error) {
    throw Object.assign(new Error(`${file}: not a readable run record (${(error as Error).message})`), { code: 'PC520' });
  }
  if (record.format !== RUN_RECORD_FORMAT || !Array.isArray(record.jobs)) {
    throw Object.assign(new Error(`${file}: not a run record of this version (format ${String(record.format)})`), { code: 'PC520' });
  }
  if (!isRunFinal(record.state) && (record.owner === undefined || (record.owner.pid !== process.pid && !isAlive(record.owner.pid)))) {
    record.state = 'interrupted';
    for (const job of record.jobs) if (job.state === 'running' || job.state === 'queued' || job.state === 'ready') job.state = job.state === 'ready' ? 'unready' : 'cancelled';
  }
  return { dir: path.resolve(dir), record };
}

/**
 * Headers of finished runs already read (their record without jobs or diagnostics), by folder,
 * reused while `run.json` keeps its size and modification time: a finished 100,000-job record
 * is 20–30 MB of JSON (about 150 ms to parse), and the runs panel lists the runs of its
 * workflow after every start and cancel. A record that is not final is read again every time
 * (its owner may have died since).
 */
export class RunListCache {
  private readonly entries = new Map<string, { size: number; mtimeMs: number; run: OpenedRun }>();

  async open(dir: string): Promise<OpenedRun> {
    const info = await fs.stat(path.join(dir, RECORD_FILE)).catch(() => undefined);
    const cached = this.entries.get(dir);
    if (info && cached && cached.size === info.size && cached.mtimeMs === info.mtimeMs) return cached.run;
    const run = await openRun(dir);
    if (!info || !isRunFinal(run.record.state)) {
      this.entries.delete(dir);
      return run;
    }
    const header: OpenedRun = { dir: run.dir, record: { ...run.record, jobs: [], diagnostics: [] } };
    this.entries.set(dir, { size: info.size, mtimeMs: info.mtimeMs, run: header });
    return header;
  }
}

export interface ListRunsOptions {
  /** The live record of a run this process drives (its file is not read). */
  live?: (dir: string) => RunRecord | undefined;
  /** Finished runs read before; their records come as headers (no jobs, no diagnostics). */
  cache?: RunListCache;
}

/** Every run under a runs folder, newest first; unreadable folders are left out. */
export async function listRuns(root: string, options: ListRunsOptions = {}): Promise<OpenedRun[]> {
  let names: string[];
  try {
    names = await fs.readdir(root);
  } catch {
    return [];
  }
  const runs: OpenedRun[] = [];
  for (const name of names) {
    const dir = path.resolve(root, name);
    const live = options.live?.(dir);
    if (live) {
      runs.push({ dir, record: live });
      continue;
    }
    try {
      runs.push(await (options.cache ? options.cache.open(dir) : openRun(dir)));
    } catch {
      // not a run folder
    }
  }
  return runs.sort((a, b) => b.record.createdAt.localeCompare(a.record.createdAt));
}

/** The default runs folder of a workflow: `<workflow dir>/.pegasus-canvas/runs`. */
export function defaultRunsRoot(workflowDir: string): string {
  return path.join(workflowDir, '.pegasus-canvas', 'runs');
}
