/**
 * Plain text files the authoring views open beside a workflow: a transformation's local
 * script, a condorWorkflow job's DAG file. Paths go through the same guard as documents
 * (browser mode: only under the server's roots), reads are capped, writes are atomic.
 */
import { promises as fsp } from 'node:fs';
import { writeFileAtomic } from './atomic-write';
import type { PathGuard } from './path-guard';
import { fsError, ServiceError } from './service-error';

/** Larger files are refused: an editor in a dialog is not the tool for them. */
export const TEXT_FILE_MAX_BYTES = 5 * 1024 * 1024;

export async function readTextFile(guard: PathGuard, requested: string): Promise<{ path: string; text: string }> {
  const file = await guard.check(requested, 'read');
  const stat = await fsp.stat(file).catch((error: unknown) => {
    throw fsError(error, file, 'opening');
  });
  if (!stat.isFile()) throw new ServiceError('IO_ERROR', `${file}: not a file`);
  if (stat.size > TEXT_FILE_MAX_BYTES)
    throw new ServiceError(
      'UNREADABLE',
      `${file}: ${stat.size} bytes, more than the ${TEXT_FILE_MAX_BYTES} an editor opens`,
    );
  const text = await fsp.readFile(file, 'utf8').catch((error: unknown) => {
    throw fsError(error, file, 'reading');
  });
  return { path: file, text };
}

export async function writeTextFile(
  guard: PathGuard,
  requested: string,
  text: string,
): Promise<{ path: string; bytes: number }> {
  const file = await guard.check(requested, 'write');
  const bytes = await writeFileAtomic(file, text).catch((error: unknown) => {
    throw fsError(error, file, 'writing');
  });
  return { path: file, bytes };
}
