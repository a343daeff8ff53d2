import {
  addAnnexHostEntries,
  backupSshConfigArgv,
  ensureAnnexKeyArgv,
  readSshConfigArgv,
  type AnnexHostEntry,
  type SshConfigEdit,
} from '../../../shared/remote/annex-setup';
import type { ExecOptions, ExecResult } from '../ssh/types';

/** What the set-up helper needs of the connection: commands, and an atomic file write. */
export interface SetupHost {
  exec(argv: readonly string[], options?: ExecOptions): Promise<ExecResult>;
  writeFile(remotePath: string, data: string, options?: { mode?: number }): Promise<void>;
}

export type HostEntriesOutcome = (SshConfigEdit & { ok: true; backup?: string }) | { ok: false; message: string };

/**
 * The one-time set-up of `htcondor annex` on the ACCESS Pegasus host: the `~/.ssh/annex` key
 * (created if missing; its public key is shown for the user to install on each system) and
 * `Host` entries with the user's remote usernames in `~/.ssh/config`, backed up first.
 */
export class AnnexSetupService {
  constructor(
    private readonly host: SetupHost,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Creates `~/.ssh/annex` if missing and returns its public key. */
  async ensureKey(): Promise<string> {
    const result = await this.host.exec(ensureAnnexKeyArgv());
    const publicKey = result.stdout.trim().split('\n').pop() ?? '';
    if (result.exitCode !== 0 || !/^ssh-\S+ \S+/.test(publicKey)) {
      throw new Error(`Could not create or read ~/.ssh/annex on the host: ${(result.stderr || result.stdout).trim()}`);
    }
    return publicKey;
  }

  /** Adds the missing `Host` entries to `~/.ssh/config` (a dated backup is made first). */
  async addHostEntries(entries: readonly AnnexHostEntry[]): Promise<HostEntriesOutcome> {
    const current = await this.host.exec(readSshConfigArgv());
    if (current.exitCode !== 0) return { ok: false, message: `Could not read ~/.ssh/config on the host: ${current.stderr.trim()}` };
    const edit = addAnnexHostEntries(current.stdout, entries);
    if (!edit.ok || edit.added.length === 0) return edit;
    let backup: string | undefined;
    if (current.stdout.length > 0) {
      backup = `config.${this.clock().toISOString().replace(/[:.]/g, '-')}.bak`;
      const copied = await this.host.exec(backupSshConfigArgv(backup));
      if (copied.exitCode !== 0) return { ok: false, message: `Could not back up ~/.ssh/config, so it was left alone: ${copied.stderr.trim()}` };
    }
    await this.host.writeFile('.ssh/config', edit.text, { mode: 0o600 });
    return backup ? { ...edit, backup: `~/.ssh/${backup}` } : edit;
  }
}
