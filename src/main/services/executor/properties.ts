import { promises as fs } from 'node:fs';
import { scalarNumber } from '../../../shared/model';

/**
 * Reads a Java properties file as pegasus-plan does (`pegasus.properties` beside the
 * workflow): `key = value`, `key: value` or `key value`; `#` and `!` start comments; a
 * trailing backslash continues the line. Returns an empty map when the file does not exist.
 */
export async function readProperties(file: string): Promise<Map<string, string>> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw Object.assign(new Error(`${file}: ${(error as Error).message}`), { code: 'PC524' });
  }
  return parseProperties(text);
}

/** Parses the text of a properties file (see {@link readProperties}). */
export function parseProperties(text: string): Map<string, string> {
  const properties = new Map<string, string>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!.trimStart();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    while (/(^|[^\\])(\\\\)*\\$/.test(line) && i + 1 < lines.length) line = line.slice(0, -1) + lines[++i]!.trimStart();
    const match = /^((?:\\.|[^\s=:\\])+)\s*[=:\s]?\s*(.*)$/.exec(line);
    if (!match) continue;
    properties.set(match[1]!.replace(/\\(.)/g, '$1'), match[2]!.trimEnd());
  }
  return properties;
}

/** What properties change in a local run: the default retries and the `env.*` variables. */
export interface RunProperties {
  /** `dagman.retry`: retries of jobs without a dagman RETRY profile. */
  defaultRetries?: number;
  /** `env.NAME = value`: environment of every job, below job, site and transformation profiles. */
  env: Record<string, string>;
}

/** Picks the properties a local run honours. */
export function runProperties(properties: ReadonlyMap<string, string>): RunProperties {
  const env: Record<string, string> = {};
  for (const [key, value] of properties) if (key.startsWith('env.') && key.length > 4) env[key.slice(4)] = value;
  const retry = scalarNumber(properties.get('dagman.retry'));
  return retry !== undefined && retry >= 0 ? { defaultRetries: Math.floor(retry), env } : { env };
}
