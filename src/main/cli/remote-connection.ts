import { homedir } from 'node:os';
import path from 'node:path';
import { RemoteHost } from '../services/ssh/remote-host';
import { hostOptionsFor, resolveTarget } from '../services/ssh/resolve-target';
import type { ConnectionPrompts, RemoteHostOptions } from '../services/ssh/types';
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

/**
 * The RemoteHost options for what was typed: the command line wins over ~/.ssh/config
 * (HostName, User, Port, IdentityFile, ProxyJump, resolved as ssh does by `resolveTarget`),
 * which wins over the defaults.
 */
export async function remoteOptionsFromArgs(args: ConnectionArgs, io: Pick<CliIo, 'env' | 'cwd'>, prompts: ConnectionPrompts): Promise<RemoteHostOptions> {
  if (!args.host) throw new UsageError('--host is required');
  let port: number | undefined;
  if (args.port !== undefined) {
    port = Number(args.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`--port wants a number from 1 to 65535, not '${args.port}'`);
  }
  const home = io.env.HOME ?? homedir();
  const target = await resolveTarget(
    { host: args.host },
    { port, user: args.user, identityFile: args.identity === undefined ? undefined : path.resolve(io.cwd, args.identity) },
    { homeDir: home },
  );
  return hostOptionsFor(target, { homeDir: home, prompts });
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
