// The app's side of the remote features (issues 6 and 7): one RemoteHost for the connected
// profile, its questions relayed to the page through the PromptBroker, and the submission,
// annex and Jetstream2 services bound to it. The IPC handlers call this object only.
import { join } from 'node:path';
import { homedir } from 'node:os';
import type { AppEvent, ConnectionStatus, RunSummary } from '../../../shared/ipc-events';
import type { AnnexCreateValue, BootScriptValue, ProfileInput, ProfilesValue } from '../../../shared/ipc-remote';
import type { AnnexHostEntry } from '../../../shared/remote/annex-setup';
import type { AnnexSlot } from '../../../shared/remote/annex-status';
import type { AnnexRequest } from '../../../shared/remote/annex-validate';
import type { PlanOptions } from '../../../shared/remote/pegasus-plan';
import type { RemoteHostRef } from '../../../shared/run/remote-run';
import { AnnexService, type AnnexCard, type SystemsList } from '../annex/annex-service';
import { AnnexSetupService, type HostEntriesOutcome } from '../annex/annex-setup-service';
import { JetstreamService, type PilotCredentials } from '../jetstream/jetstream-service';
import { secretKeys, SecretStoreRefused, type SecretStore } from '../secrets/secret-store';
import { ConnectionProfileStore } from '../settings/connection-profiles';
import { RemoteHost } from '../ssh/remote-host';
import { hostOptionsFor, resolveTarget } from '../ssh/resolve-target';
import type { ConnectionPrompts, ConnectionState } from '../ssh/types';
import { RunStore } from '../submit/run-store';
import type { RunAnalysis, RunStatistics } from '../submit/run-actions';
import { SubmitService, type ClosableHost } from '../submit/submit-service';
import { PromptBroker, type PromptAnswer } from './prompt-broker';
import { runSummary } from './run-summary';
import { RunUpdateEvents } from './run-update-events';

export interface RemoteSessionOptions {
  /** Where connection profiles are kept (the app data folder). */
  appDataDir: string;
  /** Where run records are kept; default `<appDataDir>/remote-runs`. */
  runsDir?: string;
  /** Home folder for ~/.ssh/config, known_hosts and default keys; default os.homedir(). */
  homeDir?: string;
  /** ssh-agent socket; default $SSH_AUTH_SOCK; null: no agent. */
  agent?: string | null;
  secrets: SecretStore;
  /** Pushes an event to the page(s). */
  emit: (event: AppEvent) => void;
  /** Time between polls of a running workflow; default 5 s. */
  pollIntervalMs?: number;
}

/** Thrown for what the user must do first (connect); the handlers show the message. */
export class RemoteSessionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RemoteSessionError';
  }
}

interface Connection {
  profile: string;
  host: RemoteHost;
  ref: RemoteHostRef;
  annex: AnnexService;
  setup: AnnexSetupService;
  jetstream: JetstreamService;
  credentials?: PilotCredentials;
  /** Secrets the user asked to remember, stored once the login succeeded (a wrong one is never kept). */
  remember: Map<string, string>;
  status: ConnectionStatus;
}

export class RemoteSession {
  readonly broker: PromptBroker;
  readonly submit: SubmitService;
  private readonly profiles: ConnectionProfileStore;
  private readonly home: string;
  private current: Connection | undefined;
  private readonly watchErrors = new Map<string, string>();
  private readonly runEvents = new RunUpdateEvents();
  private stopSubmitEvents: () => void;

