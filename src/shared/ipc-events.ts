/**
 * Main → renderer events of the remote side (DESIGN.md §1): questions a connection or an
 * interactive remote tool asks the user, connection state, run progress and the output lines
 * of `htcondor annex create`. zod-free, so the sandboxed preload can name the channel.
 * Electron sends them on {@link EVENT_CHANNEL}; browser mode pushes `{ event }` over its socket.
 */
import type { LocalRunUpdate } from './ipc-local-run';
import type { JobCounts, JobState, RunState } from './run/run-state';

/** The Electron IPC channel carrying {@link AppEvent}s from main to the renderer. */
export const EVENT_CHANNEL = 'app.event';

/** What a question is about; the page draws each kind its own way. */
export type PromptKind = 'hostKey' | 'passphrase' | 'keyboardInteractive' | 'password' | 'terminal';

/** One line the user answers. `secret`: typed hidden. */
export interface PromptField {
  text: string;
  secret: boolean;
}

/** A question waiting for `prompt.answer` (answer or cancel). */
export interface PromptRequest {
  id: string;
  kind: PromptKind;
  /** A heading, e.g. `user@host:22`. */
  title: string;
  /** Extra text the server sent (keyboard-interactive name and instructions). */
  instructions?: string;
  /** One field per answer expected; empty for `hostKey` (a yes/no question). */
  fields: PromptField[];
  /** `hostKey`: `SHA256:…` and the key type. */
  fingerprint?: string;
  keyType?: string;
  /** True when the last answer was wrong (passphrase). */
  retry?: boolean;
  /** Passphrase and password: whether the user may ask to remember it, and why not when refused. */
  remember?: { allowed: boolean; reason?: string };
}

/** A connection's life cycle, as RemoteHost reports it, plus the profile it belongs to. */
export interface ConnectionStatus {
  profile: string | null;
  /** `user@host:port`. */
  label: string | null;
  state: 'idle' | 'connecting' | 'authenticating' | 'ready' | 'lost' | 'reconnecting' | 'closed';
  /** Why the connection failed or dropped (a changed host key says so here). */
  message?: string;
  /** SshError code of that failure. */
  code?: string;
}

/** A remote run as the runs panel and the canvas show it. */
export interface RunSummary {
  id: string;
  workflowName: string;
  /** Local workflow file the run was submitted from. */
  workflowFile: string;
  host: string;
  state: RunState;
  stage: 'upload' | 'plan' | 'watch';
  /** Each canvas job's state (abstract job id → state). */
  jobStates: Record<string, JobState>;
  counts: JobCounts;
  total: number;
  /** 0–100. */
  percentDone: number;
  createdAt: string;
  updatedAt: string;
  submitDir?: string;
  error?: string;
  /** The last watch error, while it retries. */
  watchError?: string;
}

/** Every event the main process pushes to the page. */
export type AppEvent =
  | { type: 'prompt'; prompt: PromptRequest }
  /** The question was answered, cancelled, or is no longer asked: close it. */
  | { type: 'prompt.closed'; id: string }
  | { type: 'connection.state'; status: ConnectionStatus }
  /**
   * A remote run changed. With `changedOnly`, `run.jobStates` holds only the jobs whose state
   * changed since the previous `run.update` of this run (a 100,000-job run is not resent whole
   * every poll); without it, every job. A full one comes first, when the run ends, and every
   * minute.
   */
  | { type: 'run.update'; run: RunSummary; changedOnly?: true }
  | { type: 'annex.line'; line: string }
  /** A batch of job changes of a local run (at most four batches a second; a batch of more than 10,000 jobs comes as several). */
  | { type: 'localRun.update'; update: LocalRunUpdate };

const EVENT_TYPES: ReadonlySet<string> = new Set(['prompt', 'prompt.closed', 'connection.state', 'run.update', 'annex.line', 'localRun.update']);

/** True for an object whose `type` names an {@link AppEvent} (the clients drop anything else). */
export function isAppEvent(value: unknown): value is AppEvent {
  return typeof value === 'object' && value !== null && EVENT_TYPES.has(String((value as { type?: unknown }).type));
}
