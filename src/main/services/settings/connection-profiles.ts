// Connection profiles: the hosts a user connects to, entered once and remembered (several,
// e.g. ACCESS Pegasus and a local test host). Stored as JSON in the app data directory,
// written atomically. No secrets here: passphrases and passwords go to the SecretStore.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-write';

const NAME = /^[A-Za-z0-9][A-Za-z0-9 ._@-]{0,63}$/;

export const connectionProfileSchema = z.object({
  /** Shown in the UI and used on the command line (`--profile`). */
  name: z.string().regex(NAME, 'a profile name is 1-64 letters, digits, spaces or . _ @ - and starts with a letter or digit'),
  /** A host name, an address, or a Host alias of ~/.ssh/config. */
  host: z.string().min(1).max(255).regex(/^[^\s,]+$/, 'a host has no spaces or commas'),
  port: z.number().int().min(1).max(65535).optional(),
  user: z.string().min(1).max(64).regex(/^[^\s@:]+$/, 'a user name has no spaces, "@" or ":"').optional(),
  identityFile: z.string().min(1).optional(),
  /** `[user@]host[:port]` list, as ssh's -J. */
  proxyJump: z.string().min(1).optional(),
});

export type ConnectionProfile = z.infer<typeof connectionProfileSchema>;

const fileSchema = z.object({ version: z.literal(1), profiles: z.array(connectionProfileSchema) });

export class ProfileFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ProfileFileError';
  }
}

export class ConnectionProfileStore {
  readonly file: string;

  /** `appDataDir`: Electron's userData, or the CLI's data directory. */
  constructor(appDataDir: string) {
    this.file = join(appDataDir, 'connection-profiles.json');
  }

  /** All profiles, in the order they were added. A missing file is an empty list. */
  async list(): Promise<ConnectionProfile[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new ProfileFileError(this.file, `Cannot read ${this.file}: ${(error as Error).message}`, { cause: error });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new ProfileFileError(this.file, `${this.file} is not valid JSON: ${(error as Error).message}`, { cause: error });
    }
    const parsed = fileSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ProfileFileError(this.file, `${this.file}: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'unexpected content'}`);
    }
    return parsed.data.profiles;
  }

  async get(name: string): Promise<ConnectionProfile | undefined> {
    return (await this.list()).find((profile) => profile.name === name);
  }

  /** Add or replace (by name) a profile. Throws a ProfileFileError naming the bad field. */
  async save(profile: ConnectionProfile): Promise<void> {
    const checked = connectionProfileSchema.safeParse(profile);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new ProfileFileError(this.file, `Profile "${profile.name}": ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`);
    }
    const profiles = await this.list();
    const at = profiles.findIndex((p) => p.name === profile.name);
    if (at >= 0) profiles[at] = checked.data;
    else profiles.push(checked.data);
    await this.write(profiles);
  }

  /** Remove a profile; returns whether it existed. */
  async remove(name: string): Promise<boolean> {
    const profiles = await this.list();
    const kept = profiles.filter((p) => p.name !== name);
    if (kept.length === profiles.length) return false;
    await this.write(kept);
    return true;
  }

  private async write(profiles: ConnectionProfile[]): Promise<void> {
    await writeFileAtomic(this.file, `${JSON.stringify({ version: 1, profiles }, null, 2)}\n`, { mode: 0o600 });
  }
}
