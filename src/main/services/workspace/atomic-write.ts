import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';

/** The file operations an atomic write needs; a parameter so a test can fail one of them. */
export interface AtomicWriteFs {
  open(file: string, flags: string, mode?: number): Promise<fsp.FileHandle>;
  write(handle: fsp.FileHandle, data: Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
  /** Mode of an existing target, kept on the new file. */
  stat(file: string): Promise<{ mode: number }>;
}

export const nodeAtomicFs: AtomicWriteFs = {
  open: (file, flags, mode) => fsp.open(file, flags, mode),
  write: async (handle, data) => {
    await handle.writeFile(data);
  },
  rename: (from, to) => fsp.rename(from, to),
  unlink: (file) => fsp.unlink(file),
  stat: (file) => fsp.stat(file),
};

/**
 * Writes `data` to `file` so that the file is either its old content or the whole new one,
 * never a mix: write a temporary file in the same folder (same file system, so rename is
 * atomic), flush it to disk (fsync), then rename it over the target. On any failure the
 * temporary file is removed and the target is untouched. Cost: one extra fsync per save.
 * The new file keeps the old one's mode (0o644 for a new file) unless `mode` is given.
 * Returns the number of bytes written.
 */
export async function writeFileAtomic(
  requested: string,
  data: string | Uint8Array,
  fs: AtomicWriteFs = nodeAtomicFs,
  mode?: number,
): Promise<number> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  // A symbolic link stays a link: the file it points to is replaced, as editors do.
  const file = await fsp.realpath(requested).catch(() => requested);
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  // 'wx': never reuse an existing name (a stale temp or a symlink planted there).
  const handle = await fs.open(temp, 'wx', mode ?? (await existingMode(file, fs)));
  try {
    try {
      await fs.write(handle, bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDir(dir);
  return bytes.byteLength;
}

/** Mode bits of an existing `file`, or 0o644 for a new one. */
async function existingMode(file: string, fs: AtomicWriteFs): Promise<number> {
  try {
    return (await fs.stat(file)).mode & 0o777;
  } catch {
    return 0o644;
  }
}

/** Flushes the folder entry so the rename itself survives a power cut (POSIX; a no-op where folders cannot be opened). */
async function syncDir(dir: string): Promise<void> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows cannot fsync a folder; the rename is still atomic there.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
