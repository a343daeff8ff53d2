/** The dialog host: whichever in-page dialog the UI store names. */
import { useEffect, useState } from 'react';
import type { TemplateInfo } from '../../shared/ipc';
import { getApi } from '../api/get-api';
import { newDocument } from '../commands/file-commands';
import { SHORTCUTS, displayKeys } from '../commands/shortcuts';
import { openDialog, useUi } from '../store/ui-store';
import { FileChooser } from './FileChooser';
import { Modal } from './Modal';

function HelpDialog() {
  const groups = ['File', 'Edit', 'View', 'Help'] as const;
  return (
    <Modal title="Keyboard shortcuts" testId="help-dialog">
      <div className="help">
        {groups.map((g) => (
          <section key={g}>
            <h3>{g}</h3>
            <dl>
              {SHORTCUTS.filter((s) => s.group === g).map((s) => (
                <div key={s.label} className="shortcut">
                  <dt>
                    {s.keys.map((k) => (
                      <kbd key={k}>{displayKeys(k)}</kbd>
                    ))}
                  </dt>
                  <dd>{s.label}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <section>
          <h3>Canvas</h3>
          <p>
            Drag from the bottom handle of a node to the top handle of another to wire them: file → job reads the file, job → file writes it, job → job
            adds an explicit dependency. The jobs-only view (J) shows every dependency: solid lines are inferred from files, dashed ones are explicit.
          </p>
        </section>
      </div>
      <div className="buttons">
        <button type="button" className="primary" onClick={() => openDialog(null)}>
          Close
        </button>
      </div>
    </Modal>
  );
}

function NewDialog() {
  const [templates, setTemplates] = useState<TemplateInfo[]>([]);
  const [n, setN] = useState(4);
  useEffect(() => {
    void getApi()
      .templatesList()
      .then((a) => a.ok && setTemplates(a.value));
  }, []);
  return (
    <Modal title="New workflow" testId="new-dialog">
      <ul className="templates">
        {templates.map((t) => (
          <li key={t.id}>
            <button
              type="button"
              data-testid={`template-${t.id}`}
              onClick={() => {
                openDialog(null);
                void newDocument(t.id, t.n ? n : undefined);
              }}
            >
              <strong>{t.title}</strong>
              <span>{t.description}</span>
            </button>
            {t.n && (
              <label className="field inline">
                <span>N</span>
                <input type="number" min={t.n.min} max={t.n.max} value={n} onChange={(e) => setN(Number(e.target.value))} />
              </label>
            )}
          </li>
        ))}
      </ul>
      <div className="buttons">
        <button type="button" onClick={() => openDialog(null)}>
          Cancel
        </button>
      </div>
    </Modal>
  );
}

export function Dialogs() {
  const dialog = useUi((s) => s.dialog);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'help':
      return <HelpDialog />;
    case 'new':
      return <NewDialog />;
    case 'open':
      return <FileChooser mode="open" />;
    case 'export':
      return <FileChooser mode="export" />;
    case 'save':
      return <FileChooser mode="save" {...(dialog.then ? { then: dialog.then } : {})} />;
    case 'confirm':
      return (
        <Modal title="Pegasus Canvas" testId="confirm-dialog" onClose={() => dialog.resolve(dialog.buttons.length - 1)}>
          <p>{dialog.message}</p>
          {dialog.detail && <p className="muted">{dialog.detail}</p>}
          <div className="buttons">
            {dialog.buttons.map((label, i) => (
              <button key={label} type="button" className={i === 0 ? 'primary' : ''} onClick={() => dialog.resolve(i)} data-testid={`confirm-${i}`}>
                {label}
              </button>
            ))}
          </div>
        </Modal>
      );
    case 'error':
      return (
        <Modal title={dialog.title} testId="error-dialog">
          <p className="error" data-testid="error-message">
            {dialog.message}
          </p>
          {dialog.details.length > 0 && (
            <ul className="error-details mono">
              {dialog.details.map((d, i) => (
                <li key={i}>{d}</li>
              ))}
            </ul>
          )}
          <div className="buttons">
            <button type="button" className="primary" onClick={() => openDialog(null)} data-testid="error-close">
              Close
            </button>
          </div>
        </Modal>
      );
  }
}
