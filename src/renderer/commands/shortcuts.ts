/**
 * The keyboard shortcuts: one table, used by the key handler and shown in the Help dialog.
 * `Mod` is Ctrl (Cmd on macOS).
 */
import { fitAll, zoomIn, zoomOut, zoomReset } from '../canvas/viewport';
import { togglePlanView } from '../panels/plan/plan-store';
import { openDialog, uiStore } from '../store/ui-store';
import { copySelection, cutSelection } from './clipboard-commands';
import { arrange, deleteSelection, duplicateSelection, redoCommand, selectAll, toggleView, undoCommand } from './edit-commands';
import { newDocument, openWithDialog, save, saveWithDialog } from './file-commands';

export interface Shortcut {
  keys: string[];
  label: string;
  group: 'File' | 'Edit' | 'View' | 'Help';
  run?: () => void;
}

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

/** The table (Copy and Paste run from the browser's copy/paste events, see clipboard-commands). */
export const SHORTCUTS: Shortcut[] = [
  { keys: ['Mod+N'], label: 'New workflow', group: 'File', run: () => void newDocument() },
  { keys: ['Mod+O'], label: 'Open…', group: 'File', run: () => void openWithDialog() },
  { keys: ['Mod+S'], label: 'Save', group: 'File', run: () => void save() },
  { keys: ['Mod+Shift+S'], label: 'Save as…', group: 'File', run: () => void saveWithDialog() },
  { keys: ['Mod+Z'], label: 'Undo', group: 'Edit', run: undoCommand },
  { keys: ['Mod+Shift+Z', 'Mod+Y'], label: 'Redo', group: 'Edit', run: redoCommand },
  { keys: ['Delete', 'Backspace'], label: 'Delete selection', group: 'Edit', run: deleteSelection },
  { keys: ['Mod+D'], label: 'Duplicate selected jobs', group: 'Edit', run: duplicateSelection },
  { keys: ['Mod+A'], label: 'Select all', group: 'Edit', run: selectAll },
  { keys: ['Mod+C'], label: 'Copy selected jobs (as Pegasus YAML)', group: 'Edit', run: () => void copySelection() },
  { keys: ['Mod+X'], label: 'Cut selected jobs', group: 'Edit', run: () => void cutSelection() },
  { keys: ['Mod+V'], label: 'Paste jobs (Pegasus YAML)', group: 'Edit' },
  { keys: ['Shift+Drag'], label: 'Box select', group: 'Edit' },
  { keys: ['Shift+Click'], label: 'Add to selection', group: 'Edit' },
  { keys: ['Escape'], label: 'Clear selection / close dialog', group: 'Edit', run: () => (uiStore.getState().dialog ? openDialog(null) : uiStore.setState({ selectedNodes: new Set(), selectedEdges: new Set() })) },
  { keys: ['Mod+L'], label: 'Arrange (automatic layout)', group: 'View', run: () => void arrange() },
  { keys: ['J'], label: 'Toggle jobs-only view (inferred dependencies)', group: 'View', run: toggleView },
  { keys: ['P'], label: 'Toggle the Plan view (executable workflow)', group: 'View', run: togglePlanView },
  { keys: ['F'], label: 'Fit everything in view', group: 'View', run: fitAll },
  { keys: ['+', '='], label: 'Zoom in', group: 'View', run: zoomIn },
  { keys: ['-'], label: 'Zoom out', group: 'View', run: zoomOut },
  { keys: ['0'], label: 'Zoom to 100%', group: 'View', run: zoomReset },
  { keys: ['Tab'], label: 'Move focus between nodes; Enter selects; arrows move', group: 'View' },
  { keys: ['?', 'F1'], label: 'Keyboard shortcuts', group: 'Help', run: () => openDialog({ kind: 'help' }) },
];

/** The keys of an event in the table's notation (`Mod+Shift+Z`). */
function eventKeys(event: KeyboardEvent): string {
  const parts: string[] = [];
  const mod = isMac ? event.metaKey : event.ctrlKey;
  if (mod) parts.push('Mod');
  if (event.altKey) parts.push('Alt');
  let key = event.key;
  if (key.length === 1) key = key.toUpperCase();
  // Shift is part of the character for punctuation ("?", "+"), not a separate modifier.
  if (event.shiftKey && (key.length > 1 || /[A-Z0-9]/.test(key))) parts.push('Shift');
  parts.push(key);
  return parts.join('+');
}

/** Shows a shortcut for people: `Mod` as Ctrl or ⌘. */
export function displayKeys(keys: string): string {
  return keys.replace('Mod', isMac ? '⌘' : 'Ctrl');
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  // Monaco types through an EditContext on a plain element: its keys are the editor's own.
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.closest('.monaco-editor') !== null;
}

/** The window key handler. Leaves typing in fields alone, except the file shortcuts. */
export function handleKeyDown(event: KeyboardEvent): void {
  const keys = eventKeys(event);
  const shortcut = SHORTCUTS.find((s) => s.run && s.keys.includes(keys));
  if (!shortcut) return;
  if (isTyping(event.target) && shortcut.group !== 'File') return;
  if (uiStore.getState().dialog && shortcut.group !== 'File' && keys !== 'Escape') return;
  // Copy and cut run from the copy/cut events, which carry the clipboard.
  if (keys === 'Mod+C' || keys === 'Mod+X') return;
  event.preventDefault();
  shortcut.run?.();
}
