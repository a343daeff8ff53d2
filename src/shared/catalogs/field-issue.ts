/** A problem with one field of a catalog form, shown beside the field as the user types. */
export interface FieldIssue {
  /** Path of the field inside the entry, e.g. `['pfns', 0, 'site']`. */
  path: Array<string | number>;
  message: string;
  severity: 'error' | 'warning';
}

export function issue(path: Array<string | number>, message: string, severity: 'error' | 'warning' = 'error'): FieldIssue {
  return { path, message, severity };
}

/** A URL scheme Pegasus transfers understand (pegasus-transfer's handlers). */
export const TRANSFER_SCHEMES = ['file', 'http', 'https', 'ftp', 'gsiftp', 'scp', 'sshftp', 's3', 's3s', 'gs', 'irods', 'osdf', 'stash', 'webdav', 'webdavs', 'symlink', 'docker', 'singularity', 'shub', 'library', 'globus', 'root'] as const;

/** The scheme of a URL, or undefined for a plain path. */
export function urlScheme(url: string): string | undefined {
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(url);
  return match ? match[1]!.toLowerCase() : undefined;
}