  constructor(private readonly options: RemoteSessionOptions) {
    this.broker = new PromptBroker(options.emit);
    this.profiles = new ConnectionProfileStore(options.appDataDir);
    this.home = options.homeDir ?? homedir();
    this.submit = new SubmitService({
      store: new RunStore(options.runsDir ?? join(options.appDataDir, 'remote-runs')),
      connect: async (ref) => this.hostFor(ref),
      ...(options.pollIntervalMs === undefined ? {} : { intervalMs: options.pollIntervalMs }),
      maxBackoffMs: 30_000,
    });
    this.stopSubmitEvents = this.submit.subscribe((event) => {
      if (event.kind === 'update') {
        this.watchErrors.delete(event.update.record.id);
        this.emitRun(runSummary(event.update.record));
      } else if (event.kind === 'ended') {
        this.watchErrors.delete(event.record.id);
        this.emitRun(runSummary(event.record));
      } else {
        this.watchErrors.set(event.runId, event.message);
        void this.submit.get(event.runId).then(
          (record) => this.emitRun(runSummary(record, event.message)),
          () => undefined,
        );
      }
    });
  }

  // ------------------------------------------------------------ profiles and connection

  async profilesValue(): Promise<ProfilesValue> {
    const refusal = this.options.secrets.refusalReason();
    return {
      profiles: (await this.profiles.list()).map((profile) => ({ ...profile })),
      connection: this.status(),
      secrets: { backend: this.options.secrets.backend, ...(refusal ? { refusal } : {}) },
      prompts: this.broker.requests(),
    };
  }

  async saveProfile(profile: ProfileInput): Promise<ProfilesValue> {
    await this.profiles.save(profile);
    return this.profilesValue();
  }

  async removeProfile(name: string): Promise<ProfilesValue> {
    await this.profiles.remove(name);
    return this.profilesValue();
  }

  status(): ConnectionStatus {
    return this.current?.status ?? { profile: null, label: null, state: 'idle' };
  }

  /** Connects with a saved profile (closing any other connection). Resolves with the outcome, never rejects for a failed login. */
  async connect(name: string): Promise<ConnectionStatus> {
    const profile = await this.profiles.get(name);
    if (!profile) throw new RemoteSessionError(`There is no connection profile named "${name}".`);
    this.disconnect();
    const target = await resolveTarget(
      { host: profile.host, ...(profile.port ? { port: profile.port } : {}), ...(profile.user ? { user: profile.user } : {}), ...(profile.identityFile ? { identityFile: profile.identityFile } : {}), ...(profile.proxyJump ? { proxyJump: profile.proxyJump } : {}) },
      {},
      { homeDir: this.home },
    );
    const remember = new Map<string, string>();
    const host = new RemoteHost(
      hostOptionsFor(target, {
        homeDir: this.home,
        agent: this.options.agent === undefined ? (process.env.SSH_AUTH_SOCK ?? null) : this.options.agent,
        prompts: this.prompts(`${target.username}@${target.host}:${target.port}`, remember),
      }),
    );
    const ref: RemoteHostRef = { host: target.host, port: target.port, user: target.username, ...(target.identityFiles[0] ? { identity: target.identityFiles[0] } : {}) };
    const connection: Connection = {
      profile: name,
      host,
      ref,
      annex: new AnnexService(host),
      setup: new AnnexSetupService({ exec: (argv, options) => host.exec(argv, options), writeFile: (path, data, options) => host.sftp.writeFile(path, data, options) }),
      jetstream: new JetstreamService(host),
      remember,
      status: { profile: name, label: host.label, state: 'connecting' },
    };
    this.current = connection;
    host.onStateChange((state, error) => this.setState(connection, state, error));
    this.options.emit({ type: 'connection.state', status: connection.status });
    try {
      await host.connect();
    } catch (error) {
      const code = (error as { code?: string }).code;
      // Forget the connection before closing it, so its own 'closed' event does not hide the reason.
      if (this.current === connection) this.current = undefined;
      host.close();
      this.broker.cancelAll();
      connection.status = { profile: name, label: host.label, state: 'closed', message: (error as Error).message, ...(code ? { code } : {}) };
      this.options.emit({ type: 'connection.state', status: connection.status });
      return connection.status;
    }
    await this.commitSecrets(connection);
    // Runs remembered from earlier sessions on this host are watched again.
    void this.submit.resumeAll().catch(() => undefined);
    return connection.status;
  }

