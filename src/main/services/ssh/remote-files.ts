// File operations over the connection's one SFTP session (security.md §4.5). Writes go to
// `<name>.part` and are renamed into place (OpenSSH posix-rename: atomic, overwrites), so a
// reader never sees half a file and an interrupted upload leaves only a .part behind.
import { rename as renameLocal, rm } from 'node:fs/promises';
import type { SFTPWrapper, Stats } from 'ssh2';
import { mkdirpArgv, parseSha256sum, sha256sumArgv } from '../../../shared/remote/file-commands';
import { SshError } from './errors';
import type { ExecOptions, ExecResult } from './types';

/** What RemoteFiles needs from its RemoteHost. */
export interface FilesHost {
  readonly label: string;
  sftpSessionFor(): Promise<SFTPWrapper>;
  exec(argv: readonly string[], options?: ExecOptions): Promise<ExecResult>;
}

export interface RemoteStat {
  size: number;
  /** Seconds since the epoch. */
  mtime: number;
  mode: number;
  isFile: boolean;
  isDirectory: boolean;
}

export interface TransferOptions {
  /** Fail with TIMEOUT when the transfer has not finished after this long (ms). Default 10 min. */
  timeoutMs?: number;
  /** Bytes transferred so far and the total, as it goes. */
  onProgress?: (transferred: number, total: number) => void;
  /** Remote file mode for uploads (default 0o644). */
  mode?: number;
}

const SFTP_NO_SUCH_FILE = 2;

export class RemoteFiles {
  constructor(private readonly host: FilesHost) {}

  /** Upload a local file to remotePath via remotePath.part + atomic rename. */
  async upload(localPath: string, remotePath: string, options: TransferOptions = {}): Promise<void> {
    const sftp = await this.host.sftpSessionFor();
    const part = `${remotePath}.part`;
    try {
      await this.guard(sftp, `upload ${localPath} → ${remotePath}`, options.timeoutMs, (done) =>
        sftp.fastPut(localPath, part, { mode: options.mode ?? 0o644, ...(options.onProgress ? { step: (t: number, _c: number, total: number) => options.onProgress!(t, total) } : {}) }, done),
      );
    } catch (error) {
      // The session is still there (a local read error, a full disk): leave no .part behind.
      // After a lost connection the .part stays; the next upload overwrites it.
      if ((error as SshError).code === 'SFTP_FAILED') await this.remove(part).catch(() => undefined);
      throw error;
    }
    await this.renameOver(sftp, part, remotePath);
  }

  /** Download remotePath to localPath via localPath.part + rename. */
  async download(remotePath: string, localPath: string, options: TransferOptions = {}): Promise<void> {
    const sftp = await this.host.sftpSessionFor();
    const part = `${localPath}.part`;
    try {
      await this.guard(sftp, `download ${remotePath} → ${localPath}`, options.timeoutMs, (done) =>
        sftp.fastGet(remotePath, part, options.onProgress ? { step: (t: number, _c: number, total: number) => options.onProgress!(t, total) } : {}, done),
      );
      await renameLocal(part, localPath);
    } catch (error) {
      await rm(part, { force: true });
      throw error;
    }
  }

  /** Read a whole remote file. */
  async readFile(remotePath: string): Promise<Buffer> {
    const sftp = await this.host.sftpSessionFor();
    return this.guard<Buffer>(sftp, `read ${remotePath}`, undefined, (done) => sftp.readFile(remotePath, done));
  }

  /** Write a whole remote file atomically (remotePath.part + rename). */
  async writeFile(remotePath: string, data: string | Buffer, options: { mode?: number } = {}): Promise<void> {
    const sftp = await this.host.sftpSessionFor();
    const part = `${remotePath}.part`;
    await this.guard(sftp, `write ${remotePath}`, undefined, (done) => sftp.writeFile(part, data, { mode: options.mode ?? 0o644 }, done));
    await this.renameOver(sftp, part, remotePath);
  }

