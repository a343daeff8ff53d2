/**
 * The remote session as the page sees it: saved profiles, the connection's state, questions
 * waiting for the user, the remote runs and which one paints the canvas, and the output of
 * `htcondor annex create`. Fed by the main process's events (`api.onEvent`, see
 * `session-start.ts`); never part of the document or its history. Secrets typed into prompts
 * are not kept here. No DOM or API access here, so the store is testable in plain Node.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { AppEvent, ConnectionStatus, PromptRequest, RunSummary } from '../../shared/ipc';
import type { ProfileInput, SecretStoreInfo } from '../../shared/ipc-remote';
import { applyRunChanges, clearRun, runStatesStore, showRun as paintRun } from './run-states-store';

export type RemoteTab = 'connection' | 'runs' | 'resources';

export interface SessionState {
  profiles: ProfileInput[];
  secrets: SecretStoreInfo | null;
  connection: ConnectionStatus;
  /** Questions in the order they came; the first one is shown. */
  prompts: PromptRequest[];
  runs: Record<string, RunSummary>;
  /** The run whose job states paint the canvas. */
  activeRunId: string | null;
  /** Lines of the running `htcondor annex create`. */
  annexLines: string[];
  tab: RemoteTab | null;
}

const IDLE: ConnectionStatus = { profile: null, label: null, state: 'idle' };

export const sessionStore = createStore<SessionState>(() => ({
  profiles: [],
  secrets: null,
  connection: IDLE,
  prompts: [],
  runs: {},
  activeRunId: null,
  annexLines: [],
  tab: null,
}));

export function useSession<T>(selector: (state: SessionState) => T): T {
  return useStore(sessionStore, selector);
}

/** Paints the canvas with a remote run's job states (the canvas reads `run-states-store`). */
function paint(run: RunSummary): void {
  paintRun({ kind: 'remote', id: run.id, label: `${run.workflowName} on ${run.host}` }, run.state, run.jobStates, run.counts);
}

/**
 * A summary carrying only the jobs that changed, completed with the states already known. The
 * known record is updated in place: copying 100,000 states for a few changes every poll would
 * cost a frame, and readers look one job up when they render. A run not known yet (the page's
 * run list has not answered) keeps the changes only; the list brings the rest.
 */
function withKnownStates(update: RunSummary): RunSummary {
  const known = sessionStore.getState().runs[update.id];
  if (!known) {
    partial.add(update.id);
    return update;
  }
  Object.assign(known.jobStates, update.jobStates);
  return { ...update, jobStates: known.jobStates };
}

/** Runs whose known job states are only the changes heard so far (the page had not listed them). */
const partial = new Set<string>();

const MAX_ANNEX_LINES = 500;

/** Applies one event from the main process. */
export function applyEvent(event: AppEvent): void {
  switch (event.type) {
    case 'prompt':
      sessionStore.setState((s) => ({ prompts: [...s.prompts.filter((p) => p.id !== event.prompt.id), event.prompt] }));
      break;
    case 'prompt.closed':
      sessionStore.setState((s) => ({ prompts: s.prompts.filter((p) => p.id !== event.id) }));
      break;
    case 'connection.state':
      sessionStore.setState({ connection: event.status });
      break;
    case 'run.update': {
      const run = event.changedOnly ? withKnownStates(event.run) : event.run;
      sessionStore.setState((s) => ({ runs: { ...s.runs, [run.id]: run } }));
      if (sessionStore.getState().activeRunId !== run.id) break;
      const shown = runStatesStore.getState().source;
      if (event.changedOnly && shown?.kind === 'remote' && shown.id === run.id) {
        const changes = Object.entries(event.run.jobStates).map(([jobId, state]) => ({ jobId, state }));
        applyRunChanges(run.id, run.state, changes, run.counts);
      } else paint(run);
      break;
    }
    case 'annex.line':
      sessionStore.setState((s) => ({ annexLines: [...s.annexLines.slice(-(MAX_ANNEX_LINES - 1)), event.line] }));
      break;
    default:
      break;
  }
}

/**
 * Takes runs from an answer (the run list, a submit, a rerun). A summary older than the one the
 * page has (its `updatedAt`) does not undo the updates that came before the answer was handled
 * (the next updates carry only what changed after them): it is left out, or only fills in the
 * jobs the page had heard nothing of.
 */
export function setRuns(runs: RunSummary[]): void {
  sessionStore.setState((s) => {
    const next: Record<string, RunSummary> = { ...s.runs };
    for (const run of runs) {
      const known = s.runs[run.id];
      if (!known || known.updatedAt <= run.updatedAt) next[run.id] = run;
      // Changes heard before the list came are newer than it, for their jobs only.
      else if (partial.has(run.id)) next[run.id] = { ...known, jobStates: { ...run.jobStates, ...known.jobStates } };
      partial.delete(run.id);
    }
    return { runs: next };
  });
  const active = sessionStore.getState().activeRunId;
  const shown = active !== null && runs.some((run) => run.id === active) ? sessionStore.getState().runs[active] : undefined;
  if (shown) paint(shown);
}

/** Shows a remote run on the canvas (`null`: stop showing the remote run). */
export function showRun(runId: string | null): void {
  sessionStore.setState({ activeRunId: runId });
  const run = runId === null ? undefined : sessionStore.getState().runs[runId];
  if (run) paint(run);
  else if (runStatesStore.getState().source?.kind === 'remote') clearRun();
}

export function openRemoteTab(tab: RemoteTab | null): void {
  sessionStore.setState({ tab });
}
