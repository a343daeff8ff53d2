import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { DirEntry, DirListing } from '../../../shared/ipc';
import { isInside, type PathGuard } from './path-guard';
import { fsError, ServiceError } from './service-error';

/** Most entries one listing returns; a chooser does not need more, and a huge folder should not stall the app. */
export const LIST_LIMIT = 5000;

/**
 * Lists a folder for the in-page file chooser: folders first, then files, by name; hidden
 * entries (leading dot) only when asked. Symbolic links are shown as what they point to;
 * opening one is still checked by the guard. Cost: one stat per entry.
 */
export async function listDir(guard: PathGuard, dir: string | undefined, showHidden = false): Promise<DirListing> {
  const first = guard.roots[0];
  if (dir === undefined && first === undefined) throw new ServiceError('NOT_AVAILABLE', 'folders are chosen with the system dialog');
  const target = await guard.check(dir ?? first!, 'list');
  let dirents;
  try {
    dirents = await fsp.readdir(target, { withFileTypes: true });
  } catch (error) {
    throw fsError(error, target, 'listing');
  }
  const entries: DirEntry[] = [];
  for (const dirent of dirents) {
    if (!showHidden && dirent.name.startsWith('.')) continue;
    const full = path.join(target, dirent.name);
    let isDir = dirent.isDirectory();
    let isFile = dirent.isFile();
    let size: number | undefined;
    if (dirent.isSymbolicLink() || isFile) {
      const stat = await fsp.stat(full).catch(() => null);
      if (!stat) continue; // A dangling link: nothing to open.
      isDir = stat.isDirectory();
      isFile = stat.isFile();
      size = stat.size;
    }
    if (isDir) entries.push({ name: dirent.name, path: full, kind: 'dir' });
    else if (isFile) entries.push({ name: dirent.name, path: full, kind: 'file', size: size ?? 0 });
    if (entries.length >= LIST_LIMIT) break;
  }
  entries.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'dir' ? -1 : 1));
  const atRoot = guard.roots.some((root) => path.resolve(root) === target);
  const parentDir = path.dirname(target);
  const parent = !atRoot && parentDir !== target && guard.roots.some((root) => isInside(path.resolve(root), parentDir)) ? parentDir : null;
  return { path: target, parent, roots: [...guard.roots], entries };
}
