/**
 * The in-page file chooser of browser mode (native dialogs replace it in Electron): a folder
 * listing from `fs.listDir`, confined by the server to its roots, and a path field.
 */
import { useEffect, useState } from 'react';
import type { DirListing } from '../../shared/ipc';
import { getApi } from '../api/get-api';
import { exportTo, openPath, saveAs, saveThenClose } from '../commands/file-commands';
import { documentStore } from '../store/document-store';
import { openDialog } from '../store/ui-store';
import { Modal } from './Modal';

function folderOf(path: string): string {
  const at = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return at > 0 ? path.slice(0, at) : path;
}

export function FileChooser({ mode, then }: { mode: 'open' | 'save' | 'export'; then?: 'close' }) {
  const file = documentStore.getState().file;
  const [listing, setListing] = useState<DirListing | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [path, setPath] = useState(mode === 'open' ? '' : (file?.path ?? ''));
  const [busy, setBusy] = useState(false);

  const list = async (folder?: string) => {
    const answer = await getApi().fsListDir(folder ? { path: folder } : {});
    if (answer.ok) {
      setListing(answer.value);
      setProblem(null);
      if (mode !== 'open') setPath((p) => `${answer.value.path}/${p.split(/[\\/]/).pop() || documentStore.getState().name}`);
    } else setProblem(answer.error.message);
  };
  useEffect(() => {
    void list(file ? folderOf(file.path) : undefined);
    // Listing once on open; later listings follow clicks.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const submit = async () => {
    const target = path.trim();
    if (!target || busy) return;
    setBusy(true);
    try {
      if (mode === 'open') {
        openDialog(null);
        await openPath(target);
      } else if (mode === 'export') {
        openDialog(null);
        await exportTo(target);
      } else {
        openDialog(null);
        const saved = await saveAs(target);
        if (saved && then === 'close') await saveThenClose();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={mode === 'open' ? 'Open workflow' : mode === 'export' ? 'Export workflow (.yml or .json)' : 'Save workflow as'} testId="file-dialog">
      <div className="chooser">
        <div className="chooser-where">
          {listing?.parent && (
            <button type="button" onClick={() => void list(listing.parent!)} aria-label="Up one folder">
              ↑
            </button>
          )}
          <span className="mono">{listing?.path ?? '…'}</span>
        </div>
        {problem && <p className="error">{problem}</p>}
        <ul className="chooser-list" aria-label="Folder contents">
          {listing?.entries.map((e) => (
            <li key={e.path}>
              <button
                type="button"
                className={`chooser-entry chooser-${e.kind}`}
                onClick={() => (e.kind === 'dir' ? void list(e.path) : setPath(e.path))}
                onDoubleClick={() => e.kind === 'file' && mode === 'open' && (setPath(e.path), void openPath(e.path).then(() => undefined), openDialog(null))}
              >
                {e.kind === 'dir' ? '📁 ' : ''}
                {e.name}
              </button>
            </li>
          ))}
        </ul>
        <label className="field">
          <span>Path</span>
          <input
            value={path}
            onChange={(e) => setPath(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && void submit()}
            data-testid="file-path"
            spellCheck={false}
            autoFocus
          />
        </label>
        <div className="buttons">
          <button type="button" onClick={() => openDialog(null)}>
            Cancel
          </button>
          <button type="button" className="primary" onClick={() => void submit()} data-testid="file-dialog-submit" disabled={busy}>
            {mode === 'open' ? 'Open' : mode === 'export' ? 'Export' : 'Save'}
          </button>
        </div>
      </div>
    </Modal>
  );
}
