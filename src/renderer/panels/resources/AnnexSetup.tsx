/**
 * The one-time set-up of `htcondor annex` on ACCESS Pegasus: how to find the project id on
 * the chosen system, the `~/.ssh/annex` key (created if missing, its public key shown to copy
 * into the system's authorized keys), and `Host` entries with the user's remote username
 * added to the host's `~/.ssh/config` (backed up first, nothing duplicated).
 */
import { useState } from 'react';
import type { HostEntriesValue } from '../../../shared/ipc-remote';
import { PROJECT_ID_COMMANDS } from '../../../shared/remote/annex-setup';
import type { AnnexSystem } from '../../../shared/remote/annex-systems';
import { getApi } from '../../api/get-api';

export function AnnexSetup({ system }: { system: AnnexSystem | undefined }) {
  const [publicKey, setPublicKey] = useState<string | null>(null);
  const [loginHost, setLoginHost] = useState('');
  const [loginUser, setLoginUser] = useState('');
  const [entries, setEntries] = useState<HostEntriesValue | null>(null);
  const [error, setError] = useState<string | null>(null);
  const project = system ? PROJECT_ID_COMMANDS[system.name] : undefined;
  const host = loginHost || system?.hostName || '';
  return (
    <details className="annex-setup" data-testid="annex-setup">
      <summary>Setting up (once)</summary>
      {system && project && (
        <p className="hint">
          Project id on {system.prettyName}: {project.command ? <code>{project.command}</code> : null} {project.note}
        </p>
      )}
      <p className="hint">htcondor annex logs in to each system with the key ~/.ssh/annex on ACCESS Pegasus; add its public key to your account on each system.</p>
      <button
        type="button"
        onClick={() =>
          void getApi()
            .annexEnsureKey()
            .then((r) => (r.ok ? setPublicKey(r.value.publicKey) : setError(r.error.message)))
        }
        data-testid="annex-ensure-key"
      >
        Show the public key (creates it if missing)
      </button>
      {publicKey && <textarea readOnly value={publicKey} rows={3} className="code" data-testid="annex-public-key" />}
      <div className="row">
        <label className="field">
          <span>Login host</span>
          <input value={host} onChange={(e) => setLoginHost(e.target.value)} placeholder="login.example.edu" data-testid="annex-entry-host" />
        </label>
        <label className="field">
          <span>Your username there</span>
          <input value={loginUser} onChange={(e) => setLoginUser(e.target.value)} data-testid="annex-entry-user" />
        </label>
      </div>
      <button
        type="button"
        disabled={!host || !loginUser}
        onClick={() =>
          void getApi()
            .annexAddHostEntries({ entries: [{ host, user: loginUser.trim() }] })
            .then((r) => (r.ok ? setEntries(r.value) : setError(r.error.message)))
        }
        data-testid="annex-add-entry"
      >
        Add to ~/.ssh/config on the host
      </button>
      {entries && (
        <p className={entries.ok ? 'hint' : 'error'} data-testid="annex-entry-outcome">
          {entries.ok
            ? `${entries.added.length ? `Added: ${entries.added.join(', ')}.` : ''}${entries.alreadyThere.length ? ` Already there: ${entries.alreadyThere.join(', ')}.` : ''}${entries.backup ? ` Backup: ${entries.backup}.` : ''}`
            : entries.message}
        </p>
      )}
      {error && <p className="error">{error}</p>}
    </details>
  );
}
