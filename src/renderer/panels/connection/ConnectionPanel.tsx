/**
 * Connection profiles (host, port, user, key file; several, remembered by the main process),
 * connect and disconnect, and the connection's state. A changed host key shows its warning
 * here, with no way past it but editing known_hosts.
 */
import { useState } from 'react';
import type { ProfileInput } from '../../../shared/ipc-remote';
import { getApi } from '../../api/get-api';
import { sessionStore, useSession } from '../../store/session';

const EMPTY: ProfileInput = { name: '', host: '' };

const STATE_TEXT: Record<string, string> = {
  idle: 'Not connected',
  connecting: 'Connecting…',
  authenticating: 'Logging in…',
  ready: 'Connected',
  lost: 'Connection lost; reconnecting…',
  reconnecting: 'Reconnecting…',
  closed: 'Not connected',
};

export function ConnectionPanel() {
  const profiles = useSession((s) => s.profiles);
  const connection = useSession((s) => s.connection);
  const secrets = useSession((s) => s.secrets);
  const [draft, setDraft] = useState<ProfileInput>(profiles[0] ?? EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (patch: Partial<ProfileInput>) => setDraft((d) => ({ ...d, ...patch }));
  const saveProfile = async (): Promise<boolean> => {
    const profile: ProfileInput = {
      name: draft.name.trim(),
      host: draft.host.trim(),
      ...(draft.port ? { port: draft.port } : {}),
      ...(draft.user?.trim() ? { user: draft.user.trim() } : {}),
      ...(draft.identityFile?.trim() ? { identityFile: draft.identityFile.trim() } : {}),
    };
    const result = await getApi().remoteSaveProfile({ profile });
    if (!result.ok) {
      setError(result.error.message);
      return false;
    }
    setError(null);
    sessionStore.setState({ profiles: result.value.profiles, secrets: result.value.secrets });
    return true;
  };
  const connect = async () => {
    setBusy(true);
    try {
      if (!(await saveProfile())) return;
      const result = await getApi().remoteConnect({ name: draft.name.trim() });
      if (!result.ok) setError(result.error.message);
      else sessionStore.setState({ connection: result.value });
    } finally {
      setBusy(false);
    }
  };
  const connected = connection.state === 'ready' || connection.state === 'lost' || connection.state === 'reconnecting';
  const changedKey = connection.code === 'HOST_KEY_CHANGED' || connection.code === 'HOST_KEY_REVOKED';

  return (
    <section className="remote-section" data-testid="connection-panel">
      <p className="connection-state" data-testid="connection-state" data-state={connection.state}>
        <span className={`dot dot-${connection.state}`} /> {STATE_TEXT[connection.state] ?? connection.state}
        {connection.label && connection.state !== 'idle' ? ` — ${connection.label}` : ''}
      </p>
      {connection.message && (
        <p className={changedKey ? 'warning host-key-changed' : 'error'} role="alert" data-testid="connection-message">
          {connection.message}
        </p>
      )}
      {profiles.length > 0 && (
        <label className="field">
          <span>Profile</span>
          <select
            value={profiles.some((p) => p.name === draft.name) ? draft.name : ''}
            onChange={(e) => setDraft(profiles.find((p) => p.name === e.target.value) ?? EMPTY)}
            data-testid="profile-select"
          >
            <option value="">New profile…</option>
            {profiles.map((p) => (
              <option key={p.name} value={p.name}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        <span>Name</span>
        <input value={draft.name} onChange={(e) => set({ name: e.target.value })} placeholder="ACCESS Pegasus" data-testid="profile-name" />
      </label>
      <label className="field">
        <span>Host</span>
        <input value={draft.host} onChange={(e) => set({ host: e.target.value })} placeholder="access.pegasus.isi.edu" data-testid="profile-host" />
      </label>
      <div className="row">
        <label className="field">
          <span>Port</span>
          <input
            type="number"
            min={1}
            max={65535}
            value={draft.port ?? ''}
            onChange={(e) => set({ port: e.target.value === '' ? undefined : Number(e.target.value) })}
            placeholder="22"
            data-testid="profile-port"
          />
        </label>
        <label className="field">
          <span>User</span>
          <input value={draft.user ?? ''} onChange={(e) => set({ user: e.target.value })} placeholder="from ~/.ssh/config" data-testid="profile-user" />
        </label>
      </div>
      <label className="field">
        <span>Key file</span>
        <input value={draft.identityFile ?? ''} onChange={(e) => set({ identityFile: e.target.value })} placeholder="the agent, else ~/.ssh/id_*" data-testid="profile-identity" />
      </label>
      {error && (
        <p className="error" role="alert" data-testid="connection-error">
          {error}
        </p>
      )}
      <div className="buttons">
        <button type="button" onClick={() => void saveProfile()} disabled={busy}>
          Save profile
        </button>
        {profiles.some((p) => p.name === draft.name) && (
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void getApi()
                .remoteRemoveProfile({ name: draft.name })
                .then((r) => {
                  if (r.ok) sessionStore.setState({ profiles: r.value.profiles });
                  setDraft(EMPTY);
                })
            }
          >
            Remove
          </button>
        )}
        {connected ? (
          <button type="button" data-testid="disconnect" onClick={() => void getApi().remoteDisconnect()}>
            Disconnect
          </button>
        ) : (
          <button type="button" data-testid="connect" disabled={busy || !draft.name || !draft.host} onClick={() => void connect()}>
            Connect
          </button>
        )}
      </div>
      {secrets?.refusal && <p className="hint">Passphrases are not remembered here: {secrets.refusal}</p>}
    </section>
  );
}
