// A real OpenSSH server on 127.0.0.1 for integration tests: Debian's /usr/sbin/sshd started
// in the foreground from a temp dir with its own host key, authorized_keys and config
// (reference/security.md §7). It plays the ACCESS Pegasus host.
//
// Account: sshd started by an unprivileged user can only log in that user. When the tests
// run as root (CI), the harness creates the unprivileged account `pcanvas-sshd` once
// (idempotent `useradd`) and runs sshd as that account with `runuser`, so the fixture never
// holds root. Otherwise it runs as the current user.
//
// Home and PATH: each server gets its own fresh home directory inside its temp dir, so
// parallel servers (several test files, several developers) never share files. sshd's
// `SetEnv HOME=… PATH=…` sets the environment of every session: non-interactive exec reads no
// profile, so sshd_config is the only reliable place for PATH. sshd itself still starts
// sessions in the passwd home; Debian's bash, when started by sshd for a command, reads
// ~/.bashrc (= $HOME/.bashrc, our per-server file) in the top-level shell only, and that file
// just enters $HOME. SFTP starts in $HOME too (`internal-sftp -d`). Commands are thus parsed
// by the account's real login shell (bash) exactly as on the ACCESS host; there is no
// ForceCommand (which would make sshd refuse channel signals).
//
// Pseudo-terminals: a non-root sshd chowns the new /dev/pts/N to group tty and dies if it
// cannot, so the account must be a member of group tty (the harness adds it when it creates
// the account; as a non-root developer, make sure your user is in group tty or pty tests fail
// with "Unable to request a pseudo-terminal").
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile, readdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);

/** The unprivileged account used when the tests run as root. */
export const SSHD_TEST_ACCOUNT = process.env.PCANVAS_SSHD_USER ?? 'pcanvas-sshd';

/** test/fixtures/access-host/bin: stand-ins for the Pegasus tools, to put on the account's PATH. */
export function accessHostBinDir(): string {
  return resolve(import.meta.dirname, '..', '..', 'fixtures', 'access-host', 'bin');
}

export interface StartSshdOptions {
  /** Directories put in front of the sessions' PATH (e.g. accessHostBinDir()). */
  pathPrepend?: readonly string[];
  /** sshd MaxSessions (sessions per connection); default 10 like OpenSSH. */
  maxSessions?: number;
  /** Extra environment for every session (sshd SetEnv; values must not contain spaces or quotes). */
  env?: Readonly<Record<string, string>>;
  /** Extra sshd_config lines appended at the end. */
  extraConfig?: readonly string[];
  /** Port to listen on; default a free one. */
  port?: number;
}

export interface SshdServer {
  host: string;
  port: number;
  user: string;
  /** SHA256:… of the current host key, as `ssh-keygen -lf` prints it. */
  hostKeyFingerprint: string;
  /** `[127.0.0.1]:port ssh-ed25519 AAAA…` for a known_hosts file. */
  knownHostsLine: string;
  /** A known_hosts file holding knownHostsLine (rewritten on restart with a new key). */
  knownHostsPath: string;
  /** Unencrypted ed25519 client key accepted by the server. */
  clientKeyPath: string;
  /** Encrypted ed25519 client key accepted by the server, and its passphrase. */
  encryptedClientKeyPath: string;
  clientKeyPassphrase: string;
  /** A client key the server does NOT accept. */
  unauthorizedKeyPath: string;
  /** The sessions' $HOME (fresh per server, owned by the account). */
  homeDir: string;
  /** The temp dir holding config, keys and sshd.log. */
  dir: string;
  /** sshd's log so far (LogLevel VERBOSE). */
  log(): Promise<string>;
  /** Start again on the same port after stop/kill; newHostKey regenerates the host key. */
  restart(options?: { newHostKey?: boolean }): Promise<void>;
  /** SIGTERM the listener and every session process; resolves when they are gone. */
  stop(): Promise<void>;
  /** SIGKILL the listener and every session process (a crash, a pulled cable). */
  kill(): Promise<void>;
  /** SIGSTOP every sshd process: the host stops answering but no connection is closed (a dead link). */
  pause(): Promise<void>;
  /** SIGCONT after pause(). */
  resume(): Promise<void>;
  /** stop() and delete the temp dir. */
  dispose(): Promise<void>;
}

