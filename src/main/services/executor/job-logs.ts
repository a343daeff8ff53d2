import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { RunRecord } from '../../../shared/run/run-record';

/** The end of one job log, as the log panel shows it. */
export interface LogTail {
  /** Absolute path of the log file. */
  file: string;
  text: string;
  /** Size of the whole file in bytes. */
  size: number;
  /** True when `text` is only the end of the file. */
  truncated: boolean;
}

/**
 * Reads the stdout or stderr of one attempt of a job (the last attempt by default), at most
 * `maxBytes` from its end. A log path in the record that points outside `allowedRoot` (the
 * top run folder) is refused, so a tampered `run.json` cannot make the app read other files.
 */
export async function readJobLog(
  runDir: string,
  record: RunRecord,
  jobId: string,
  stream: 'stdout' | 'stderr',
  options: { attempt?: number; maxBytes?: number; allowedRoot?: string } = {},
): Promise<LogTail> {
  const job = record.jobs.find((candidate) => candidate.id === jobId);
  if (!job) throw Object.assign(new Error(`Run ${record.name} has no job '${jobId}'`), { code: 'PC522' });
  const attempt = options.attempt === undefined ? job.attempts.at(-1) : job.attempts.find((a) => a.attempt === options.attempt);
  if (!attempt) throw Object.assign(new Error(`Job '${jobId}' has not started${options.attempt === undefined ? '' : ` attempt ${options.attempt}`}`), { code: 'PC522' });
  const root = path.resolve(options.allowedRoot ?? runDir);
  const file = path.resolve(runDir, attempt[stream]);
  if (file !== root && !file.startsWith(root + path.sep)) throw Object.assign(new Error(`Log path ${file} is outside the run folder`), { code: 'PC522' });
  const maxBytes = options.maxBytes ?? 256 * 1024;
  const handle = await fs.open(file, 'r').catch(() => undefined);
  if (!handle) return { file, text: '', size: 0, truncated: false };
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    return { file, text: buffer.toString('utf8'), size, truncated: length < size };
  } finally {
    await handle.close();
  }
}
