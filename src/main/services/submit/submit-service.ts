import type { RemoteHostRef, RemoteRunRecord } from '../../../shared/run/remote-run';
import { isRunFinal } from '../../../shared/run/run-state';
import { watchRun, type RunUpdate } from './monitor';
import { analyzeRun, fetchOutputs, removeRun, rerunRun, statisticsOfRun, type RunAnalysis, type RunStatistics } from './run-actions';
import type { RunStore } from './run-store';
import { SubmitError } from './submit-error';
import type { SubmitHost } from './submit-host';
import { resumeSubmission, submitWorkflow, type SubmitRequest } from './submit-run';

/** A connection the service may close when it is done with a host; `closed` ones are replaced. */
export type ClosableHost = SubmitHost & { close(): void; readonly state?: string };

/** What the service tells its listeners about a run. */
export type RunEvent =
  | { kind: 'update'; update: RunUpdate }
  | { kind: 'error'; runId: string; message: string; retryInMs: number }
  | { kind: 'ended'; record: RemoteRunRecord };

export interface SubmitServiceOptions {
  store: RunStore;
  /** Opens a connection for a host (the app's connection manager: prompts, known_hosts, agent). */
  connect: (host: RemoteHostRef) => Promise<ClosableHost>;
  /**
   * Time between polls of a running workflow (each reads the new lines of jobstate.log).
   * Default 1 s.
   */
  intervalMs?: number;
  /** Time between two runs of pegasus-status. Default 5 s, or every poll when `intervalMs` is given. */
  statusIntervalMs?: number;
  maxBackoffMs?: number;
}

/**
 * The submission side of the app behind one object, for the IPC handlers: submit, the list of
 * remembered runs, one shared watch per running run with listeners (the canvas paints from
 * `update` events), and the actions on a run. Connections are opened on demand, one per host,
 * and reused. `resumeAll` picks up, after a restart, every run the records say is unfinished.
 */
export class SubmitService {
  private readonly hosts = new Map<string, Promise<ClosableHost>>();
  private readonly watches = new Map<string, { controller: AbortController; done: Promise<RemoteRunRecord> }>();
  private readonly listeners = new Set<(event: RunEvent) => void>();

  constructor(private readonly options: SubmitServiceOptions) {}