/** Start a fresh sshd; call dispose() in afterAll. */
export async function startSshd(options: StartSshdOptions = {}): Promise<SshdServer> {
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? SSHD_TEST_ACCOUNT : userInfo().username;
  if (asRoot) await ensureAccount(user);
  const ids = asRoot ? await accountIds(user) : undefined;

  const dir = await mkdtemp(join(tmpdir(), 'pcanvas-sshd-'));
  await chmod(dir, 0o755);
  const homeDir = join(dir, 'home');
  await mkdir(homeDir, { mode: 0o755 });
  const own = async (path: string): Promise<void> => {
    if (ids) await chown(path, ids.uid, ids.gid);
  };
  await own(homeDir);

  const hostKey = join(dir, 'host_ed25519');
  const clientKeyPath = join(dir, 'client_ed25519');
  const encryptedClientKeyPath = join(dir, 'client_enc_ed25519');
  const unauthorizedKeyPath = join(dir, 'stranger_ed25519');
  const clientKeyPassphrase = `pw-${randomBytes(9).toString('base64url')}`;
  await keygen(hostKey, '');
  await own(hostKey);
  await keygen(clientKeyPath, '');
  await keygen(encryptedClientKeyPath, clientKeyPassphrase);
  await keygen(unauthorizedKeyPath, '');
  const authorizedKeys = join(dir, 'authorized_keys');
  await writeFile(
    authorizedKeys,
    (await readFile(`${clientKeyPath}.pub`, 'utf8')) + (await readFile(`${encryptedClientKeyPath}.pub`, 'utf8')),
    { mode: 0o644 },
  );

  const bashrc = join(homeDir, '.bashrc');
  await writeFile(bashrc, 'cd "$HOME" || exit 1\n', { mode: 0o644 });
  await own(bashrc);
  let port = options.port ?? (await freePort());
  const path = [...(options.pathPrepend ?? []), '/usr/local/bin', '/usr/bin', '/bin'].join(':');
  const setEnv = [`HOME=${homeDir}`, `PATH=${path}`, ...Object.entries(options.env ?? {}).map(([k, v]) => `${k}=${v}`)];
  const configLines = (): string[] => [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${hostKey}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${authorizedKeys}`,
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    'StrictModes no',
    `AllowUsers ${user}`,
    `MaxSessions ${options.maxSessions ?? 10}`,
    'MaxStartups 100',
    'AllowTcpForwarding yes',
    `Subsystem sftp internal-sftp -d ${homeDir}`,
    `SetEnv ${setEnv.join(' ')}`,
    'LogLevel VERBOSE',
    ...(options.extraConfig ?? []),
    '',
  ];
  const configPath = join(dir, 'sshd_config');
  await writeFile(configPath, configLines().join('\n'), { mode: 0o644 });
  const logPath = join(dir, 'sshd.log');
  const knownHostsPath = join(dir, 'known_hosts');

  const run = (argv: string[]): { command: string; args: string[] } =>
    asRoot ? { command: 'runuser', args: ['-u', user, '--', ...argv] } : { command: argv[0]!, args: argv.slice(1) };

  let child: ChildProcess | undefined;
  const server: SshdServer = {
    host: '127.0.0.1',
    port,
    user,
    hostKeyFingerprint: '',
    knownHostsLine: '',
    knownHostsPath,
    clientKeyPath,
    encryptedClientKeyPath,
    clientKeyPassphrase,
    unauthorizedKeyPath,
    homeDir,
    dir,
    log: () => readFile(logPath, 'utf8').catch(() => ''),
    async restart(restartOptions = {}) {
      await killTree(child, 'SIGTERM', homeDir);
      if (restartOptions.newHostKey) {
        await rm(hostKey, { force: true });
        await rm(`${hostKey}.pub`, { force: true });
        await keygen(hostKey, '');
        await own(hostKey);
      }
      await describeHostKey();
      child = await launch();
    },
    async stop() {
      await killTree(child, 'SIGTERM', homeDir);
    },
    async kill() {
      await killTree(child, 'SIGKILL', homeDir);
    },
    async pause() {
      if (child?.pid !== undefined) await freezeTree(child.pid);
    },
    async resume() {
      if (child?.pid !== undefined) for (const pid of [child.pid, ...(await descendants(child.pid))]) signalQuietly(pid, 'SIGCONT');
    },
    async dispose() {
      await server.resume();
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };

  async function describeHostKey(): Promise<void> {
    const pub = (await readFile(`${hostKey}.pub`, 'utf8')).trim().split(/\s+/);
    server.knownHostsLine = `[127.0.0.1]:${port} ${pub[0]} ${pub[1]}`;
    await writeFile(knownHostsPath, `${server.knownHostsLine}\n`);
    const { stdout } = await execFileP('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${hostKey}.pub`]);
    server.hostKeyFingerprint = stdout.trim().split(/\s+/)[1] ?? '';
  }

  async function launch(): Promise<ChildProcess> {
    const check = run(['/usr/sbin/sshd', '-t', '-f', configPath]);
    await execFileP(check.command, check.args).catch((error: { stderr?: string }) => {
      throw new Error(`sshd rejected its test config ${configPath}: ${error.stderr ?? String(error)}`);
    });
    const { command, args } = run(['/usr/sbin/sshd', '-D', '-e', '-f', configPath]);
    const proc = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    await new Promise<void>((resolveReady, reject) => {
      const timer = setTimeout(() => reject(new Error(`sshd did not start within 15 s:\n${log}`)), 15_000);
      proc.stderr!.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        void writeFile(logPath, chunk, { flag: 'a' });
        if (log.includes(`Server listening on 127.0.0.1 port ${port}`)) {
          clearTimeout(timer);
          resolveReady();
        }
      });
      proc.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`sshd exited at start (code ${code}, signal ${signal}):\n${log}`));
      });
    });
    return proc;
  }

  // The free port may be taken by someone else between the probe and sshd's bind: try another.
  for (let attempt = 1; ; attempt++) {
    await describeHostKey();
    try {
      child = await launch();
      return server;
    } catch (error) {
      const busy = /Address already in use|Cannot bind any address/.test((error as Error).message);
      if (!busy || options.port !== undefined || attempt >= 5) {
        await rm(dir, { recursive: true, force: true });
        throw error;
      }
      port = await freePort();
      server.port = port;
      await writeFile(configPath, configLines().join('\n'), { mode: 0o644 });
    }
  }
}

