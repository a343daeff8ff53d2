/**
 * Jetstream2: the user's name and pilot token read on the host (the token masked, copied
 * only on request), the Exosphere boot script with vm-conf inserted, and a watch for the
 * instance to join the pool, with the 30-minute idle reminder.
 */
import { Suspense, lazy, useEffect, useState } from 'react';
import type { BootScriptValue } from '../../../shared/ipc-remote';
import type { AnnexSlot } from '../../../shared/remote/annex-status';
import { getApi } from '../../api/get-api';
import { useSession } from '../../store/session';

// Monaco is a large chunk: loaded only when a boot script is shown.
const MonacoEditor = lazy(() => import('../code/MonacoEditor').then((m) => ({ default: m.MonacoEditor })));

const IDLE_REMINDER =
  'The instance shuts itself down after 30 minutes without jobs; start it when your workflow is submitted and its jobs are queued.';

export function JetstreamPanel() {
  const connected = useSession((s) => s.connection.state === 'ready');
  const [who, setWho] = useState<{ username: string; maskedToken: string } | null>(null);
  const [script, setScript] = useState('');
  const [result, setResult] = useState<BootScriptValue | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [watching, setWatching] = useState(false);
  const [joined, setJoined] = useState<AnnexSlot[] | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  /** Machines of the user in the pool when the watch began (set by its first poll). */
  const [baseline, setBaseline] = useState<number | null>(null);

  useEffect(() => {
    if (!watching) return;
    let known: Set<string> | null = null;
    let live = true;
    const poll = async () => {
      const r = await getApi().jetstreamMachines();
      if (!live || !r.ok) return;
      if (known === null) {
        known = new Set(r.value.slots.map((s) => s.machine));
        setBaseline(known.size);
      } else {
        const fresh = r.value.slots.filter((s) => !known!.has(s.machine));
        if (fresh.length > 0) {
          setJoined(fresh);
          setWatching(false);
        }
      }
    };
    void poll();
    const timer = setInterval(() => void poll(), 10_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [watching]);

  if (!connected) return null;
  const read = async () => {
    const r = await getApi().jetstreamCredentials();
    if (r.ok) {
      setWho(r.value);
      setError(null);
    } else setError(r.error.message);
  };
  const generate = async () => {
    const r = await getApi().jetstreamBootScript({ script });
    if (r.ok) setResult(r.value);
    else setError(r.error.message);
  };
  const copy = async (text: string, what: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(`${what} copied.`);
    } catch {
      setCopied(`The browser refused the clipboard; select the ${what.toLowerCase()} and copy it yourself.`);
    }
  };
  return (
    <div className="jetstream" data-testid="jetstream-panel">
      <h3>Jetstream2 instance</h3>
      <button type="button" onClick={() => void read()} data-testid="jetstream-read">
        Read my name and pilot token
      </button>
      {who && (
        <dl>
          <dt>User</dt>
          <dd data-testid="jetstream-user">{who.username}</dd>
          <dt>Token</dt>
          <dd data-testid="jetstream-token">
            {who.maskedToken}{' '}
            <button
              type="button"
              className="link"
              onClick={() =>
                void getApi()
                  .jetstreamToken()
                  .then((r) => (r.ok ? copy(r.value.token, 'Token') : setError(r.error.message)))
              }
            >
              Copy
            </button>
          </dd>
        </dl>
      )}
      <label className="field">
        <span>Boot script from Exosphere (Advanced options → Boot script)</span>
        <textarea
          className="code"
          rows={8}
          value={script}
          onChange={(e) => setScript(e.target.value)}
          spellCheck={false}
          data-testid="jetstream-script"
        />
      </label>
      <button type="button" disabled={!script.trim()} onClick={() => void generate()} data-testid="jetstream-generate">
        Insert vm-conf
      </button>
      {error && <p className="error">{error}</p>}
      {result && !result.ok && (
        <p className="error" data-testid="jetstream-error">
          {result.message}
        </p>
      )}
      {result?.ok && (
        <>
          <p className="hint">
            {result.format} boot script; vm-conf {result.action.replace(/-/g, ' ')}.
          </p>
          <div className="jetstream-editor" style={{ height: 260 }} data-testid="jetstream-editor">
            <Suspense fallback={<p className="hint">Loading the editor…</p>}>
              <MonacoEditor
                value={result.text}
                valueSeq={0}
                language={result.format === 'cloud-config' ? 'yaml' : 'plaintext'}
                readOnly
              />
            </Suspense>
          </div>
          <details>
            <summary>Plain text (for selecting part of it, or a screen reader)</summary>
            <textarea className="code" readOnly rows={12} value={result.text} data-testid="jetstream-result" />
          </details>
          <div className="buttons">
            <button type="button" onClick={() => void copy(result.text, 'Boot script')}>
              Copy boot script
            </button>
            <button
              type="button"
              disabled={watching}
              onClick={() => {
                setBaseline(null);
                setJoined(null);
                setWatching(true);
              }}
              data-testid="jetstream-watch"
            >
              {watching ? 'Watching for the instance…' : 'Watch for the instance'}
            </button>
          </div>
          {watching && baseline !== null && (
            <p className="hint" data-testid="jetstream-baseline">
              Watching the pool: {baseline} machine(s) of yours there now; checked every 10 s.
            </p>
          )}
          <p className="hint">{IDLE_REMINDER}</p>
        </>
      )}
      {copied && <p className="hint">{copied}</p>}
      {joined && (
        <p className="success" data-testid="jetstream-joined">
          Ready: {joined.map((s) => s.machine).join(', ')} joined the pool.
        </p>
      )}
    </div>
  );
}