  /** Listen to every run's events; returns the unsubscribe function. */
  subscribe(listener: (event: RunEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list(): Promise<RemoteRunRecord[]> {
    return this.options.store.list();
  }

  get(runId: string): Promise<RemoteRunRecord> {
    return this.options.store.load(runId);
  }

  /** Uploads, plans and starts a workflow, then watches it. Resolves once it is submitted. */
  async submit(request: SubmitRequest, onStep?: (step: 'upload' | 'plan') => void): Promise<RemoteRunRecord> {
    const host = await this.host(request.host);
    const record = await submitWorkflow(request, { host, store: this.options.store, ...(onStep ? { onStep } : {}) });
    this.watch(record);
    return record;
  }

  /**
   * After a restart: finishes interrupted submissions (resuming their upload) and watches every
   * run that is not over. Returns the runs picked up. A run whose host cannot be reached now is
   * reported through an `error` event and left for the next call.
   */
  async resumeAll(): Promise<RemoteRunRecord[]> {
    const picked: RemoteRunRecord[] = [];
    for (const record of await this.options.store.list()) {
      if (isRunFinal(record.state) || this.watches.has(record.id)) continue;
      try {
        const host = await this.host(record.host);
        const resumed = record.stage === 'watch' ? record : await resumeSubmission(record, { host, store: this.options.store });
        this.watch(resumed);
        picked.push(resumed);
      } catch (error) {
        this.emit({ kind: 'error', runId: record.id, message: (error as Error).message, retryInMs: 0 });
      }
    }
    return picked;
  }

  /** Starts (or joins) the watch of a run; resolves with the record when the run is over. */
  watch(record: RemoteRunRecord): Promise<RemoteRunRecord> {
    const running = this.watches.get(record.id);
    if (running) return running.done;
    const controller = new AbortController();
    const done = (async () => {
      const host = await this.host(record.host);
      return watchRun(host, record, {
        store: this.options.store,
        // jobstate.log every second (the canvas follows the run live), pegasus-status every 5 s.
        intervalMs: this.options.intervalMs ?? 1000,
        statusIntervalMs: this.options.statusIntervalMs ?? (this.options.intervalMs === undefined ? 5000 : this.options.intervalMs),
        ...(this.options.maxBackoffMs === undefined ? {} : { maxBackoffMs: this.options.maxBackoffMs }),
        signal: controller.signal,
        onUpdate: (update) => this.emit({ kind: 'update', update }),
        onError: (error, retryInMs) => this.emit({ kind: 'error', runId: record.id, message: error.message, retryInMs }),
      });
    })().then(
      (final) => {
        this.watches.delete(record.id);
        if (isRunFinal(final.state)) this.emit({ kind: 'ended', record: final });
        return final;
      },
      (error: unknown) => {
        this.watches.delete(record.id);
        this.emit({ kind: 'error', runId: record.id, message: (error as Error).message, retryInMs: 0 });
        throw error;
      },
    );
    done.catch(() => undefined);
    this.watches.set(record.id, { controller, done });
    return done;
  }

  /** Stops watching a run (the run itself goes on); resolves when the watch has ended. */
  async stopWatch(runId: string): Promise<void> {
    const watch = this.watches.get(runId);
    if (!watch) return;
    watch.controller.abort();
    await watch.done.catch(() => undefined);
  }

  async analyze(runId: string): Promise<RunAnalysis> {
    const record = await this.get(runId);
    return analyzeRun(await this.host(record.host), record);
  }

  async statistics(runId: string): Promise<RunStatistics> {
    const record = await this.get(runId);
    return statisticsOfRun(await this.host(record.host), record);
  }

  /** Stops the run; its watch then sees it end (cancelled). */
  async remove(runId: string): Promise<string> {
    // The running watch saves its own copy of the record: stop it first so it cannot overwrite the removal.
    await this.stopWatch(runId);
    const record = await this.get(runId);
    const message = await removeRun(await this.host(record.host), record, this.options.store);
    void this.watch(record);
    return message;
  }

  async rerun(runId: string): Promise<RemoteRunRecord> {
    if (this.watches.has(runId)) throw new SubmitError('TOOL_FAILED', `run ${runId} is still being watched: it has not ended`);
    const record = await this.get(runId);
    const host = await this.host(record.host);
    // An interrupted submission is carried on; a failed or removed run goes through its rescue DAG.
    const resubmitted = record.stage === 'watch' ? await rerunRun(host, record, this.options.store) : await resumeSubmission(record, { host, store: this.options.store });
    void this.watch(resubmitted);
    return resubmitted;
  }

  async fetch(runId: string, localDir: string): Promise<string[]> {
    const record = await this.get(runId);
    return fetchOutputs(await this.host(record.host), record, localDir);
  }

  /** Stops every watch and closes every connection. */
  async close(): Promise<void> {
    for (const { controller } of this.watches.values()) controller.abort();
    await Promise.allSettled([...this.watches.values()].map((watch) => watch.done));
    for (const host of this.hosts.values()) (await host.catch(() => undefined))?.close();
    this.hosts.clear();
  }

  private async host(ref: RemoteHostRef): Promise<ClosableHost> {
    const key = `${ref.user ?? ''}@${ref.host}:${ref.port}`;
    const cached = this.hosts.get(key);
    if (cached) {
      const host = await cached.catch(() => undefined);
      // A connection that gave up reconnecting is closed for good: open a new one.
      if (host && host.state !== 'closed') return host;
      if (this.hosts.get(key) === cached) this.hosts.delete(key);
      const replaced = this.hosts.get(key);
      if (replaced) return replaced;
    }
    const created = this.options.connect(ref);
    created.catch(() => {
      if (this.hosts.get(key) === created) this.hosts.delete(key);
    });
    this.hosts.set(key, created);
    return created;
  }

  private emit(event: RunEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
