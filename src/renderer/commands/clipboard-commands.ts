/**
 * Copy, cut and paste through the system clipboard. The clipboard holds the selected jobs
 * as Pegasus YAML (see `src/shared/edit/clipboard.ts`), so that a paste into a text editor
 * or another window works. The copy/cut/paste events carry the clipboard without needing a
 * permission; the Mod+C/X menu items use the async Clipboard API when it is allowed.
 */
import { removeSelection } from '../../shared/edit';
import { fragmentToYaml, pasteYaml } from '../../shared/edit/clipboard';
import { viewportCentre } from '../canvas/viewport';
import { applyEdit, documentStore } from '../store/document-store';
import { clearSelection, select, toast, uiStore } from '../store/ui-store';

function selectionYaml(): string | undefined {
  return fragmentToYaml(documentStore.getState().doc, [...uiStore.getState().selectedNodes]);
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/** Menu Copy: writes the selection to the clipboard. */
export async function copySelection(): Promise<void> {
  const text = selectionYaml();
  if (!text) return;
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    toast('The clipboard is not available here: use Ctrl+C on the canvas.', 'error');
  }
}

export async function cutSelection(): Promise<void> {
  await copySelection();
  deleteSelectedJobs();
}

function deleteSelectedJobs(): void {
  const keys = [...uiStore.getState().selectedNodes].filter((k) => k.startsWith('j:'));
  if (keys.length === 0) return;
  const result = removeSelection(documentStore.getState().doc, keys);
  if (result.ok) result.edit = { ...result.edit, label: 'Cut' };
  if (!applyEdit(result)) clearSelection();
}

/** Pastes clipboard text as jobs at the centre of the view. */
function pasteText(text: string): void {
  const result = pasteYaml(documentStore.getState().doc, text, viewportCentre());
  const reason = applyEdit(result);
  if (reason) toast(reason, 'error');
  else if (result.ok && result.select) select(result.select);
}

/** Installs the document-level copy/cut/paste handlers; returns the uninstall function. */
export function installClipboard(): () => void {
  const onCopy = (event: ClipboardEvent, cut: boolean): void => {
    if (isTyping(event.target) || uiStore.getState().dialog) return;
    const text = selectionYaml();
    if (!text || !event.clipboardData) return;
    event.clipboardData.setData('text/plain', text);
    event.preventDefault();
    if (cut) deleteSelectedJobs();
  };
  const copy = (e: ClipboardEvent): void => onCopy(e, false);
  const cut = (e: ClipboardEvent): void => onCopy(e, true);
  const paste = (event: ClipboardEvent): void => {
    if (isTyping(event.target) || uiStore.getState().dialog) return;
    const text = event.clipboardData?.getData('text/plain');
    if (!text) return;
    event.preventDefault();
    pasteText(text);
  };
  document.addEventListener('copy', copy);
  document.addEventListener('cut', cut);
  document.addEventListener('paste', paste);
  return () => {
    document.removeEventListener('copy', copy);
    document.removeEventListener('cut', cut);
    document.removeEventListener('paste', paste);
  };
}
