import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

/** `child_process.spawn`, or a stand-in with the same shape. */
export type SpawnFunction = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

/** How to start one attempt of a job. */
export interface ProcessSpec {
  argv: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** File fed to standard input; `/dev/null` when absent. */
  stdinPath?: string;
  stdoutPath: string;
  stderrPath: string;
}

/** How an attempt ended. */
export interface ProcessExit {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not start (missing executable, unreadable stdin). */
  error?: string;
}

/** A started attempt. */
export interface RunningProcess {
  pid: number | undefined;
  exit: Promise<ProcessExit>;
  /** Signals the attempt's whole process group, so children of a shell script stop too. */
  kill(signal: NodeJS.Signals): void;
}

/**
 * Starts one attempt as the leader of a new process group (`detached`), with its standard
 * streams connected straight to files: Node never copies the output, so a chatty job costs
 * nothing here, and the logs survive the app.
 */
export function startProcess(spawn: SpawnFunction, spec: ProcessSpec): RunningProcess {
  const fds: number[] = [];
  let child: ChildProcess;
  try {
    fds.push(spec.stdinPath === undefined ? openSync('/dev/null', 'r') : openSync(spec.stdinPath, 'r'));
    fds.push(openSync(spec.stdoutPath, 'w'));
    fds.push(spec.stderrPath === spec.stdoutPath ? fds[1]! : openSync(spec.stderrPath, 'w'));
    child = spawn(spec.argv[0]!, spec.argv.slice(1), { cwd: spec.cwd, env: spec.env, stdio: [fds[0], fds[1], fds[2]], detached: true });
  } catch (error) {
    closeAll(fds);
    return { pid: undefined, exit: Promise.resolve({ exitCode: null, signal: null, error: (error as Error).message }), kill: () => undefined };
  }
  closeAll(fds);
  let finished = false;
  const exit = new Promise<ProcessExit>((resolve) => {
    child.once('error', (error) => {
      finished = true;
      resolve({ exitCode: null, signal: null, error: error.message });
    });
    child.once('exit', (exitCode, signal) => {
      finished = true;
      resolve({ exitCode, signal });
    });
  });
  return {
    pid: child.pid,
    exit,
    kill(signal) {
      if (finished || child.pid === undefined) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        // the group is already gone
      }
    },
  };
}

function closeAll(fds: number[]): void {
  for (const fd of new Set(fds)) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
  }
}
