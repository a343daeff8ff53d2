import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import path from 'node:path';
import { RemoteHost } from '../services/ssh/remote-host';
import type { ConnectionPrompts, RemoteHostOptions } from '../services/ssh/types';
import { parseSshConfig, resolveSshConfig } from '../../shared/remote/ssh-config';
import { UsageError, type CliIo } from './command';
import { ask } from './terminal';

/** The connection options every remote command takes. */
export const CONNECTION_USAGE = `connection:
  --host H         the ACCESS Pegasus host (or a Host alias of ~/.ssh/config)
  --port P         SSH port (default: ~/.ssh/config, else 22)
  --user U         login name (default: ~/.ssh/config, else your local name)
  --identity KEY   private key file (default: ~/.ssh/config, the agent, ~/.ssh/id_*)`;

/** `node:util` parseArgs option table for the connection options. */
export const connectionOptions = {
  host: { type: 'string' },
  port: { type: 'string' },
  user: { type: 'string' },
  identity: { type: 'string' },
} as const;

export interface ConnectionArgs {
  host?: string | undefined;
  port?: string | undefined;
  user?: string | undefined;
  identity?: string | undefined;
}

function expandHome(file: string, home: string): string {
  return file === '~' ? home : file.startsWith('~/') ? path.join(home, file.slice(2)) : file;
}

/**
 * The RemoteHost options for what was typed, with ~/.ssh/config honoured the way ssh does it
 * (HostName, User, Port, IdentityFile, ProxyJump) and the command line winning over it.
 */
export async function remoteOptionsFromArgs(args: ConnectionArgs, io: Pick<CliIo, 'env'>, prompts: ConnectionPrompts): Promise<RemoteHostOptions> {
  if (!args.host) throw new UsageError('--host is required');
  const home = io.env.HOME ?? homedir();
  const configPath = path.join(home, '.ssh', 'config');
  const configText = existsSync(configPath) ? await readFile(configPath, 'utf8') : '';
  const parsed = parseSshConfig(configText, { file: configPath });
  const resolved = parsed.ok ? resolveSshConfig(parsed.value, args.host) : undefined;
  const config = resolved?.ok ? resolved.value : { identityFiles: [], proxyJump: [] };

  let port = config.port ?? 22;
  if (args.port !== undefined) {
    port = Number(args.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`--port wants a number from 1 to 65535, not '${args.port}'`);
  }
  const defaults = ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((name) => path.join(home, '.ssh', name)).filter((file) => existsSync(file));
  const identityFiles = args.identity
    ? [path.resolve(expandHome(args.identity, home))]
    : config.identityFiles.length > 0
      ? config.identityFiles.map((file) => expandHome(file, home))
      : defaults;
  return {
    host: config.hostName ?? args.host,
    port,
    username: args.user ?? config.user ?? userInfo().username,
    identityFiles,
    knownHostsFile: path.join(home, '.ssh', 'known_hosts'),
    extraKnownHostsFiles: ['/etc/ssh/ssh_known_hosts'],
    prompts,
    ...(config.proxyJump.length > 0
      ? { proxyJump: config.proxyJump.map((jump) => ({ host: jump.host, ...(jump.port ? { port: jump.port } : {}), ...(jump.user ? { username: jump.user } : {}) })) }
      : {}),
  };
}

/** Questions of a connection, asked on the terminal. A host key is trusted only on "yes". */
export function terminalPrompts(io: Pick<CliIo, 'stderr'>): ConnectionPrompts {
  return {
    async confirmHostKey(key) {
      io.stderr(`The authenticity of host '${key.host}' (port ${key.port}) can't be established.\n${key.keyType} key fingerprint is ${key.fingerprint}.\n`);
      const answer = await ask('Trust this host and remember its key (yes/no)? ');
      return answer?.trim().toLowerCase() === 'yes';
    },
    passphrase: ({ keyPath, retry }) => ask(`${retry ? 'Wrong passphrase. ' : ''}Enter passphrase for key '${keyPath}': `, { hidden: true }),
    async keyboardInteractive(prompts, name, instructions) {
      if (name) io.stderr(`${name}\n`);
      if (instructions) io.stderr(`${instructions}\n`);
      const answers: string[] = [];
      for (const prompt of prompts) {
        const answer = await ask(prompt.prompt, { hidden: !prompt.echo });
        if (answer === undefined) return undefined;
        answers.push(answer);
      }
      return answers;
    },
    password: ({ host, username }) => ask(`${username}@${host}'s password: `, { hidden: true }),
  };
}

/** Connects as the options say, asking on the terminal; the caller closes the host. */
export async function connectFromArgs(args: ConnectionArgs, io: CliIo): Promise<RemoteHost> {
  const host = new RemoteHost(await remoteOptionsFromArgs(args, io, terminalPrompts(io)));
  await host.connect();
  return host;
}
