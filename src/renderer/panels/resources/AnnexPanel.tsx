/**
 * HTCondor annex on ACCESS resources: systems and queues (live from the host, or the bundled
 * table, said so), the create/add form checked as it is typed with the tool's own rules and
 * messages, the exact command line, a request suggested from the workflow, the queued-jobs
 * check, create with the site's questions answered in the page and its lines streamed, the
 * status card refreshed while shown (and after a create), shutdown, and the one-time set-up.
 */
import { useEffect, useMemo, useState } from 'react';
import type { AnnexCardValue, AnnexCreateValue, AnnexSystemsValue } from '../../../shared/ipc-remote';
import { annexCreateArgv } from '../../../shared/remote/annex-command';
import { suggestAnnexRequest } from '../../../shared/remote/annex-suggest';
import { findSystem } from '../../../shared/remote/annex-systems';
import { validateAnnexRequest, type AnnexField, type AnnexRequest } from '../../../shared/remote/annex-validate';
import { commandLine } from '../../../shared/remote/quote';
import { getApi } from '../../api/get-api';
import { useDocument } from '../../store/document-store';
import { useSession } from '../../store/session';
import { AnnexSetup } from './AnnexSetup';
import { AnnexStatusCard } from './AnnexStatusCard';

interface Draft {
  verb: 'create' | 'add';
  system: string;
  queue: string;
  nodes: string;
  lifetimeHours: string;
  project: string;
  cpus: string;
  memMb: string;
  gpus: string;
  gpuType: string;
  idleMinutes: string;
  loginName: string;
}

const INITIAL: Draft = { verb: 'create', system: '', queue: '', nodes: '1', lifetimeHours: '1', project: '', cpus: '', memMb: '', gpus: '', gpuType: '', idleMinutes: '5', loginName: '' };

