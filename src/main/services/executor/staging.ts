import { createHash } from 'node:crypto';
import { constants, createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * The path of an LFN inside a directory. LFNs may hold `/` (deep LFNs such as
 * `sensor/hls/ts/live1.ts`), but must not climb out of the directory.
 */
export function lfnPath(dir: string, lfn: string): string {
  const resolved = path.resolve(dir, lfn);
  if (resolved !== dir && !resolved.startsWith(dir + path.sep)) {
    throw Object.assign(new Error(`LFN '${lfn}' points outside the run's scratch directory`), { code: 'PC530' });
  }
  return resolved;
}

/**
 * Places a workflow input in the scratch directory: a copy (the default, as pegasus-transfer
 * does, so a job cannot change the user's original) or a symbolic link (fast, like
 * `pegasus.transfer.links=true`). An existing entry is replaced.
 */
export async function stageFile(source: string, target: string, mode: 'copy' | 'symlink'): Promise<void> {
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.rm(target, { force: true });
  if (mode === 'symlink') await fs.symlink(source, target);
  else await fs.copyFile(source, target, constants.COPYFILE_FICLONE);
}

/**
 * Runs `work` on every item, at most `limit` at a time; the first failure stops taking new
 * items and rejects once the ones under way have ended. Staging 20,000 inputs one after the
 * other waits on 60,000 file system calls in turn (seconds before a run starts); a few at a
 * time keep the thread pool busy instead.
 */
export async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (!failure && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure) throw failure.error;
}

/** Copies a stageable executable into the run's `bin/` and makes it executable, once. */
export async function stageExecutable(source: string, binDir: string, name: string): Promise<string> {
  const target = path.join(binDir, name);
  await fs.mkdir(binDir, { recursive: true });
  await fs.copyFile(source, target);
  await fs.chmod(target, 0o755);
  return target;
}

/** True when a path exists (a file, a link to one, or a directory). */
export async function exists(file: string): Promise<boolean> {
  try {
    await fs.stat(file);
    return true;
  } catch {
    return false;
  }
}

/** The sha256 of a file, hex, read as a stream (inputs may be large). */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
