/**
 * Pure parsers for the two OpenSSH files a connection honours: `~/.ssh/config` (the subset
 * HostName, User, Port, IdentityFile, ProxyJump) and `known_hosts` lines. They read text and
 * return values with diagnostics; the file I/O, `~` expansion and the HMAC of hashed
 * known_hosts entries happen in src/main (no Node here).
 */
import type { Diagnostic, Result } from '../model';

// ---------------------------------------------------------------------------------------
// ~/.ssh/config

/** One `Host` block: its patterns and the options it sets, in file order. */
export interface SshConfigBlock {
  patterns: string[];
  options: { keyword: string; value: string; line: number }[];
  line: number;
}

/** A parsed config: the blocks, and options set before the first Host (apply to all). */
export interface SshConfig {
  blocks: SshConfigBlock[];
  file?: string;
}

/** A jump host of ProxyJump: `[user@]host[:port]`. */
export interface JumpHost {
  host: string;
  user?: string;
  port?: number;
}

/** What the config says for one alias (values absent when the config says nothing). */
export interface ResolvedSshConfig {
  hostName?: string;
  user?: string;
  port?: number;
  /** In config order; `~` and `%d` are left for the caller to expand. */
  identityFiles: string[];
  /** Jump hosts in order (first is connected to first); empty for none. */
  proxyJump: JumpHost[];
}

const SUPPORTED = new Set(['hostname', 'user', 'port', 'identityfile', 'proxyjump']);

/**
 * Parse ssh_config text. Unsupported keywords are ignored (they are many and harmless);
 * `Match` blocks and `Include` are skipped with an info diagnostic, since their conditions
 * cannot be evaluated here. Cost: linear in the text.
 */
export function parseSshConfig(text: string, options: { file?: string } = {}): Result<SshConfig> {
  const diagnostics: Diagnostic[] = [];
  const global: SshConfigBlock = { patterns: ['*'], options: [], line: 0 };
  const blocks: SshConfigBlock[] = [global];
  let current: SshConfigBlock | undefined = global;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const match = /^([A-Za-z][A-Za-z0-9]*)(?:\s*=\s*|\s+)(.*)$/.exec(trimmed);
    if (!match) {
      diagnostics.push(configDiagnostic('SSH_CONFIG_SYNTAX', 'warning', `cannot read "${trimmed}": expected "Keyword value"`, line, options.file));
      return;
    }
    const keyword = match[1]!.toLowerCase();
    const args = splitArgs(match[2]!);
    if (keyword === 'host') {
      current = { patterns: args, options: [], line };
      blocks.push(current);
      return;
    }
    if (keyword === 'match') {
      current = undefined;
      diagnostics.push(configDiagnostic('SSH_CONFIG_MATCH_IGNORED', 'info', 'Match blocks are not evaluated; their options are ignored', line, options.file));
      return;
    }
    if (keyword === 'include') {
      diagnostics.push(configDiagnostic('SSH_CONFIG_INCLUDE_IGNORED', 'info', `Include ${args.join(' ')} is not followed`, line, options.file));
      return;
    }
    if (!current || !SUPPORTED.has(keyword)) return;
    const value = keyword === 'proxyjump' ? args.join(',') : (args[0] ?? '');
    if (keyword === 'port' && !isPort(value)) {
      diagnostics.push(configDiagnostic('SSH_CONFIG_BAD_PORT', 'warning', `Port "${value}" is not a number from 1 to 65535`, line, options.file));
      return;
    }
    current.options.push({ keyword, value, line });
  });
  const config: SshConfig = options.file === undefined ? { blocks } : { blocks, file: options.file };
  return { ok: true, value: config, diagnostics };
}

/**
 * The options for `alias` as OpenSSH computes them: blocks are scanned in order, the first
 * value obtained for each keyword wins, IdentityFile accumulates. `%h` (the resolved host
 * name), `%p`, `%r` and `%%` are expanded in IdentityFile; `%h` in HostName is the alias.
 */
export function resolveSshConfig(config: SshConfig, alias: string): Result<ResolvedSshConfig> {
  const diagnostics: Diagnostic[] = [];
  const resolved: ResolvedSshConfig = { identityFiles: [], proxyJump: [] };
  let proxySet = false;
  for (const block of config.blocks) {
    if (!hostMatches(block.patterns, alias)) continue;
    for (const { keyword, value, line } of block.options) {
      switch (keyword) {
        case 'hostname':
          resolved.hostName ??= value.replaceAll('%h', alias).replaceAll('%%', '%');
          break;
        case 'user':
          resolved.user ??= value;
          break;
        case 'port':
          resolved.port ??= Number(value);
          break;
        case 'identityfile':
          resolved.identityFiles.push(value);
          break;
        case 'proxyjump':
          if (proxySet) break;
          proxySet = true;
          if (value.toLowerCase() === 'none') break;
          for (const part of value.split(',')) {
            const jump = parseJumpHost(part.trim());
            if (jump.ok) resolved.proxyJump.push(jump.value);
            else diagnostics.push(...jump.diagnostics.map((d) => ({ ...d, location: { line, column: 1, ...(config.file ? { file: config.file } : {}) } })));
          }
          break;
      }
    }
  }
  const hostName = resolved.hostName ?? alias;
  resolved.identityFiles = resolved.identityFiles.map((file) =>
    file.replace(/%([%hpr])/g, (_m, token: string) =>
      token === '%' ? '%' : token === 'h' ? hostName : token === 'p' ? String(resolved.port ?? 22) : (resolved.user ?? '%r'),
    ),
  );
  return { ok: true, value: resolved, diagnostics };
}

