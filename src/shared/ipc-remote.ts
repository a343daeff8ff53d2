/**
 * The remote part of the IPC contract (issues 6 and 7): connection profiles and prompts,
 * submission and the runs it watches, the HTCondor annex and Jetstream2. `ipc.ts` merges
 * these schemas into its channel table and these value types into `IpcValues`; the names are
 * listed in `ipc-channels.ts` like every other channel.
 *
 * Secrets never travel in a request except as the answer to a prompt (`prompt.answer`), and
 * the Jetstream2 pilot token reaches the page only through `jetstream.token`, on the user's
 * request to copy it.
 */
import { z } from 'zod';
import type { AnalyzerJob, AnalyzerReport } from './remote/pegasus-analyzer';
import type { StatisticsSummary } from './remote/pegasus-statistics';
import type { AnnexSlot, AnnexStatus } from './remote/annex-status';
import type { AnnexSystem } from './remote/annex-systems';
import type { AnnexField } from './remote/annex-validate';
import type { ConnectionStatus, PromptRequest, RunSummary } from './ipc-events';
import type { JobState } from './run/run-state';

const profileName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 ._@-]{0,63}$/, 'a profile name is 1-64 letters, digits, spaces or . _ @ - and starts with a letter or digit');
const runId = z.string().regex(/^[A-Za-z0-9._-]{1,200}$/, 'a run id is letters, digits, ".", "-" and "_"');
const annexName = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'a name is letters, digits, ".", "-" and "_"');
const siteName = z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'a site name is letters, digits, ".", "-" and "_"');

/** A connection profile as the connection panel edits it (no secrets). */
export const profileSchema = z.object({
  name: profileName,
  host: z.string().min(1, 'a host is required').max(255).regex(/^[^\s,]+$/, 'a host has no spaces or commas'),
  port: z.number().int().min(1).max(65535).optional(),
  user: z.string().min(1).max(64).regex(/^[^\s@:]+$/, 'a user name has no spaces, "@" or ":"').optional(),
  identityFile: z.string().min(1).max(4096).optional(),
});
export type ProfileInput = z.infer<typeof profileSchema>;

/** pegasus-plan options the submit form sets (a subset of `PlanOptions`). */
export const planOptionsSchema = z.object({
  sites: z.array(siteName).max(50).optional(),
  stagingSite: siteName.optional(),
  outputSites: z.array(siteName).max(50).optional(),
  cleanup: z.enum(['none', 'leaf', 'inplace', 'constraint']).optional(),
  cluster: z.array(z.enum(['horizontal', 'label', 'whole'])).max(3).optional(),
  force: z.boolean().optional(),
});

/** An annex request as the form sends it (checked again in the main process with the tool's rules). */
export const annexRequestSchema = z.object({
  verb: z.enum(['create', 'add']),
  annexName,
  system: z.string().min(1).max(100),
  queue: z.string().min(1).max(100),
  nodes: z.number().optional(),
  lifetime: z.number().optional(),
  project: z.string().max(200).optional(),
  cpus: z.number().optional(),
  memMb: z.number().optional(),
  gpus: z.string().max(50).optional(),
  gpuType: z.string().max(50).optional(),
  idleTime: z.number().optional(),
  loginName: z.string().max(64).optional(),
});

const empty = z.object({}).strict();

