import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { RecentEntry } from '../../../shared/ipc';
import { writeFileAtomic } from './atomic-write';

const recentFileSchema = z.object({
  version: z.literal(1),
  entries: z.array(z.object({ path: z.string(), name: z.string(), openedAt: z.string() })),
});

/** How many files File → Open Recent keeps. */
export const RECENT_LIMIT = 12;

/**
 * The Recent list, kept in `recent.json` in the app data folder; newest first, one entry per
 * path. A missing or damaged file reads as an empty list (it is a convenience, never a reason
 * not to start).
 */
export class RecentStore {
  constructor(
    private readonly file: string,
    private readonly now: () => Date,
    private readonly limit = RECENT_LIMIT,
  ) {}

  async list(): Promise<RecentEntry[]> {
    try {
      const parsed = recentFileSchema.safeParse(JSON.parse(await fsp.readFile(this.file, 'utf8')));
      return parsed.success ? parsed.data.entries : [];
    } catch {
      return [];
    }
  }

  /** Moves `file` to the top. */
  async add(file: string): Promise<RecentEntry[]> {
    const entry: RecentEntry = { path: file, name: path.basename(file), openedAt: this.now().toISOString() };
    const entries = [entry, ...(await this.list()).filter((e) => e.path !== file)].slice(0, this.limit);
    await this.store(entries);
    return entries;
  }

  async remove(file: string): Promise<RecentEntry[]> {
    const entries = (await this.list()).filter((e) => e.path !== file);
    await this.store(entries);
    return entries;
  }

  private async store(entries: RecentEntry[]): Promise<void> {
    await fsp.mkdir(path.dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, `${JSON.stringify({ version: 1, entries }, null, 2)}\n`);
  }
}
