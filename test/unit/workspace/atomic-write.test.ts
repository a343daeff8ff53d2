import { chmod, lstat, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeAtomicFs, writeFileAtomic, type AtomicWriteFs } from '../../../src/main/services/workspace/atomic-write';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pc-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('writes a new file and leaves no temporary file behind', async () => {
    const file = path.join(dir, 'w.yml');
    const bytes = await writeFileAtomic(file, 'pegasus: 5.0.4\n');
    expect(bytes).toBe(15);
    expect(await readFile(file, 'utf8')).toBe('pegasus: 5.0.4\n');
    expect(await readdir(dir)).toEqual(['w.yml']);
  });

  it('replaces an existing file and keeps its permissions', async () => {
    const file = path.join(dir, 'w.yml');
    await writeFile(file, 'old');
    await chmod(file, 0o600);
    await writeFileAtomic(file, 'new');
    expect(await readFile(file, 'utf8')).toBe('new');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('keeps the original intact when the write fails half way', async () => {
    const file = path.join(dir, 'w.yml');
    const original = 'pegasus: 5.0.4\nname: keep-me\njobs: []\n';
    await writeFile(file, original);
    const failing: AtomicWriteFs = {
      ...nodeAtomicFs,
      // Half the bytes reach the disk, then the device fails (disk full, I/O error).
      write: async (handle, data) => {
        await handle.write(data.subarray(0, Math.floor(data.length / 2)));
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      },
    };
    const big = 'x'.repeat(100_000);
    await expect(writeFileAtomic(file, big, failing)).rejects.toThrow('ENOSPC');
    expect(await readFile(file, 'utf8')).toBe(original);
    expect(await readdir(dir)).toEqual(['w.yml']);
  });

  it('keeps the original intact when the rename fails', async () => {
    const file = path.join(dir, 'w.yml');
    await writeFile(file, 'original');
    const failing: AtomicWriteFs = { ...nodeAtomicFs, rename: async () => Promise.reject(new Error('EXDEV')) };
    await expect(writeFileAtomic(file, 'replacement', failing)).rejects.toThrow('EXDEV');
    expect(await readFile(file, 'utf8')).toBe('original');
    expect(await readdir(dir)).toEqual(['w.yml']);
  });

  it('writes through a symbolic link and keeps the link', async () => {
    const real = path.join(dir, 'real.yml');
    const link = path.join(dir, 'link.yml');
    await writeFile(real, 'old');
    await symlink(real, link);
    await writeFileAtomic(link, 'new');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readFile(real, 'utf8')).toBe('new');
  });

  it('fails on a missing folder without creating anything', async () => {
    await expect(writeFileAtomic(path.join(dir, 'nope', 'w.yml'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readdir(dir)).toEqual([]);
  });
});