/** The remote channels, merged into `channels` of `ipc.ts` (same order as in `ipc-channels.ts`). */
export const remoteChannels = {
  /** Saved profiles, the current connection, and whether secrets can be remembered here. */
  'remote.profiles': empty,
  'remote.saveProfile': z.object({ profile: profileSchema }),
  'remote.removeProfile': z.object({ name: profileName }),
  /** Connects with a saved profile; questions arrive as `prompt` events. */
  'remote.connect': z.object({ name: profileName }),
  'remote.disconnect': empty,
  /** Answers (or cancels) a `prompt` event. `trust`: the host-key answer; `remember`: store the passphrase/password. */
  'prompt.answer': z.object({
    id: z.string().min(1).max(100),
    answers: z.array(z.string().max(4096)).max(20).optional(),
    trust: z.boolean().optional(),
    remember: z.boolean().optional(),
    cancel: z.boolean().optional(),
  }),

  /** Uploads, plans and starts the saved workflow file on the connected host. */
  'run.submit': z.object({ workflowFile: z.string().min(1).max(4096), planOptions: planOptionsSchema }),
  /** Remembered runs, newest first (unfinished ones are watched again). */
  'run.list': empty,
  'run.analyze': z.object({ runId }),
  'run.remove': z.object({ runId }),
  'run.rerun': z.object({ runId }),
  'run.statistics': z.object({ runId }),
  /**
   * Downloads the outputs staged to the submit host (`--output-dir`) into a local folder;
   * default `outputs-<run id>` beside the run's workflow file.
   */
  'run.fetch': z.object({ runId, localDir: z.string().min(1).max(4096).optional() }),

  'annex.systems': empty,
  'annex.whoami': empty,
  'annex.queuedJobs': z.object({ name: annexName }),
  /** Runs `htcondor annex create|add`; its questions come as `prompt` events (kind `terminal`), its lines as `annex.line`. */
  'annex.create': z.object({ request: annexRequestSchema }),
  'annex.status': z.object({ name: annexName }),
  'annex.shutdown': z.object({ name: annexName }),
  /** Creates `~/.ssh/annex` on the host if missing; answers its public key. */
  'annex.ensureKey': empty,
  'annex.addHostEntries': z.object({
    entries: z
      .array(z.object({ host: z.string().regex(/^[A-Za-z0-9.-]{1,255}$/, 'a host name'), user: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'a user name') }))
      .min(1)
      .max(20),
  }),

  /** Reads `whoami` and `~/.condor/pilot.token`; answers the name and the token masked. */
  'jetstream.credentials': empty,
  /** The token itself, for the clipboard (only on the user's click). */
  'jetstream.token': empty,
  'jetstream.bootScript': z.object({ script: z.string().min(1, 'paste the boot script from Exosphere').max(1_000_000) }),
  'jetstream.machines': empty,
} as const;

export interface SecretStoreInfo {
  backend: string;
  /** Why passphrases cannot be remembered here, or undefined when they can. */
  refusal?: string;
}

export interface ProfilesValue {
  profiles: ProfileInput[];
  connection: ConnectionStatus;
  secrets: SecretStoreInfo;
  /** Questions waiting for an answer (a reloaded page shows them again). */
  prompts: PromptRequest[];
}

export interface JobDiagnosisValue extends AnalyzerJob {
  jobId?: string;
}

export interface RunAnalysisValue {
  report: AnalyzerReport;
  jobs: JobDiagnosisValue[];
}

export interface RunStatisticsValue {
  summary: StatisticsSummary;
  runtimes: { node: string; jobId?: string; state: JobState; runtime: number }[];
}

export interface AnnexSystemsValue {
  systems: AnnexSystem[];
  source: 'host' | 'bundled';
  reason?: string;
}

export type AnnexCreateValue =
  | { ok: true; lines: string[]; command: string }
  | { ok: false; stage: 'validate' | 'name' | 'jobs' | 'tool' | 'cancelled'; message: string; field?: AnnexField; lines: string[]; command?: string };

export interface AnnexCardValue {
  status: AnnexStatus;
  slots: AnnexSlot[];
  slotsError?: string;
}

export type HostEntriesValue = { ok: true; added: string[]; alreadyThere: string[]; backup?: string } | { ok: false; message: string };

export type BootScriptValue = { ok: true; text: string; format: 'cloud-config' | 'multipart'; action: string } | { ok: false; message: string };

/** The answer value of each remote channel. */
export interface RemoteIpcValues {
  'remote.profiles': ProfilesValue;
  'remote.saveProfile': ProfilesValue;
  'remote.removeProfile': ProfilesValue;
  'remote.connect': ConnectionStatus;
  'remote.disconnect': ConnectionStatus;
  'prompt.answer': Record<string, never>;
  'run.submit': RunSummary;
  'run.list': RunSummary[];
  'run.analyze': RunAnalysisValue;
  'run.remove': { message: string };
  'run.rerun': RunSummary;
  'run.statistics': RunStatisticsValue;
  'run.fetch': { folder: string; files: string[] };
  'annex.systems': AnnexSystemsValue;
  'annex.whoami': { username: string };
  'annex.queuedJobs': { queued: number };
  'annex.create': AnnexCreateValue;
  'annex.status': AnnexCardValue;
  'annex.shutdown': { lines: string[] };
  'annex.ensureKey': { publicKey: string };
  'annex.addHostEntries': HostEntriesValue;
  'jetstream.credentials': { username: string; maskedToken: string };
  'jetstream.token': { token: string };
  'jetstream.bootScript': BootScriptValue;
  'jetstream.machines': { slots: AnnexSlot[] };
}