  disconnect(): ConnectionStatus {
    const connection = this.current;
    this.current = undefined;
    this.broker.cancelAll();
    if (connection) {
      connection.credentials = undefined;
      connection.host.close();
    }
    const status: ConnectionStatus = { profile: null, label: null, state: 'idle' };
    this.options.emit({ type: 'connection.state', status });
    return status;
  }

  answer(id: string, answer: PromptAnswer): void {
    this.broker.answer(id, answer);
  }

  // ------------------------------------------------------------ runs

  async submitWorkflow(workflowFile: string, planOptions: PlanOptions): Promise<RunSummary> {
    const connection = this.connected();
    const record = await this.submit.submit({ workflowFile, planOptions, host: connection.ref });
    return runSummary(record);
  }

  async runs(): Promise<RunSummary[]> {
    return (await this.submit.list()).map((record) => runSummary(record, this.watchErrors.get(record.id)));
  }

  async analyze(runId: string): Promise<RunAnalysis> {
    return this.submit.analyze(runId);
  }

  async statistics(runId: string): Promise<RunStatistics> {
    return this.submit.statistics(runId);
  }

  /** Downloads a run's outputs from the submit host; answers the local files written. */
  fetch(runId: string, localDir: string): Promise<string[]> {
    return this.submit.fetch(runId, localDir);
  }

  async remove(runId: string): Promise<string> {
    return this.submit.remove(runId);
  }

  async rerun(runId: string): Promise<RunSummary> {
    return runSummary(await this.submit.rerun(runId));
  }

  // ------------------------------------------------------------ annex

  async systems(): Promise<SystemsList> {
    return this.connected().annex.systems();
  }

  async whoami(): Promise<string> {
    return this.connected().annex.whoami();
  }

  async queuedJobs(name: string): Promise<number> {
    return this.connected().annex.queuedJobs(name);
  }

  async createAnnex(request: AnnexRequest): Promise<AnnexCreateValue> {
    return this.connected().annex.create(request, {
      onPrompt: async (prompt) => (await this.broker.ask({ kind: 'terminal', title: 'htcondor annex asks', fields: [{ text: prompt.text, secret: prompt.secret }] }))?.answers?.[0],
      onLine: (line) => this.options.emit({ type: 'annex.line', line }),
    });
  }

  async annexStatus(name: string): Promise<AnnexCard> {
    return this.connected().annex.status(name);
  }

  async shutdownAnnex(name: string): Promise<string[]> {
    return this.connected().annex.shutdown(name);
  }

  async ensureAnnexKey(): Promise<string> {
    return this.connected().setup.ensureKey();
  }

  async addHostEntries(entries: AnnexHostEntry[]): Promise<HostEntriesOutcome> {
    return this.connected().setup.addHostEntries(entries);
  }

  // ------------------------------------------------------------ Jetstream2

  /** Reads the name and pilot token over SSH; the token stays in this process's memory. */
  async jetstreamCredentials(): Promise<{ username: string; maskedToken: string }> {
    const connection = this.connected();
    connection.credentials = await connection.jetstream.credentials();
    const token = connection.credentials.token;
    return { username: connection.credentials.username, maskedToken: `${'•'.repeat(12)}${token.slice(-4)} (${token.length} characters)` };
  }

  async jetstreamToken(): Promise<string> {
    return (await this.credentialsOf(this.connected())).token;
  }

  async bootScript(script: string): Promise<BootScriptValue> {
    const connection = this.connected();
    return connection.jetstream.bootScript(script, await this.credentialsOf(connection));
  }

  async machines(): Promise<AnnexSlot[]> {
    const connection = this.connected();
    return connection.jetstream.machines((await this.credentialsOf(connection)).username);
  }

  /** Stops every watch and closes the connection (app shutdown). */
  async close(): Promise<void> {
    this.stopSubmitEvents();
    this.stopSubmitEvents = () => undefined;
    this.disconnect();
    await this.submit.close();
  }

  // ------------------------------------------------------------ internals

  private connected(): Connection {
    const connection = this.current;
    if (!connection || connection.status.state === 'closed' || connection.status.state === 'idle') {
      throw new RemoteSessionError('Not connected: choose a profile in the Connection panel and connect first.');
    }
    return connection;
  }

