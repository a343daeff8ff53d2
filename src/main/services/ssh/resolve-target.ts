// Where to connect and as whom: a connection profile (or a bare host), ~/.ssh/config, and
// command-line overrides, combined as ssh does: explicit values (command line, then profile)
// win over the config file, which wins over defaults.
import { access, readFile } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic } from '../../../shared/model';
import { parseJumpHost, parseSshConfig, resolveSshConfig, type JumpHost, type SshConfig } from '../../../shared/remote/ssh-config';
import type { ConnectionPrompts, JumpTarget, RemoteHostOptions } from './types';

export interface TargetRequest {
  /** Host name, address or ~/.ssh/config alias. */
  host: string;
  port?: number;
  user?: string;
  identityFile?: string;
  /** `[user@]host[:port],…` as ssh -J. */
  proxyJump?: string;
}

export interface ResolvedTarget {
  /** The name asked for (alias), for messages and known_hosts lookups by alias. */
  alias: string;
  host: string;
  port: number;
  username: string;
  identityFiles: string[];
  proxyJump: JumpTarget[];
  diagnostics: Diagnostic[];
}

export interface ResolveOptions {
  /** Default ~/.ssh/config; null to ignore any config file. */
  sshConfigPath?: string | null;
  /** For `~` expansion and default keys; default os.homedir(). */
  homeDir?: string;
  /** Default the local user name, as ssh does. */
  defaultUser?: string;
}

const DEFAULT_KEYS = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

/**
 * Combine, in order of precedence: `overrides` (e.g. --port/--user/--identity on the command
 * line), then `profile` (what the user saved), then ~/.ssh/config for the profile's host,
 * then defaults (port 22, local user name, ~/.ssh/id_ed25519|id_ecdsa|id_rsa that exist).
 */
export async function resolveTarget(profile: TargetRequest, overrides: Partial<TargetRequest> = {}, options: ResolveOptions = {}): Promise<ResolvedTarget> {
  const home = options.homeDir ?? homedir();
  const request: TargetRequest = { ...profile, ...definedOnly(overrides) };
  const diagnostics: Diagnostic[] = [];
  const configPath = options.sshConfigPath === undefined ? join(home, '.ssh', 'config') : options.sshConfigPath;
  let sshConfig: SshConfig = { blocks: [] };
  if (configPath !== null) {
    const text = await readFile(configPath, 'utf8').catch(() => undefined);
    if (text !== undefined) {
      const parsed = parseSshConfig(text, { file: configPath });
      diagnostics.push(...parsed.diagnostics);
      if (parsed.ok) sshConfig = parsed.value;
    }
  }
  const fromConfig = resolveSshConfig(sshConfig, request.host);
  const config = fromConfig.ok ? fromConfig.value : { identityFiles: [], proxyJump: [] as JumpHost[] };
  diagnostics.push(...fromConfig.diagnostics);

  let jumps: JumpHost[] = config.proxyJump;
  if (request.proxyJump !== undefined) {
    jumps = [];
    for (const part of request.proxyJump.split(',')) {
      const jump = parseJumpHost(part.trim());
      if (jump.ok) jumps.push(jump.value);
      else diagnostics.push(...jump.diagnostics);
    }
  }

  let identityFiles = request.identityFile !== undefined ? [request.identityFile] : config.identityFiles;
  identityFiles = identityFiles.map((file) => expandHome(file, home));
  if (identityFiles.length === 0) {
    for (const name of DEFAULT_KEYS) {
      const candidate = join(home, '.ssh', name);
      if (await access(candidate).then(() => true, () => false)) identityFiles.push(candidate);
    }
  }

  return {
    alias: request.host,
    host: config.hostName ?? request.host,
    port: request.port ?? config.port ?? 22,
    username: request.user ?? config.user ?? options.defaultUser ?? userInfo().username,
    identityFiles,
    // A jump host may itself be an alias of ~/.ssh/config (as ssh resolves it); what the
    // ProxyJump text says explicitly wins.
    proxyJump: jumps.map((jump) => {
      const alias = resolveSshConfig(sshConfig, jump.host);
      const viaConfig = alias.ok ? alias.value : { identityFiles: [] as string[], proxyJump: [] };
      const port = jump.port ?? viaConfig.port;
      const username = jump.user ?? viaConfig.user;
      const keys = viaConfig.identityFiles.map((file) => expandHome(file, home));
      return {
        host: viaConfig.hostName ?? jump.host,
        ...(port ? { port } : {}),
        ...(username ? { username } : {}),
        ...(keys.length > 0 ? { identityFiles: keys } : {}),
      };
    }),
    diagnostics,
  };
}

function expandHome(path: string, home: string): string {
  if (path === '~') return home;
  if (path.startsWith('~/')) return join(home, path.slice(2));
  return path.replaceAll('%d', home);
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * The RemoteHost options for a resolved target: the user's ~/.ssh/known_hosts (appended when a
 * new key is trusted) and the system's /etc/ssh/ssh_known_hosts (read only), as ssh uses them.
 */
export function hostOptionsFor(
  target: ResolvedTarget,
  options: { homeDir?: string; prompts: ConnectionPrompts; agent?: string | null },
): RemoteHostOptions {
  return {
    host: target.host,
    port: target.port,
    username: target.username,
    identityFiles: target.identityFiles,
    ...(options.agent === undefined ? {} : { agent: options.agent }),
    knownHostsFile: join(options.homeDir ?? homedir(), '.ssh', 'known_hosts'),
    extraKnownHostsFiles: ['/etc/ssh/ssh_known_hosts'],
    prompts: options.prompts,
    ...(target.proxyJump.length > 0 ? { proxyJump: target.proxyJump } : {}),
  };
}
