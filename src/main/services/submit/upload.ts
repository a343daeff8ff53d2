import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { UploadedFile } from '../../../shared/run/remote-run';
import { sha256File as hashFile } from '../executor/staging';
import type { RunFile } from './run-folder';
import { SubmitError } from './submit-error';
import type { SubmitHost } from './submit-host';

export interface UploadHooks {
  /** Called after each file arrived (renamed into place), before the next one starts. */
  onFileSent?: (file: UploadedFile, index: number, total: number) => void | Promise<void>;
  /** Bytes of the current file sent so far. */
  onProgress?: (file: UploadedFile, transferred: number, total: number) => void;
}

export interface UploadResult {
  files: UploadedFile[];
  /** Remote paths (relative) sent in this call. */
  sent: string[];
  /** Remote paths already on the host with the right checksum (not sent again). */
  skipped: string[];
}

/**
 * Uploads a run folder: hashes the local files, asks the host once for the checksums of what
 * is already there (a resumed upload skips those), sends the rest (each as `.part`, renamed
 * when complete), then checks everything with one remote `sha256sum` pass. Cost: one local
 * read per file, two remote commands, and the bytes of the files not yet there.
 */
export async function uploadRunFolder(host: SubmitHost, remoteDir: string, files: readonly RunFile[], hooks: UploadHooks = {}): Promise<UploadResult> {
  const described = await Promise.all(files.map(describe));
  const folders = new Set(described.map((file) => path.posix.dirname(`${remoteDir}/${file.remote}`)));
  for (const folder of [...folders].sort()) await host.sftp.mkdirp(folder);
  const remotePaths = described.map((file) => `${remoteDir}/${file.remote}`);
  const before = await host.sftp.sha256(remotePaths);
  const sent: string[] = [];
  const skipped: string[] = [];
  for (const [index, file] of described.entries()) {
    const target = `${remoteDir}/${file.remote}`;
    if (before.get(target) === file.sha256) {
      skipped.push(file.remote);
      continue;
    }
    const onProgress = hooks.onProgress;
    await host.sftp.upload(file.local, target, {
      ...(file.mode === undefined ? {} : { mode: file.mode }),
      ...(onProgress ? { onProgress: (transferred: number, total: number) => onProgress(file, transferred, total) } : {}),
    });
    sent.push(file.remote);
    await hooks.onFileSent?.(file, index, described.length);
  }
  const after = await host.sftp.sha256(remotePaths);
  const wrong = described.filter((file) => after.get(`${remoteDir}/${file.remote}`) !== file.sha256);
  if (wrong.length > 0) {
    throw new SubmitError(
      'CHECKSUM_MISMATCH',
      `after upload to ${host.label}, ${wrong.length} file(s) differ from the laptop: ${wrong.map((file) => file.remote).join(', ')}`,
    );
  }
  return { files: described, sent, skipped };
}

async function describe(file: RunFile): Promise<UploadedFile> {
  let size: number;
  try {
    size = (await stat(file.local)).size;
  } catch {
    throw new SubmitError('LOCAL_FILE', `${file.local}: cannot read the file to upload`);
  }
  return { local: file.local, remote: file.remote, size, sha256: await sha256File(file.local), ...(file.mode === undefined ? {} : { mode: file.mode }) };
}

/** SHA-256 of a local file, streamed (the executor's hashing); an unreadable file is a LOCAL_FILE error. */
export function sha256File(file: string): Promise<string> {
  return hashFile(file).catch(() => {
    throw new SubmitError('LOCAL_FILE', `${file}: cannot read the file to upload`);
  });
}
