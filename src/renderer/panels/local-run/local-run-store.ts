/**
 * The local-run panel's state and commands: start the saved workflow here, follow its
 * `localRun.update` events onto the canvas (the shared run-states store), cancel, resume,
 * reopen a run from disk, and read a job's logs. Nothing here enters the document history.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { AppEvent } from '../../../shared/ipc';
import type { LocalRunEntry, LocalRunLog, LocalRunSnapshot, LocalRunStartValue, LocalRunUpdate } from '../../../shared/ipc-local-run';
import type { Diagnostic } from '../../../shared/model';
import type { RunState } from '../../../shared/run/run-state';
import { getApi } from '../../api/get-api';
import { save, saveWithDialog } from '../../commands/file-commands';
import { documentStore, isDirty } from '../../store/document-store';
import { applyRunChanges, clearRun, runStatesStore, showRun } from '../../store/run-states-store';
import { toast } from '../../store/ui-store';

export interface JobLogs {
  jobId: string;
  stdout: LocalRunLog | null;
  stderr: LocalRunLog | null;
  error?: string;
}

export interface LocalRunUiState {
  /** Runs of the open workflow file, newest first. */
  runs: LocalRunEntry[];
  /** The run on show: its folder, name and state. */
  current: { runDir: string; name: string; state: RunState } | null;
  /** Why the last start or resume was refused (PC5xx, each naming its job). */
  refused: Diagnostic[] | null;
  /** A request is on its way. */
  busy: boolean;
  logs: JobLogs | null;
  /** Most cores in use at once (`--jobs`); null: every core. */
  slots: number | null;
}

export const localRunStore = createStore<LocalRunUiState>(() => ({ runs: [], current: null, refused: null, busy: false, logs: null, slots: null }));

export function useLocalRun<T>(selector: (state: LocalRunUiState) => T): T {
  return useStore(localRunStore, selector);
}

function show(run: LocalRunSnapshot): void {
  showRun({ kind: 'local', id: run.runDir, label: run.name }, run.state, run.jobs, run.counts, (job) => job.state);
  localRunStore.setState({ current: { runDir: run.runDir, name: run.name, state: run.state }, refused: null, logs: null });
}

/** The saved file of the document, saving first when needed; null when the user did not save. */
async function savedFile(): Promise<string | null> {
  const state = documentStore.getState();
  if (!state.file) return (await saveWithDialog()) ? (documentStore.getState().file?.path ?? null) : null;
  if (isDirty() && !(await save())) return null;
  return documentStore.getState().file?.path ?? null;
}

async function started(answer: Promise<Awaited<ReturnType<ReturnType<typeof getApi>['localRunStart']>>>): Promise<void> {
  localRunStore.setState({ busy: true, refused: null });
  const response = await answer;
  localRunStore.setState({ busy: false });
  if (!response.ok) {
    toast(response.error.message, 'error');
    return;
  }
  const value: LocalRunStartValue = response.value;
  if (!value.started) {
    localRunStore.setState({ refused: value.diagnostics });
    return;
  }
  show(value.run);
  void refreshRuns();
}

/** Runs the open workflow on this machine (saving it first). */
export async function runLocally(): Promise<void> {
  if (localRunStore.getState().busy) return;
  const file = await savedFile();
  if (!file) {
    toast('Save the workflow to run it locally', 'error');
    return;
  }
  const { slots } = localRunStore.getState();
  await started(getApi().localRunStart(slots === null ? { workflowFile: file } : { workflowFile: file, slots }));
}

export async function cancelRun(): Promise<void> {
  const current = localRunStore.getState().current;
  if (!current) return;
  const response = await getApi().localRunCancel({ runDir: current.runDir });
  if (!response.ok) toast(response.error.message, 'error');
  else show(response.value);
  void refreshRuns();
}

export async function resumeRun(): Promise<void> {
  const current = localRunStore.getState().current;
  if (!current || localRunStore.getState().busy) return;
  await started(getApi().localRunResume({ runDir: current.runDir }));
}

/** Shows a run of the list on the canvas (also after a restart: the record is read from disk). */
export async function openRun(runDir: string): Promise<void> {
  const response = await getApi().localRunGet({ runDir });
  if (!response.ok) toast(response.error.message, 'error');
  else show(response.value);
}

/** Back to the plain canvas. */
export function closeRun(): void {
  clearRun();
  localRunStore.setState({ current: null, logs: null, refused: null });
}

/** Lists the runs of the open workflow file (none for an unsaved document). */
async function refreshRuns(): Promise<void> {
  const file = documentStore.getState().file?.path;
  if (!file) {
    localRunStore.setState({ runs: [] });
    return;
  }
  const response = await getApi().localRunList({ workflowFile: file });
  if (response.ok && documentStore.getState().file?.path === file) localRunStore.setState({ runs: response.value });
}

/** Reads a job's stdout and stderr in the run on show. */
export async function loadLogs(jobId: string): Promise<void> {
  const current = localRunStore.getState().current;
  if (!current) return;
  const api = getApi();
  const [stdout, stderr] = await Promise.all([
    api.localRunLogs({ runDir: current.runDir, jobId, stream: 'stdout' }),
    api.localRunLogs({ runDir: current.runDir, jobId, stream: 'stderr' }),
  ]);
  if (localRunStore.getState().current?.runDir !== current.runDir) return;
  const logs: JobLogs = { jobId, stdout: stdout.ok ? stdout.value : null, stderr: stderr.ok ? stderr.value : null };
  const failure = !stdout.ok ? stdout.error.message : !stderr.ok ? stderr.error.message : undefined;
  if (failure) logs.error = failure;
  localRunStore.setState({ logs });
}

function onUpdate(update: LocalRunUpdate): void {
  applyRunChanges(update.runDir, update.state, update.jobs, update.counts);
  const { current, runs, logs } = localRunStore.getState();
  if (current?.runDir === update.runDir && current.state !== update.state) localRunStore.setState({ current: { ...current, state: update.state } });
  if (runs.some((r) => r.runDir === update.runDir && r.state !== update.state)) {
    localRunStore.setState({ runs: runs.map((r) => (r.runDir === update.runDir ? { ...r, state: update.state, active: update.state === 'running' || update.state === 'cancelling' } : r)) });
  }
  // A job whose logs are open and that just changed: read them again.
  if (current?.runDir === update.runDir && logs && update.jobs.some((j) => j.jobId === logs.jobId)) void loadLogs(logs.jobId);
}

/** Follows run updates pushed by the main process, and lists the runs of each document opened; returns the stop function. */
export function startLocalRunEvents(): () => void {
  const stopEvents = getApi().onEvent((event: AppEvent) => {
    if (event.type === 'localRun.update') onUpdate(event.update);
  });
  let lastPath: string | undefined;
  const stopDocument = documentStore.subscribe((state) => {
    const path = state.file?.path;
    if (path === lastPath) return;
    lastPath = path;
    if (runStatesStore.getState().source?.kind === 'local') closeRun();
    void refreshRuns();
  });
  return () => {
    stopEvents();
    stopDocument();
  };
}
