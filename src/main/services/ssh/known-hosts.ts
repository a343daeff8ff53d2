// Host-key verification against OpenSSH known_hosts files (security.md §4.1): plain and
// [host]:port names, comma lists, wildcards, hashed |1|salt|hash names, @revoked. A stored
// key of the presented type that differs is a CHANGED key: a hard stop.
import { createHmac } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { knownHostsLine, knownHostsName, parseKnownHosts, plainEntryMatches, type KnownHostsEntry } from '../../../shared/remote/ssh-config';

export type HostKeyVerdict =
  | { status: 'match'; file: string; line: number }
  | { status: 'unknown' }
  | { status: 'changed'; file: string; line: number; storedType: string }
  | { status: 'revoked'; file: string; line: number };

interface LoadedEntry extends KnownHostsEntry {
  file: string;
}

/** Whether a hashed entry names `name`: base64(HMAC-SHA1(key = salt, name)) = hash. */
export function hashedNameMatches(salt: string, hash: string, name: string): boolean {
  const digest = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
  return digest === hash;
}

async function load(files: readonly string[]): Promise<LoadedEntry[]> {
  const entries: LoadedEntry[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    const parsed = parseKnownHosts(text, { file });
    if (parsed.ok) entries.push(...parsed.value.map((entry) => ({ ...entry, file })));
  }
  return entries;
}

function entryNames(entry: KnownHostsEntry, host: string, port: number): boolean {
  if (entry.hosts.kind === 'patterns') return plainEntryMatches(entry.hosts.patterns, host, port);
  return hashedNameMatches(entry.hosts.salt, entry.hosts.hash, knownHostsName(host, port));
}

/**
 * Check the key `keyBlob` (type `keyType`) presented by host:port against the files, in order.
 * revoked wins over everything; then a match of the same type; then a differing stored key of
 * the same type is a change. Keys of other types only are "unknown" (OpenSSH asks then too).
 */
export async function checkHostKey(files: readonly string[], host: string, port: number, keyType: string, keyBlob: Buffer): Promise<HostKeyVerdict> {
  const entries = (await load(files)).filter((entry) => entryNames(entry, host, port));
  const presented = keyBlob.toString('base64');
  const same = (entry: LoadedEntry): boolean => Buffer.from(entry.keyBase64, 'base64').equals(keyBlob);
  const revoked = entries.find((entry) => entry.marker === 'revoked' && same(entry));
  if (revoked) return { status: 'revoked', file: revoked.file, line: revoked.line };
  const usable = entries.filter((entry) => entry.marker === undefined);
  const match = usable.find((entry) => entry.keyType === keyType && same(entry));
  if (match) return { status: 'match', file: match.file, line: match.line };
  const changed = usable.find((entry) => entry.keyType === keyType && entry.keyBase64 !== presented);
  if (changed) return { status: 'changed', file: changed.file, line: changed.line, storedType: changed.keyType };
  return { status: 'unknown' };
}

/** Append a trusted key to `file` (created with mode 600 if missing), like ssh does. */
export async function trustHostKey(file: string, host: string, port: number, keyType: string, keyBlob: Buffer): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  let prefix = '';
  try {
    const existing = await readFile(file, 'utf8');
    if (existing.length > 0 && !existing.endsWith('\n')) prefix = '\n';
  } catch {
    // new file
  }
  await appendFile(file, `${prefix}${knownHostsLine(host, port, keyType, keyBlob.toString('base64'))}\n`, { mode: 0o600 });
}
