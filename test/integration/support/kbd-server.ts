// An in-process ssh2 Server for the authentication flows a PAM-less, non-root OpenSSH cannot
// offer (security.md §7): Duo-style keyboard-interactive (after public-key partial success or
// alone), and password. It records every attempt so tests can assert "asked once, never
// retried". After authentication it runs `echo`-like exec requests: it answers any command
// with "ran: <command>" and exit status 0.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Server, utils, type Connection, type ParsedKey } from 'ssh2';

export interface KbdRound {
  name?: string;
  instructions?: string;
  prompts: { prompt: string; echo: boolean }[];
  /** Whether the answers pass this round. */
  accept(answers: string[]): boolean;
}

export interface KbdServerOptions {
  /** Require this public key first (publickey → partial success → keyboard-interactive), like Duo after a key. */
  publicKeyPath?: string;
  /** Keyboard-interactive rounds, asked in order. Omit to disable keyboard-interactive. */
  rounds?: KbdRound[];
  /** Accept password authentication with this password. */
  password?: string;
  /** Close the connection if the answers of a round do not arrive within this time (a Duo timeout). */
  answerTimeoutMs?: number;
  /** Where to write known_hosts for this server (a temp dir). */
  dir: string;
}

export interface AuthAttempt {
  method: string;
  /** For keyboard-interactive: the answers of each round (tests check what was sent). */
  answers?: string[][];
  password?: string;
  success: boolean;
}

export interface KbdServer {
  host: string;
  port: number;
  knownHostsPath: string;
  hostKeyFingerprint: string;
  attempts: AuthAttempt[];
  /** Connections accepted (each one is a separate login). */
  connections: number;
  /** Cut every client connection (the network drops); the server keeps listening. */
  dropConnections(): void;
  close(): Promise<void>;
}

export async function startKbdServer(options: KbdServerOptions): Promise<KbdServer> {
  // ECDSA, not ed25519: ssh2's generator writes an ed25519 key its own parser rejects about
  // once in 250 ("Malformed OpenSSH private key"), which made these tests fail at random.
  const hostKeyPem = utils.generateKeyPairSync('ecdsa', { bits: 256 }).private;
  const hostKey = utils.parseKey(hostKeyPem);
  if (hostKey instanceof Error) throw hostKey;
  const hostParsed = (Array.isArray(hostKey) ? hostKey[0] : hostKey) as ParsedKey;
  let allowedKey: ParsedKey | undefined;
  if (options.publicKeyPath) {
    const parsed = utils.parseKey(await readFile(options.publicKeyPath));
    if (parsed instanceof Error) throw parsed;
    allowedKey = (Array.isArray(parsed) ? parsed[0] : parsed) as ParsedKey;
  }
  const attempts: AuthAttempt[] = [];
  const state = { connections: 0 };
  const sockets = new Set<Connection>();

  const server = new Server({ hostKeys: [hostKeyPem] }, (client) => {
    state.connections += 1;
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    let keyDone = !allowedKey;
    client.on('authentication', (ctx) => {
      const methods = (): ('publickey' | 'keyboard-interactive' | 'password')[] => {
        const list: ('publickey' | 'keyboard-interactive' | 'password')[] = [];
        if (!keyDone) list.push('publickey');
        else {
          if (options.rounds) list.push('keyboard-interactive');
          if (options.password !== undefined) list.push('password');
        }
        return list;
      };
      switch (ctx.method) {
        case 'publickey': {
          const ok = !!allowedKey && ctx.key.algo === allowedKey.type && ctx.key.data.equals(allowedKey.getPublicSSH());
          if (!ok) {
            attempts.push({ method: 'publickey', success: false });
            return ctx.reject(methods());
          }
          if (!ctx.signature) return ctx.accept(); // the probe: "would you accept this key?"
          const verified = allowedKey!.verify(ctx.blob!, ctx.signature, ctx.hashAlgo);
          attempts.push({ method: 'publickey', success: verified === true });
          if (verified !== true) return ctx.reject(methods());
          keyDone = true;
          if (!options.rounds && options.password === undefined) return ctx.accept();
          return ctx.reject(methods(), true); // partial success: now the second factor
        }
        case 'password': {
          const success = keyDone && options.password !== undefined && ctx.password === options.password;
          attempts.push({ method: 'password', password: ctx.password, success });
          return success ? ctx.accept() : ctx.reject(methods());
        }
        case 'keyboard-interactive': {
          if (!keyDone || !options.rounds) return ctx.reject(methods());
          const attempt: AuthAttempt = { method: 'keyboard-interactive', answers: [], success: false };
          attempts.push(attempt);
          const ask = (index: number): void => {
            const round = options.rounds![index];
            if (!round) {
              attempt.success = true;
              return ctx.accept();
            }
            const timer = options.answerTimeoutMs === undefined ? undefined : setTimeout(() => client.end(), options.answerTimeoutMs);
            ctx.prompt(round.prompts, round.name ?? '', round.instructions ?? '', (answers) => {
              clearTimeout(timer);
              attempt.answers!.push(answers);
              if (!round.accept(answers)) return ctx.reject(methods());
              ask(index + 1);
            });
          };
          return ask(0);
        }
        default:
          return ctx.reject(methods());
      }
    });
    client.on('ready', () => {
      client.on('session', (accept) => {
        const session = accept();
        session.on('exec', (acceptExec, _reject, info) => {
          const stream = acceptExec();
          stream.write(`ran: ${info.command}\n`);
          stream.exit(0);
          stream.end();
        });
      });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const knownHostsPath = join(options.dir, `known_hosts_kbd_${port}`);
  const blob = hostParsed.getPublicSSH();
  await writeFile(knownHostsPath, `[127.0.0.1]:${port} ${hostParsed.type} ${blob.toString('base64')}\n`);
  const fingerprint = `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
  return {
    host: '127.0.0.1',
    port,
    knownHostsPath,
    hostKeyFingerprint: fingerprint,
    attempts,
    get connections() {
      return state.connections;
    },
    dropConnections: () => {
      for (const socket of sockets) socket.end();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.end();
        server.close(() => resolve());
      }),
  };
}
