/** `htcondor annex status` as a card, with the annex's slots and a confirmed shutdown. */
import { useState } from 'react';
import type { AnnexCardValue } from '../../../shared/ipc-remote';
import { getApi } from '../../api/get-api';

export function AnnexStatusCard({ card, name, onShutdown }: { card: AnnexCardValue; name: string; onShutdown(): void }) {
  const [message, setMessage] = useState<string | null>(null);
  const annex = card.status.annexes.find((a) => a.name === name) ?? card.status.annexes[0];
  const shutdown = async () => {
    if (!window.confirm(`Shut down the annex ${name}? Its established resources stop; pending requests are not affected.`)) return;
    const r = await getApi().annexShutdown({ name });
    setMessage(r.ok ? r.value.lines.join('\n') : r.error.message);
    if (r.ok) onShutdown();
  };
  return (
    <div className="annex-card" data-testid="annex-card">
      <h4>Annex {name}</h4>
      {!annex || annex.notFound ? (
        <p className="hint">No annex named {name} yet.</p>
      ) : (
        <dl>
          <dt>Requests</dt>
          <dd>{annex.requests ? `${annex.requests.established} established, ${annex.requests.pending} pending, ${annex.requests.retired} retired` : annex.established ? 'established' : 'pending'}</dd>
          <dt>Nodes</dt>
          <dd>
            {annex.nodesEstablished ?? 0} of {annex.nodesRequested ?? '?'}
          </dd>
          <dt>CPUs busy</dt>
          <dd>
            {annex.cpusBusy ?? 0} / {annex.cpusTotal ?? 0}
          </dd>
          {annex.oldestRetireInHours !== undefined && (
            <>
              <dt>Retires in</dt>
              <dd>{annex.oldestRetireInHours} h</dd>
            </>
          )}
        </dl>
      )}
      {card.slots.length > 0 && (
        <table className="slots">
          <thead>
            <tr>
              <th>Slot</th>
              <th>CPUs</th>
              <th>Memory</th>
              <th>State</th>
            </tr>
          </thead>
          <tbody>
            {card.slots.map((slot) => (
              <tr key={slot.name}>
                <td>{slot.name}</td>
                <td>{slot.cpus}</td>
                <td>{slot.memoryMb ?? ''}</td>
                <td>
                  {slot.state ?? ''} {slot.activity ?? ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {card.slotsError && <p className="hint">Slots: {card.slotsError}</p>}
      {message && (
        <pre className="annex-lines" data-testid="annex-shutdown-lines">
          {message}
        </pre>
      )}
      {annex && !annex.notFound && (
        <button type="button" onClick={() => void shutdown()} data-testid="annex-shutdown">
          Shut down…
        </button>
      )}
    </div>
  );
}