  /** stat, or undefined when the path does not exist. */
  async stat(remotePath: string): Promise<RemoteStat | undefined> {
    const sftp = await this.host.sftpSessionFor();
    try {
      const stats = await this.guard<Stats>(sftp, `stat ${remotePath}`, undefined, (done) => sftp.stat(remotePath, done));
      return { size: stats.size, mtime: stats.mtime, mode: stats.mode, isFile: stats.isFile(), isDirectory: stats.isDirectory() };
    } catch (error) {
      if ((error as SshError & { cause?: { code?: number } }).cause?.code === SFTP_NO_SUCH_FILE) return undefined;
      throw error;
    }
  }

  /** Remove a remote file; no error if it is already gone. */
  async remove(remotePath: string): Promise<void> {
    const sftp = await this.host.sftpSessionFor();
    try {
      await this.guard(sftp, `remove ${remotePath}`, undefined, (done) => sftp.unlink(remotePath, done));
    } catch (error) {
      if ((error as { cause?: { code?: number } }).cause?.code !== SFTP_NO_SUCH_FILE) throw error;
    }
  }

  /** `mkdir -p -- path` on the host. */
  async mkdirp(remotePath: string): Promise<void> {
    const result = await this.host.exec(mkdirpArgv(remotePath));
    if (result.exitCode !== 0) {
      throw new SshError('SFTP_FAILED', `Cannot create directory ${remotePath} on ${this.host.label}: ${result.stderr.trim() || `exit ${result.exitCode}`}`);
    }
  }

  /**
   * SHA-256 of remote files in one `sha256sum --` run: path → lowercase hex. Missing or
   * unreadable files are absent from the map (their errors are on stderr).
   */
  async sha256(remotePaths: readonly string[]): Promise<Map<string, string>> {
    const sums = new Map<string, string>();
    if (remotePaths.length === 0) return sums;
    const result = await this.host.exec(sha256sumArgv(remotePaths));
    for (const entry of parseSha256sum(result.stdout)) sums.set(entry.path, entry.hash);
    return sums;
  }

  private async renameOver(sftp: SFTPWrapper, from: string, to: string): Promise<void> {
    try {
      await this.guard(sftp, `rename ${from} → ${to}`, undefined, (done) => sftp.ext_openssh_rename(from, to, done));
    } catch {
      // Servers without posix-rename: plain rename refuses to overwrite, so remove first.
      await this.remove(to);
      await this.guard(sftp, `rename ${from} → ${to}`, undefined, (done) => sftp.rename(from, to, done));
    }
  }

  /** Run one SFTP call with a time limit, turning its error into an SshError naming what failed. */
  private guard<T = void>(sftp: SFTPWrapper, what: string, timeoutMs: number | undefined, start: (done: (error: Error | null | undefined, value?: T) => void) => void): Promise<T> {
    const limit = timeoutMs ?? 600_000;
    return new Promise<T>((resolve, reject) => {
      // fastPut/fastGet have been seen never to call back when a server closes silently
      // (ssh2#947): a time limit, and the session's close, end the wait.
      const onClose = (): void => {
        clearTimeout(timer);
        reject(new SshError('CONNECTION_LOST', `${what} on ${this.host.label} was interrupted: the connection closed.`));
      };
      const timer = setTimeout(() => {
        sftp.removeListener('close', onClose);
        reject(new SshError('TIMEOUT', `${what} on ${this.host.label} did not finish within ${Math.round(limit / 1000)} s`));
      }, limit);
      sftp.once('close', onClose);
      start((error, value) => {
        clearTimeout(timer);
        sftp.removeListener('close', onClose);
        if (error) reject(new SshError('SFTP_FAILED', `${what} on ${this.host.label} failed: ${error.message}`, { cause: error }));
        else resolve(value as T);
      });
    });
  }
}