function num(text: string, scale = 1): number | undefined {
  if (text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? Math.round(value * scale) : Number.NaN;
}

function toRequest(draft: Draft, annexName: string): AnnexRequest {
  const opt = <K extends keyof AnnexRequest>(key: K, value: AnnexRequest[K] | undefined): Partial<AnnexRequest> => (value === undefined || value === '' ? {} : { [key]: value });
  return {
    verb: draft.verb,
    annexName,
    system: draft.system,
    queue: draft.queue,
    ...opt('nodes', num(draft.nodes)),
    ...opt('lifetime', num(draft.lifetimeHours, 3600)),
    ...opt('project', draft.project.trim()),
    ...opt('cpus', num(draft.cpus)),
    ...opt('memMb', num(draft.memMb)),
    ...opt('gpus', draft.gpus.trim()),
    ...opt('gpuType', draft.gpuType.trim()),
    ...opt('idleTime', num(draft.idleMinutes, 60)),
    ...opt('loginName', draft.loginName.trim()),
  };
}

export function AnnexPanel() {
  const connected = useSession((s) => s.connection.state === 'ready');
  const lines = useSession((s) => s.annexLines);
  const workflow = useDocument((s) => s.doc.workflow);
  const [systems, setSystems] = useState<AnnexSystemsValue | null>(null);
  const [user, setUser] = useState<string>('');
  const [draft, setDraft] = useState<Draft>(INITIAL);
  const [reasoning, setReasoning] = useState<string[]>([]);
  const [queued, setQueued] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<AnnexCreateValue | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [card, setCard] = useState<AnnexCardValue | null>(null);
  const [statusTick, setStatusTick] = useState(0);

  useEffect(() => {
    if (!connected) return;
    void getApi()
      .annexSystems()
      .then((r) => {
        if (!r.ok) return setError(r.error.message);
        setSystems(r.value);
        setDraft((d) => (d.system ? d : { ...d, system: r.value.systems[0]?.name ?? '', queue: r.value.systems[0]?.defaultQueue ?? '' }));
      });
    void getApi()
      .annexWhoami()
      .then((r) => (r.ok ? setUser(r.value.username) : setError(r.error.message)));
  }, [connected]);

  // Refreshed while the panel is open.
  useEffect(() => {
    if (!connected || !user) return;
    let live = true;
    const refresh = () =>
      void getApi()
        .annexStatus({ name: user })
        .then((r) => {
          if (live && r.ok) setCard(r.value);
        });
    refresh();
    const timer = setInterval(refresh, 30_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [connected, user, statusTick]);

  const list = useMemo(() => systems?.systems ?? [], [systems]);
  const system = findSystem(list, draft.system);
  const queue = system?.queues.find((q) => q.name === draft.queue);
  const request = useMemo(() => toRequest(draft, user || 'you'), [draft, user]);
  const check = useMemo(() => (system ? validateAnnexRequest(list, request) : null), [list, request, system]);
  const problem: { field: AnnexField; message: string } | null = check && !check.ok ? check : null;
  const command = check?.ok ? commandLine(annexCreateArgv(request)) : null;
  const set = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setOutcome(null);
  };
  // A whole-node queue takes no CPUs or memory: values typed for a shared queue are dropped, not hidden.
  const queuePatch = (name: string, systemName = draft.system): Partial<Draft> =>
    findSystem(list, systemName)?.queues.find((q) => q.name === name)?.allocationType === 'node' ? { queue: name, cpus: '', memMb: '' } : { queue: name };
  const at = (field: AnnexField) =>
    problem?.field === field ? (
      <span className="field-error" role="alert" data-testid={`annex-error-${field}`}>
        {problem.message}
      </span>
    ) : null;

  if (!connected) return <p className="hint">Connect to ACCESS Pegasus first (Connection tab).</p>;

  const suggest = () => {
    if (!system) return;
    const suggestion = suggestAnnexRequest(workflow, system);
    if (!suggestion) return setReasoning([`No queue of ${system.prettyName} fits this workflow's largest job.`]);
    const r = suggestion.request;
    set({
      queue: r.queue,
      nodes: r.nodes === undefined ? '' : String(r.nodes),
      lifetimeHours: r.lifetime === undefined ? '' : String(Math.round((r.lifetime / 3600) * 100) / 100),
      cpus: r.cpus === undefined ? '' : String(r.cpus),
      memMb: r.memMb === undefined ? '' : String(r.memMb),
      gpus: r.gpus ?? '',
    });
    setReasoning(suggestion.reasoning);
  };
  const checkQueued = async () => {
    const r = await getApi().annexQueuedJobs({ name: user });
    if (r.ok) setQueued(r.value.queued);
    else setError(r.error.message);
  };
  const create = async () => {
    if (draft.verb === 'create' && !window.confirm(`Run this on ACCESS Pegasus?\n\n${command ?? ''}`)) return;
    setRunning(true);
    setOutcome(null);
    const r = await getApi().annexCreate({ request: toRequest(draft, user) });
    setRunning(false);
    if (r.ok) setOutcome(r.value);
    else setError(r.error.message);
    // The new request shows in the status card at once.
    setStatusTick((tick) => tick + 1);
  };

  return (
    <div className="annex" data-testid="annex-panel">
      <h3>HTCondor annex</h3>
      <p className="hint" data-testid="annex-systems-source">
        {systems?.source === 'host' ? 'Systems and queues from htcondor annex systems on the host.' : `Bundled systems table (the host could not be asked${systems?.reason ? `: ${systems.reason}` : ''}).`}
      </p>
      <div className="row">
        <label className="field">
          <span>Verb</span>
          <select value={draft.verb} onChange={(e) => set({ verb: e.target.value as Draft['verb'] })} data-testid="annex-verb">
            <option value="create">create</option>
            <option value="add">add</option>
          </select>
        </label>
        <label className="field">
          <span>Annex name</span>
          <input value={user} readOnly title="ACCESS Pegasus sends your jobs to the annex named after you" data-testid="annex-name" />
        </label>
      </div>
      <label className="field">
        <span>System</span>
        <select value={draft.system} onChange={(e) => set({ system: e.target.value, ...queuePatch(findSystem(list, e.target.value)?.defaultQueue ?? '', e.target.value) })} data-testid="annex-system">
          {list.map((s) => (
            <option key={s.name} value={s.name}>
              {s.prettyName} ({s.name})
            </option>
          ))}
        </select>
        {at('system')}
      </label>
      <label className="field">
        <span>Queue</span>
        <select value={draft.queue} onChange={(e) => set(queuePatch(e.target.value))} data-testid="annex-queue">
          {system?.queues.map((q) => (
            <option key={q.name} value={q.name}>
              {q.name} ({q.allocationType === 'node' ? 'whole nodes' : 'shared'})
            </option>
          ))}
        </select>
        {at('queue')}
      </label>
      <label className="field">
        <span>
          Nodes <small className="limit">{queue?.maxNodesPerJob ? `max ${queue.maxNodesPerJob}` : ''}</small>
        </span>
        <input value={draft.nodes} onChange={(e) => set({ nodes: e.target.value })} inputMode="numeric" data-testid="annex-nodes" />
        {at('nodes')}
      </label>
      <label className="field">
        <span>
          Lifetime, hours <small className="limit">{queue?.maxDuration ? `max ${queue.maxDuration / 3600}` : ''}</small>
        </span>
        <input value={draft.lifetimeHours} onChange={(e) => set({ lifetimeHours: e.target.value })} inputMode="decimal" data-testid="annex-lifetime" />
        {at('lifetime')}
      </label>
      <label className="field">
        <span>Project {system?.projectRequired ? <small className="limit">required</small> : null}</span>
        <input value={draft.project} onChange={(e) => set({ project: e.target.value })} data-testid="annex-project" />
        {at('project')}
      </label>
      {queue && queue.allocationType !== 'node' && (
        <div className="row">
          <label className="field">
            <span>
              CPUs <small className="limit">{queue.coresPerNode ? `max ${queue.coresPerNode}` : ''}</small>
            </span>
            <input value={draft.cpus} onChange={(e) => set({ cpus: e.target.value })} inputMode="numeric" data-testid="annex-cpus" />
            {at('cpus')}
          </label>
          <label className="field">
            <span>
              Memory, MB <small className="limit">{queue.ramPerNode ? `max ${queue.ramPerNode}` : ''}</small>
            </span>
            <input value={draft.memMb} onChange={(e) => set({ memMb: e.target.value })} inputMode="numeric" data-testid="annex-mem" />
            {at('memMb')}
          </label>
        </div>
      )}
      {queue?.allocationType === 'node' && (at('cpus') ?? at('memMb'))}
      <div className="row">
        <label className="field">
          <span>
            GPUs <small className="limit">{queue?.gpusPerNode ? `max ${queue.gpusPerNode}` : 'none'}</small>
          </span>
          <input value={draft.gpus} onChange={(e) => set({ gpus: e.target.value })} data-testid="annex-gpus" />
          {at('gpus')}
        </label>
        <label className="field">
          <span>GPU type {queue?.gpuTypes ? <small className="limit">{queue.gpuTypes.join(', ')}</small> : null}</span>
          <input value={draft.gpuType} onChange={(e) => set({ gpuType: e.target.value })} data-testid="annex-gpu-type" />
          {at('gpuType')}
        </label>
      </div>
      <div className="row">
        <label className="field">
          <span>Idle time, minutes</span>
          <input value={draft.idleMinutes} onChange={(e) => set({ idleMinutes: e.target.value })} inputMode="decimal" data-testid="annex-idle" />
          {at('idleTime')}
        </label>
        <label className="field">
          <span>Login name</span>
          <input value={draft.loginName} onChange={(e) => set({ loginName: e.target.value })} placeholder="your name on the system" data-testid="annex-login" />
          {at('loginName')}
        </label>
      </div>
      {at('annexName')}
      <div className="buttons">
        <button type="button" onClick={suggest} data-testid="annex-suggest">
          Suggest from workflow
        </button>
      </div>
      {reasoning.length > 0 && (
        <ul className="hint" data-testid="annex-reasoning">
          {reasoning.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      )}
      {command && (
        <pre className="command-line" data-testid="annex-command">
          {command}
        </pre>
      )}
      <p className="hint">
        The annex starts only when your workflow's jobs wait in the queue: submit the workflow first.{' '}
        <button type="button" className="link" onClick={() => void checkQueued()} data-testid="annex-check-queued">
          Check now
        </button>
        {queued !== null && <span data-testid="annex-queued"> {queued === 0 ? 'No jobs are waiting for your annex.' : `${queued} job(s) wait for your annex.`}</span>}
      </p>
      {error && <p className="error">{error}</p>}
      <div className="buttons">
        <button type="button" disabled={!command || running || !user} onClick={() => void create()} data-testid="annex-create">
          {running ? 'Running…' : draft.verb === 'create' ? 'Create annex' : 'Add to annex'}
        </button>
      </div>
      {(running || outcome) && lines.length > 0 && (
        <pre className="annex-lines" data-testid="annex-lines">
          {lines.join('\n')}
        </pre>
      )}
      {outcome && (
        <p className={outcome.ok ? 'success' : 'error'} role="status" data-testid="annex-outcome" data-ok={String(outcome.ok)}>
          {outcome.ok ? 'The annex was requested. It starts once the system schedules it; the status card below follows it.' : outcome.message}
        </p>
      )}
      {card && <AnnexStatusCard card={card} name={user} onShutdown={() => setStatusTick((tick) => tick + 1)} />}
      <AnnexSetup system={system} />
    </div>
  );
}
