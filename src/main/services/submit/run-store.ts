import { mkdir, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { REMOTE_RUN_FORMAT, type RemoteRunRecord } from '../../../shared/run/remote-run';
import { writeFileAtomic } from '../workspace/atomic-write';
import { SubmitError } from './submit-error';

/**
 * Remote run records on disk, one JSON file per run (`<dir>/<id>.json`), written atomically so
 * a crash mid-save leaves the previous record. This is how the app remembers submitted runs
 * across restarts and goes on watching them.
 */
export class RunStore {
  constructor(readonly dir: string) {}

  /** Path of a run's record. */
  fileOf(id: string): string {
    return path.join(this.dir, `${id}.json`);
  }

  async save(record: RemoteRunRecord): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(this.fileOf(record.id), `${JSON.stringify(record, null, 2)}\n`);
  }

  /** Loads a run by its id or by the path of its record file. */
  async load(idOrPath: string): Promise<RemoteRunRecord> {
    const file = idOrPath.endsWith('.json') || idOrPath.includes(path.sep) ? path.resolve(idOrPath) : this.fileOf(idOrPath);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      throw new SubmitError('RUN_NOT_FOUND', `no run '${idOrPath}' (looked for ${file})`);
    }
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch (error) {
      throw new SubmitError('RUN_UNREADABLE', `${file}: not JSON (${(error as Error).message})`);
    }
    const format = (record as { format?: unknown } | null)?.format;
    if (format !== REMOTE_RUN_FORMAT) {
      throw new SubmitError('RUN_UNREADABLE', `${file}: not a remote run record (format ${JSON.stringify(format)}, expected ${REMOTE_RUN_FORMAT})`);
    }
    return record as RemoteRunRecord;
  }

  /** Every readable record, newest first (unreadable files are skipped). */
  async list(): Promise<RemoteRunRecord[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const records: RemoteRunRecord[] = [];
    for (const name of names.filter((entry) => entry.endsWith('.json'))) {
      try {
        records.push(await this.load(path.join(this.dir, name)));
      } catch {
        // A foreign or damaged file in the folder is not a run.
      }
    }
    return records.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }
}

/** Where run records live: $PEGASUS_CANVAS_RUNS, else ~/.pegasus-canvas/remote-runs. */
export function defaultRunsDir(env: NodeJS.ProcessEnv): string {
  return env.PEGASUS_CANVAS_RUNS ?? path.join(env.HOME ?? os.homedir(), '.pegasus-canvas', 'remote-runs');
}
