/**
 * Browser mode: `npm run web -- [FILE] [--port N] [--root DIR]… [--data DIR]` serves the
 * built renderer and the handler table over a WebSocket on 127.0.0.1, for machines without
 * the Electron binary and for the end-to-end tests. Prints one URL holding the launch
 * secret. Tests call {@link startWebServer} directly.
 */
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { validateWorkflow } from '../shared/validate';
import type { AppEvent } from '../shared/ipc';
import { createHandlers } from './handlers';
import { LocalRunService } from './services/executor';
import { RemoteSession, type RemoteSessionOptions } from './services/remote-session/remote-session';
import { MemorySecretStore } from './services/secrets/memory-secret-store';
import { createShellServices, defaultAppDataDir } from './services/workspace/create-services';
import { documentFormats } from './services/workspace/formats-binding';
import { rootsGuard } from './services/workspace/path-guard';
import { startWebServerCore, type WebServer } from './browser-mode/server';

export type { WebServer } from './browser-mode/server';

export interface StartWebServerOptions {
  /** The built renderer; default `out/renderer` of this checkout. */
  rendererDir?: string;
  /** Folders the page may read and write; default the working folder and the folder of `initialFile`. */
  roots?: string[];
  /** Where Recent and the recovery folder live; default the per-user settings folder. */
  appDataDir?: string;
  /** A workflow to open at start (absolute). */
  initialFile?: string | null;
  /** 0 (default): a free port. */
  port?: number;
  clock?: () => Date;
  /**
   * The remote side (connection, runs, annex). Browser mode has no operating-system secret
   * store, so by default passphrases are never remembered ('basic_text' refuses, saying why).
   */
  remote?: Partial<Omit<RemoteSessionOptions, 'appDataDir' | 'emit'>>;
  /** Unexpected handler errors (default: printed to stderr without the request). */
  onInternalError?: (channel: string, error: unknown) => void;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** `out/renderer` whether this runs from `src/main` (tsx) or from `out/main` (bundle). */
export function defaultRendererDir(): string {
  const candidates = [path.resolve(here, '..', '..', 'out', 'renderer'), path.resolve(here, '..', 'renderer')];
  return candidates.find((dir) => existsSync(path.join(dir, 'index.html'))) ?? candidates[0]!;
}

/** Starts browser mode; resolves once it listens. `close()` stops it and drops every connection. */
export async function startWebServer(options: StartWebServerOptions = {}): Promise<WebServer> {
  const initialFile = options.initialFile ? path.resolve(options.initialFile) : null;
  const roots = options.roots ?? [process.cwd(), ...(initialFile ? [path.dirname(initialFile)] : [])];
  const guard = rootsGuard(roots);
  const appDataDir = options.appDataDir ?? defaultAppDataDir();
  // Events go to the pages once the server listens; none is produced before a page asks for something.
  let send: (event: AppEvent) => void = () => undefined;
  const remote = new RemoteSession({
    appDataDir,
    secrets: new MemorySecretStore('basic_text'),
    ...options.remote,
    emit: (event) => send(event),
  });
  // Runs on this machine; their progress goes to the pages as `localRun.update` events.
  const localRuns = new LocalRunService({ load: documentFormats.loadWorkflowBundle });
  const services = createShellServices({
    mode: 'web',
    version: process.env.npm_package_version ?? '0.1.0',
    initialFile,
    appDataDir,
    guard,
    formats: documentFormats,
    validate: (bundle) => validateWorkflow(bundle),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const server = await startWebServerCore({
    rendererDir: options.rendererDir ?? defaultRendererDir(),
    handlers: createHandlers({ ...services, remote, localRuns }),
    port: options.port ?? 0,
    onInternalError:
      options.onInternalError ??
      ((channel, error) => process.stderr.write(`pegasus-canvas web: ${channel}: ${error instanceof Error ? error.message : String(error)}\n`)),
  });
  send = (event) => server.sendEvent(event);
  const stopRunEvents = localRuns.subscribe((update) => send({ type: 'localRun.update', update }));
  return {
    ...server,
    async close() {
      stopRunEvents();
      await localRuns.cancelAll();
      await remote.close();
      await server.close();
    },
  };
}

export interface WebArgs {
  file: string | null;
  port: number;
  roots: string[];
  dataDir: string | null;
}

/** Parses `[FILE] [--port N] [--root DIR]… [--data DIR]`; throws with a message on bad input. */
export function parseWebArgs(argv: readonly string[], cwd: string): WebArgs {
  const args: WebArgs = { file: null, port: 0, roots: [], dataDir: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--port') {
      const port = Number(value());
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: ${argv[i]} is not a port number (0–65535)`);
      args.port = port;
    } else if (arg === '--root') args.roots.push(path.resolve(cwd, value()));
    else if (arg === '--data') args.dataDir = path.resolve(cwd, value());
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else if (args.file === null) args.file = path.resolve(cwd, arg);
    else throw new Error(`one FILE only (got ${args.file} and ${arg})`);
  }
  return args;
}

const USAGE = 'usage: npm run web -- [FILE] [--port N] [--root DIR]... [--data DIR]';

async function main(): Promise<void> {
  let args: WebArgs;
  try {
    args = parseWebArgs(process.argv.slice(2), process.cwd());
  } catch (error) {
    process.stderr.write(`pegasus-canvas web: ${(error as Error).message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const rendererDir = defaultRendererDir();
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    process.stderr.write(`pegasus-canvas web: ${rendererDir}/index.html is missing; run \`npm run build:renderer\` first\n`);
    process.exitCode = 2;
    return;
  }
  if (args.file && !existsSync(args.file)) {
    process.stderr.write(`pegasus-canvas web: ${args.file}: no such file\n`);
    process.exitCode = 2;
    return;
  }
  const roots = args.roots.length > 0 ? args.roots : [process.cwd(), ...(args.file ? [path.dirname(args.file)] : [])];
  const server = await startWebServer({ rendererDir, roots, initialFile: args.file, port: args.port, ...(args.dataDir ? { appDataDir: args.dataDir } : {}) });
  process.stdout.write(
    `Pegasus Canvas is running in browser mode. Open this link (it holds this launch's secret; do not share it):\n\n  ${server.url}\n\nFolders it may use: ${roots.join(', ')}\nPress Ctrl+C to stop.\n`,
  );
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) void main();