  private async credentialsOf(connection: Connection): Promise<PilotCredentials> {
    connection.credentials ??= await connection.jetstream.credentials();
    return connection.credentials;
  }

  /** The connection a run's host needs: the current one when it is that host. */
  private hostFor(ref: RemoteHostRef): ClosableHost {
    const connection = this.current;
    if (connection && connection.ref.host === ref.host && connection.ref.port === ref.port && (ref.user === undefined || connection.ref.user === ref.user)) {
      return connection.host;
    }
    throw new RemoteSessionError(`Not connected to ${ref.user ? `${ref.user}@` : ''}${ref.host}:${ref.port}: connect to it in the Connection panel to follow this run.`);
  }

  private setState(connection: Connection, state: ConnectionState, error?: { message: string; code?: string }): void {
    if (this.current !== connection) return;
    connection.status = {
      profile: connection.profile,
      label: connection.host.label,
      state,
      ...(error ? { message: error.message, ...(error.code ? { code: error.code } : {}) } : {}),
    };
    this.options.emit({ type: 'connection.state', status: connection.status });
  }

  private async commitSecrets(connection: Connection): Promise<void> {
    for (const [key, secret] of connection.remember) {
      try {
        await this.options.secrets.set(key, secret);
      } catch (error) {
        if (!(error instanceof SecretStoreRefused)) throw error;
      }
    }
    connection.remember.clear();
  }

  private rememberOffer(): { allowed: boolean; reason?: string } {
    const reason = this.options.secrets.refusalReason();
    return reason ? { allowed: false, reason } : { allowed: true };
  }

  private prompts(label: string, remember: Map<string, string>): ConnectionPrompts {
    const secrets = this.options.secrets;
    return {
      confirmHostKey: async (key) => {
        const answer = await this.broker.ask({ kind: 'hostKey', title: `${key.host}:${key.port}`, fields: [], fingerprint: key.fingerprint, keyType: key.keyType });
        return answer?.trust === true;
      },
      passphrase: async ({ keyPath, attempt, retry }) => {
        const key = secretKeys.passphrase(keyPath);
        if (attempt <= 1 && !retry) {
          const stored = await secrets.get(key).catch(() => undefined);
          if (stored !== undefined) return stored;
        }
        const answer = await this.broker.ask({
          kind: 'passphrase',
          title: label,
          fields: [{ text: `Enter passphrase for key '${keyPath}':`, secret: true }],
          retry,
          remember: this.rememberOffer(),
        });
        const value = answer?.answers?.[0];
        if (value !== undefined && answer?.remember) remember.set(key, value);
        return value;
      },
      keyboardInteractive: async (prompts, name, instructions) => {
        // One-time codes and Duo answers are never offered for remembering.
        const text = [name, instructions].filter((part) => part.trim() !== '').join('\n');
        const answer = await this.broker.ask({
          kind: 'keyboardInteractive',
          title: label,
          ...(text ? { instructions: text } : {}),
          fields: prompts.map((prompt) => ({ text: prompt.prompt, secret: !prompt.echo })),
        });
        return answer?.answers;
      },
      password: async ({ host, username }) => {
        const port = Number(label.slice(label.lastIndexOf(':') + 1));
        const key = secretKeys.password(username, host, port);
        const stored = await secrets.get(key).catch(() => undefined);
        if (stored !== undefined) return stored;
        const answer = await this.broker.ask({ kind: 'password', title: label, fields: [{ text: `${username}@${host}'s password:`, secret: true }], remember: this.rememberOffer() });
        const value = answer?.answers?.[0];
        if (value !== undefined && answer?.remember) remember.set(key, value);
        return value;
      },
    };
  }

  /** Sends a run's summary to the pages (the jobs that changed, or whole: {@link RunUpdateEvents}). */
  private emitRun(run: RunSummary): void {
    this.options.emit(this.runEvents.eventFor(run));
  }
}
