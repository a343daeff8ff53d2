import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ServiceError } from './service-error';

/**
 * Decides which paths a renderer request may name (security.md §1: the renderer is untrusted).
 * `check` answers the absolute path to use, or throws `FORBIDDEN`.
 */
export interface PathGuard {
  check(file: string, purpose: 'read' | 'write' | 'list'): Promise<string>;
  /** Records a path the user chose (native dialog, command line, Recent): later requests may name it. */
  grant(file: string): void;
  /** Folders the in-page chooser may show (browser mode); empty when paths come from native dialogs. */
  readonly roots: readonly string[];
}

/** True when `child` is `parent` or inside it (both absolute, normalised). Never a string prefix test. */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  if (rel === '') return true;
  return !path.isAbsolute(rel) && rel.split(path.sep)[0] !== '..';
}

function requireAbsolute(file: string): string {
  if (!path.isAbsolute(file)) throw new ServiceError('BAD_REQUEST', `${file}: an absolute path is required`);
  if (file.includes('\0')) throw new ServiceError('BAD_REQUEST', 'a path cannot hold a NUL character');
  return path.resolve(file);
}

/** The real path of `file`, or of its nearest existing folder joined with the rest (for files not yet written). */
async function realPathOf(file: string): Promise<string> {
  const missing: string[] = [];
  let current = file;
  for (;;) {
    try {
      const real = await fsp.realpath(current);
      return missing.length === 0 ? real : path.join(real, ...missing.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return file;
      missing.push(path.basename(current));
      current = parent;
    }
  }
}

/**
 * Browser mode: every path must lie inside one of `roots` once symbolic links are resolved,
 * so a link inside a root cannot reach outside it. Cost: one realpath per request.
 */
export function rootsGuard(roots: readonly string[]): PathGuard {
  const normalised = [...new Set(roots.map((root) => path.resolve(root)))];
  let realRoots: Promise<string[]> | null = null;
  const resolvedRoots = (): Promise<string[]> => (realRoots ??= Promise.all(normalised.map((root) => realPathOf(root))));
  return {
    roots: normalised,
    grant: () => undefined,
    async check(file) {
      const absolute = requireAbsolute(file);
      const real = await realPathOf(absolute);
      const allowed = await resolvedRoots();
      if (!allowed.some((root) => isInside(root, real))) {
        throw new ServiceError('FORBIDDEN', `${file}: outside the folders this server may use (${normalised.join(', ')})`);
      }
      return absolute;
    },
  };
}

/**
 * Electron: a path is usable once the user chose it in a native dialog, named it on the
 * command line, or it is on the Recent list; the catalogs and sidecar beside it are derived
 * by the main process. Listing folders is not offered (native dialogs do that).
 */
export function grantsGuard(initial: Iterable<string> = []): PathGuard {
  const granted = new Set<string>();
  for (const file of initial) granted.add(path.resolve(file));
  return {
    roots: [],
    grant: (file) => {
      granted.add(path.resolve(file));
    },
    async check(file, purpose) {
      const absolute = requireAbsolute(file);
      if (purpose === 'list') throw new ServiceError('NOT_AVAILABLE', 'folders are chosen with the system dialog');
      if (!granted.has(absolute)) throw new ServiceError('FORBIDDEN', `${file}: choose this file with File → Open or Save As first`);
      return absolute;
    },
  };
}
