import { promises as fsp } from 'node:fs';
import type { Diagnostic, Result } from '../../../shared/model';
import { DEFAULT_MAX_SIZE, READ_CODES, decodeWorkflowBytes } from '../../../shared/formats/pegasus-yaml';

/** Code of a file that cannot be read at all (missing, a folder, no permission). */
export const UNREADABLE_FILE = 'PC290';

/**
 * Reads a workflow or catalog file as UTF-8 text, with a clear diagnostic instead of an
 * exception: missing, not a regular file, no permission, larger than `maxSize` (checked
 * before reading, 500 MB by default as in pegasus-plan), or not UTF-8 (with the position of
 * the first bad byte). Cost: one stat and one read.
 */
export async function readTextFile(file: string, maxSize: number = DEFAULT_MAX_SIZE): Promise<Result<string>> {
  const fail = (message: string, code = UNREADABLE_FILE): Result<string> => ({
    ok: false,
    diagnostics: [{ code, severity: 'error', message, location: { file, line: 1, column: 1 } } satisfies Diagnostic],
  });
  let size: number;
  try {
    const stat = await fsp.stat(file);
    if (stat.isDirectory()) return fail(`${file} is a folder, not a file`);
    if (!stat.isFile()) return fail(`${file} is not a regular file`);
    size = stat.size;
  } catch (error) {
    return fail(describeFsError(error, file));
  }
  if (size > maxSize) {
    return fail(
      `${file} is ${megabytes(size)}, more than the ${megabytes(maxSize)} that pegasus-plan reads (pegasus.parser.document.size)`,
      READ_CODES.tooLarge,
    );
  }
  let bytes: Uint8Array;
  try {
    bytes = await fsp.readFile(file);
  } catch (error) {
    return fail(describeFsError(error, file));
  }
  return decodeWorkflowBytes(bytes, { file, maxSize });
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** `ENOENT` and friends in words. */
export function describeFsError(error: unknown, file: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return `${file} does not exist`;
    case 'EACCES':
    case 'EPERM':
      return `${file} cannot be read: permission denied`;
    case 'EISDIR':
      return `${file} is a folder, not a file`;
    case 'ENOTDIR':
      return `${file}: a part of the path is not a folder`;
    case 'ELOOP':
      return `${file}: too many symbolic links`;
    default:
      return `${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`;
  }
}