async function keygen(path: string, passphrase: string): Promise<void> {
  await execFileP('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', 'pcanvas-test', '-f', path]);
}

async function ensureAccount(user: string): Promise<void> {
  if (!(await accountIds(user).then(() => true, () => false))) {
    try {
      await execFileP('useradd', ['--create-home', '--shell', '/bin/bash', '--user-group', '--groups', 'tty', user]);
    } catch (error) {
      // Another test process may have created it in the meantime (useradd exits 9).
      if (!(await accountIds(user).then(() => true, () => false))) {
        throw new Error(`cannot create the test account ${user}: ${(error as { stderr?: string }).stderr ?? String(error)}`, { cause: error });
      }
    }
  }
  const { stdout } = await execFileP('id', ['-nG', user]);
  if (!stdout.split(/\s+/).includes('tty')) await execFileP('usermod', ['-aG', 'tty', user]);
}

async function accountIds(user: string): Promise<{ uid: number; gid: number }> {
  const { stdout } = await execFileP('getent', ['passwd', user]);
  const fields = stdout.trim().split(':');
  return { uid: Number(fields[2]), gid: Number(fields[3]) };
}

/** A port nobody listens on right now (the kernel's pick). */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

/** Every descendant of `pid` (found through /proc, so only processes this harness started). */
async function descendants(pid: number): Promise<number[]> {
  const parents = new Map<number, number[]>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const afterName = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(afterName[1]);
    if (!Number.isFinite(ppid)) continue;
    parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const kid of parents.get(queue.shift()!) ?? []) {
      found.push(kid);
      queue.push(kid);
    }
  }
  return found;
}

/** Processes whose environment has HOME=homeDir: session commands that left the tree (`cmd &`). */
async function sessionProcesses(homeDir: string): Promise<number[]> {
  const marker = `\0HOME=${homeDir}\0`;
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const environ = await readFile(`/proc/${entry}/environ`, 'latin1').catch(() => '');
    if (`\0${environ}`.includes(marker)) found.push(Number(entry));
  }
  return found;
}

/** SIGSTOP `root` and all its descendants, rescanning until no new process appears; returns them. */
async function freezeTree(root: number): Promise<number[]> {
  const tree: number[] = [];
  for (let round = 0; round < 50; round++) {
    const fresh = [root, ...(await descendants(root))].filter((pid) => !tree.includes(pid));
    if (fresh.length === 0) break;
    for (const pid of fresh) signalQuietly(pid, 'SIGSTOP');
    tree.push(...fresh);
  }
  return tree;
}

function signalQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

async function killTree(proc: ChildProcess | undefined, signal: NodeJS.Signals, homeDir: string): Promise<void> {
  const signalAll = (pids: number[], sig: NodeJS.Signals): void => {
    for (const pid of pids) {
      try {
        process.kill(pid, sig);
      } catch {
        // already gone
      }
    }
  };
  const running = proc !== undefined && proc.pid !== undefined && proc.exitCode === null && proc.signalCode === null;
  const exited = running ? new Promise<void>((done) => proc.once('exit', () => done())) : Promise.resolve();
  // Freeze the tree first: a process caught in the middle of fork() would otherwise leave a
  // child we never saw, re-parented to init and still holding a connection. Stopped processes
  // cannot fork, so rescanning until nothing new appears finds them all.
  const tree = running ? await freezeTree(proc.pid!) : [];
  // sshd processes (listener, per-connection children) go first, as when the host dies: the
  // connections drop before any command can report an exit status.
  signalAll(tree, signal);
  if (signal !== 'SIGKILL') signalAll(tree, 'SIGCONT');
  // Then session commands that left the tree (`cmd &`), found by their HOME.
  signalAll(await sessionProcesses(homeDir), signal);
  const timeout = setTimeout(() => signalAll(tree, 'SIGKILL'), 5_000);
  await exited;
  clearTimeout(timeout);
}
