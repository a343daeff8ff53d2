import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { canvasLayoutSchema, type CanvasLayout, type RecoveredDocument, type RecoveryEntry } from '../../../shared/ipc';
import type { CatalogFiles, Workflow } from '../../../shared/model';
import { writeFileAtomic } from './atomic-write';
import { ServiceError } from './service-error';

const ID = /^[A-Za-z0-9_-]{1,64}$/;

const recoveryFileSchema = z.object({
  version: z.literal(1),
  id: z.string().regex(ID),
  path: z.string().nullable(),
  name: z.string(),
  savedAt: z.string(),
  workflow: z.object({ pegasus: z.string(), name: z.string(), jobs: z.array(z.unknown()), dependencies: z.array(z.unknown()) }).loose(),
  catalogs: z.record(z.string(), z.unknown()).optional(),
  layout: canvasLayoutSchema.nullable(),
});

export interface RecoveryInput {
  id: string;
  path: string | null;
  name: string;
  workflow: Workflow;
  layout: CanvasLayout | null;
  catalogs?: CatalogFiles;
}

/**
 * Autosave: one JSON file per open document in the recovery folder, rewritten atomically
 * every few seconds while the document has unsaved edits, removed when it is saved or
 * discarded. What is left at the next start is what a crash or a forced quit lost.
 * The model is stored as JSON (not YAML) so that a document that does not validate yet is
 * still recovered exactly.
 */
export class RecoveryStore {
  constructor(
    private readonly dir: string,
    private readonly now: () => Date,
  ) {}

  private fileOf(id: string): string {
    // The id is checked by the IPC schema too; checked again because it becomes a file name.
    if (!ID.test(id)) throw new ServiceError('BAD_REQUEST', `recovery id ${JSON.stringify(id)}: letters, digits, - and _ only`);
    return path.join(this.dir, `${id}.json`);
  }

  async write(input: RecoveryInput): Promise<RecoveryEntry> {
    const file = this.fileOf(input.id);
    const savedAt = this.now().toISOString();
    const record = { version: 1, id: input.id, path: input.path, name: input.name, savedAt, workflow: input.workflow, catalogs: input.catalogs, layout: input.layout };
    await fsp.mkdir(this.dir, { recursive: true, mode: 0o700 });
    const bytes = await writeFileAtomic(file, JSON.stringify(record));
    return { id: input.id, path: input.path, name: input.name, savedAt, bytes };
  }

  /** Entries left in the folder, newest first; damaged ones are skipped. */
  async list(): Promise<RecoveryEntry[]> {
    let names: string[];
    try {
      names = await fsp.readdir(this.dir);
    } catch {
      return [];
    }
    const entries: RecoveryEntry[] = [];
    for (const name of names) {
      if (!name.endsWith('.json') || !ID.test(name.slice(0, -5))) continue;
      const record = await this.read(name.slice(0, -5)).catch(() => null);
      if (record) entries.push({ id: record.id, path: record.path, name: record.name, savedAt: record.savedAt, bytes: record.bytes });
    }
    return entries.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  }

  async restore(id: string): Promise<RecoveredDocument> {
    return this.read(id);
  }

  async discard(id: string): Promise<void> {
    await fsp.rm(this.fileOf(id), { force: true });
  }

  private async read(id: string): Promise<RecoveredDocument> {
    const file = this.fileOf(id);
    let text: string;
    try {
      text = await fsp.readFile(file, 'utf8');
    } catch {
      throw new ServiceError('NOT_FOUND', `no recovered document ${id}`);
    }
    let parsed;
    try {
      parsed = recoveryFileSchema.safeParse(JSON.parse(text));
    } catch {
      parsed = null;
    }
    if (!parsed?.success) throw new ServiceError('UNREADABLE', `recovered document ${id} is damaged`);
    const record = parsed.data;
    return {
      id: record.id,
      path: record.path,
      name: record.name,
      savedAt: record.savedAt,
      bytes: Buffer.byteLength(text),
      bundle: { workflow: record.workflow as unknown as Workflow, catalogs: (record.catalogs ?? {}) as CatalogFiles },
      layout: record.layout,
    };
  }
}
