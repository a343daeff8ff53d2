// Settings and secrets files: the folder is created private (0o700) if missing, and the file is
// written atomically (see the workspace's writeFileAtomic) with mode 0o600 unless told otherwise.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { nodeAtomicFs, writeFileAtomic as writeAtomic } from '../workspace/atomic-write';

export async function writeFileAtomic(path: string, data: string | Buffer, options: { mode?: number } = {}): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeAtomic(path, data, nodeAtomicFs, options.mode ?? 0o600);
}
