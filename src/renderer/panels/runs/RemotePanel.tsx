/**
 * The remote side of the window: Connection, Runs and Resources tabs under the side panels,
 * and the in-page prompt dialog. Starts listening to the main process's events once.
 */
import { useEffect } from 'react';
import { ConnectionPanel } from '../connection/ConnectionPanel';
import { PromptDialog } from '../connection/PromptDialog';
import { ResourcesPanel } from '../resources/ResourcesPanel';
import { openRemoteTab, useSession, type RemoteTab } from '../../store/session';
import { startSession } from '../../store/session-start';
import { RunsPanel } from './RunsPanel';
import './remote.css';

const TABS: { id: RemoteTab; label: string }[] = [
  { id: 'connection', label: 'Connection' },
  { id: 'runs', label: 'Runs' },
  { id: 'resources', label: 'Resources' },
];

export function RemotePanel() {
  const tab = useSession((s) => s.tab);
  const state = useSession((s) => s.connection.state);
  useEffect(() => startSession(), []);
  return (
    <div className={`panel remote-panel${tab ? ' is-open' : ''}`} data-testid="remote-panel">
      <div className="remote-tabs" role="tablist" aria-label="Remote">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} data-testid={`remote-tab-${t.id}`} onClick={() => openRemoteTab(tab === t.id ? null : t.id)}>
            {t.label}
            {t.id === 'connection' && <span className={`dot dot-${state}`} aria-label={state} />}
          </button>
        ))}
      </div>
      {tab === 'connection' && <ConnectionPanel />}
      {tab === 'runs' && <RunsPanel />}
      {tab === 'resources' && <ResourcesPanel />}
      <PromptDialog />
    </div>
  );
}
