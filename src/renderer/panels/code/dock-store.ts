/**
 * Which authoring panel the side dock shows (YAML, catalogs, compare, search) and which
 * authoring dialog is open (sweep, script, sub-workflow). UI state only: never in the history.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export type DockPanel = 'code' | 'catalogs' | 'compare' | 'search';

export type AuthoringDialog =
  | { kind: 'sweep'; jobId: string }
  | { kind: 'script'; jobId: string; path: string }
  | { kind: 'dag'; jobId: string; path: string }
  | { kind: 'planner'; jobId: string };

export interface DockState {
  panel: DockPanel | null;
  dialog: AuthoringDialog | null;
}

export const dockStore = createStore<DockState>(() => ({ panel: null, dialog: null }));

export function useDock<T>(selector: (state: DockState) => T): T {
  return useStore(dockStore, selector);
}

/** Shows `panel`, or hides it when it is the one shown. */
export function togglePanel(panel: DockPanel): void {
  dockStore.setState((s) => ({ panel: s.panel === panel ? null : panel }));
}

export function showPanel(panel: DockPanel): void {
  dockStore.setState({ panel });
}

export function openAuthoringDialog(dialog: AuthoringDialog | null): void {
  dockStore.setState({ dialog });
}
