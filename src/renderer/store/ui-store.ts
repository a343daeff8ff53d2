/**
 * The UI store: what is selected, which view and theme, which dialog is open, and
 * messages. None of this is part of the document, and none of it enters the history.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export type CanvasView = 'files' | 'jobs';
export type ThemePreference = 'system' | 'light' | 'dark';

/** An in-page dialog (browser mode draws these instead of native ones). */
export type DialogState =
  | { kind: 'open' }
  | { kind: 'save'; then?: 'close' }
  | { kind: 'export' }
  | { kind: 'help' }
  | { kind: 'new' }
  | { kind: 'confirm'; message: string; detail?: string; buttons: string[]; resolve: (index: number) => void }
  | { kind: 'error'; title: string; message: string; details: string[] };

export interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'error';
}

export interface UiState {
  /** Selected node keys (`j:ID`, `f:LFN`). */
  selectedNodes: ReadonlySet<string>;
  /** Selected edge ids. */
  selectedEdges: ReadonlySet<string>;
  view: CanvasView;
  theme: ThemePreference;
  dialog: DialogState | null;
  toasts: Toast[];
  /** A node to centre on; `seq` changes on every request, so the same key can be asked again. */
  focusRequest: { key: string; seq: number } | null;
  /** A fit-view request counter. */
  fitRequest: number;
  /** True while a layout runs in the worker. */
  layoutRunning: boolean;
  /** The share of the running layout done (0–1). */
  layoutProgress: number;
}

const EMPTY: ReadonlySet<string> = new Set();

export const uiStore = createStore<UiState>(() => ({
  selectedNodes: EMPTY,
  selectedEdges: EMPTY,
  view: 'files',
  theme: 'system',
  dialog: null,
  toasts: [],
  focusRequest: null,
  fitRequest: 0,
  layoutRunning: false,
  layoutProgress: 0,
}));

export function useUi<T>(selector: (state: UiState) => T): T {
  return useStore(uiStore, selector);
}

export function select(nodes: Iterable<string>, edges: Iterable<string> = []): void {
  uiStore.setState({ selectedNodes: new Set(nodes), selectedEdges: new Set(edges) });
}

export function clearSelection(): void {
  uiStore.setState({ selectedNodes: EMPTY, selectedEdges: EMPTY });
}

let toastSeq = 0;

/** Shows a message for a few seconds. */
export function toast(message: string, tone: Toast['tone'] = 'info'): void {
  const id = ++toastSeq;
  uiStore.setState((s) => ({ toasts: [...s.toasts.slice(-3), { id, message, tone }] }));
  setTimeout(() => uiStore.setState((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })), tone === 'error' ? 8000 : 4000);
}

export function openDialog(dialog: DialogState | null): void {
  uiStore.setState({ dialog });
}

/** Asks a question in an in-page dialog; resolves with the index of the button chosen. */
export function confirmInPage(message: string, buttons: string[], detail?: string): Promise<number> {
  return new Promise((resolve) => {
    const dialog: DialogState = { kind: 'confirm', message, buttons, resolve: (index) => { openDialog(null); resolve(index); } };
    if (detail !== undefined) dialog.detail = detail;
    openDialog(dialog);
  });
}

let focusSeq = 0;

/** Selects a node and centres the canvas on it. */
export function focusNode(key: string): void {
  select([key]);
  uiStore.setState({ focusRequest: { key, seq: ++focusSeq } });
}

export function requestFit(): void {
  uiStore.setState((s) => ({ fitRequest: s.fitRequest + 1 }));
}