/** Parse `[user@]host[:port]`, `[user@][v6addr]:port` or `ssh://[user@]host[:port]`. */
export function parseJumpHost(text: string): Result<JumpHost> {
  let rest = text.startsWith('ssh://') ? text.slice('ssh://'.length) : text;
  const jump: JumpHost = { host: '' };
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    jump.user = rest.slice(0, at);
    rest = rest.slice(at + 1);
  }
  let portText: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(rest);
  if (bracketed) {
    jump.host = bracketed[1]!;
    portText = bracketed[2];
  } else {
    const colon = rest.lastIndexOf(':');
    if (colon >= 0 && rest.indexOf(':') === colon) {
      jump.host = rest.slice(0, colon);
      portText = rest.slice(colon + 1);
    } else {
      jump.host = rest;
    }
  }
  const bad = (message: string): Result<JumpHost> => ({
    ok: false,
    diagnostics: [{ code: 'SSH_CONFIG_BAD_PROXYJUMP', severity: 'warning', message: `ProxyJump "${text}": ${message}` }],
  });
  if (jump.host === '' || /\s/.test(jump.host)) return bad('no host name');
  if (jump.user === '') return bad('empty user name before "@"');
  if (portText !== undefined) {
    if (!isPort(portText)) return bad(`port "${portText}" is not a number from 1 to 65535`);
    jump.port = Number(portText);
  }
  return { ok: true, value: jump, diagnostics: [] };
}

/** ssh_config Host matching: any positive pattern matches and no `!pattern` matches. */
export function hostMatches(patterns: readonly string[], host: string): boolean {
  let positive = false;
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) {
      if (wildcardMatch(pattern.slice(1), host)) return false;
    } else if (wildcardMatch(pattern, host)) {
      positive = true;
    }
  }
  return positive;
}

/** `*` and `?` wildcards, case-insensitive like OpenSSH's match_pattern for host names. */
export function wildcardMatch(pattern: string, text: string): boolean {
  const p = pattern.toLowerCase();
  const t = text.toLowerCase();
  // Iterative glob with backtracking to the last `*`: linear-ish, no regex built from input.
  let pi = 0;
  let ti = 0;
  let star = -1;
  let mark = 0;
  while (ti < t.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === t[ti])) {
      pi++;
      ti++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = ti;
    } else if (star >= 0) {
      pi = star + 1;
      ti = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

// ---------------------------------------------------------------------------------------
// known_hosts

/** One usable known_hosts line. */
export interface KnownHostsEntry {
  /** 1-based line number in its file. */
  line: number;
  marker?: 'revoked' | 'cert-authority';
  /** Plain patterns (comma list split), or one hashed name. */
  hosts: { kind: 'patterns'; patterns: string[] } | { kind: 'hashed'; salt: string; hash: string };
  keyType: string;
  /** The key blob, base64 as written in the file. */
  keyBase64: string;
}

/**
 * Parse known_hosts text. Comments, blank lines and unreadable lines are skipped (the latter
 * with a warning naming the line), so one bad line never hides the others.
 */
export function parseKnownHosts(text: string, options: { file?: string } = {}): Result<KnownHostsEntry[]> {
  const entries: KnownHostsEntry[] = [];
  const diagnostics: Diagnostic[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const fields = trimmed.split(/\s+/);
    let marker: KnownHostsEntry['marker'];
    if (fields[0]?.startsWith('@')) {
      const name = fields.shift()!.slice(1);
      if (name !== 'revoked' && name !== 'cert-authority') {
        diagnostics.push(configDiagnostic('KNOWN_HOSTS_SYNTAX', 'warning', `unknown marker @${name}`, line, options.file));
        return;
      }
      marker = name;
    }
    const [hostField, keyType, keyBase64] = fields;
    if (!hostField || !keyType || !keyBase64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(keyBase64)) {
      diagnostics.push(configDiagnostic('KNOWN_HOSTS_SYNTAX', 'warning', 'expected "hosts key-type base64-key"', line, options.file));
      return;
    }
    let hosts: KnownHostsEntry['hosts'];
    if (hostField.startsWith('|1|')) {
      const [, , salt, hash] = hostField.split('|');
      if (!salt || !hash) {
        diagnostics.push(configDiagnostic('KNOWN_HOSTS_SYNTAX', 'warning', 'hashed host name is not |1|salt|hash', line, options.file));
        return;
      }
      hosts = { kind: 'hashed', salt, hash };
    } else {
      hosts = { kind: 'patterns', patterns: hostField.split(',').filter((p) => p !== '') };
    }
    entries.push({ line, ...(marker ? { marker } : {}), hosts, keyType, keyBase64 });
  });
  return { ok: true, value: entries, diagnostics };
}

/** The name a host is recorded under: `host` for port 22, `[host]:port` otherwise. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** A known_hosts line recording `keyType keyBase64` for host:port (plain, not hashed). */
export function knownHostsLine(host: string, port: number, keyType: string, keyBase64: string): string {
  return `${knownHostsName(host, port)} ${keyType} ${keyBase64}`;
}

/** Whether a plain entry's patterns name host:port (negations honoured). */
export function plainEntryMatches(patterns: readonly string[], host: string, port: number): boolean {
  return hostMatches(patterns, knownHostsName(host, port));
}

function isPort(text: string): boolean {
  if (!/^\d{1,5}$/.test(text)) return false;
  const n = Number(text);
  return n >= 1 && n <= 65535;
}

function splitArgs(text: string): string[] {
  const args: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].startsWith('#')) break;
    args.push(m[1] ?? m[2]!);
  }
  return args;
}

function configDiagnostic(code: string, severity: Diagnostic['severity'], message: string, line: number, file?: string): Diagnostic {
  return { code, severity, message, location: { line, column: 1, ...(file === undefined ? {} : { file }) } };
}
