/**
 * Submit the open workflow (its saved file, with the catalogs beside it) to the connected
 * host: pegasus-plan's sites, staging site, output sites, cleanup and clustering, then
 * `--submit`. The new run paints the canvas at once.
 */
import { useState } from 'react';
import type { RunSummary } from '../../../shared/ipc';
import { getApi } from '../../api/get-api';
import { isDirty, useDocument } from '../../store/document-store';
import { setRuns, showRun, useSession } from '../../store/session';

type Cleanup = 'default' | 'none' | 'leaf' | 'inplace' | 'constraint';
type Cluster = 'horizontal' | 'label' | 'whole';

function names(text: string): string[] | undefined {
  const list = text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  return list.length > 0 ? list : undefined;
}

export function SubmitForm() {
  const file = useDocument((s) => s.file);
  const dirty = useDocument((s) => isDirty(s));
  const connected = useSession((s) => s.connection.state === 'ready');
  const [sites, setSites] = useState('condorpool');
  const [staging, setStaging] = useState('');
  const [outputSites, setOutputSites] = useState('');
  const [cleanup, setCleanup] = useState<Cleanup>('default');
  const [cluster, setCluster] = useState<Cluster[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    const siteList = names(sites);
    const outputs = names(outputSites);
    const result = await getApi().runSubmit({
      workflowFile: file.path,
      planOptions: {
        ...(siteList ? { sites: siteList } : {}),
        ...(staging.trim() ? { stagingSite: staging.trim() } : {}),
        ...(outputs ? { outputSites: outputs } : {}),
        ...(cleanup === 'default' ? {} : { cleanup }),
        ...(cluster.length > 0 ? { cluster } : {}),
      },
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    const run: RunSummary = result.value;
    setRuns([run]);
    showRun(run.id);
  };

  const why = !connected ? 'Connect first (Connection tab).' : !file ? 'Save the workflow first: the saved file is what is sent.' : dirty ? 'Save your changes first: the saved file is what is sent.' : null;
  return (
    <details className="submit-form" open>
      <summary>Submit to the connected host</summary>
      <label className="field">
        <span>Execution sites (--sites)</span>
        <input value={sites} onChange={(e) => setSites(e.target.value)} placeholder="condorpool" data-testid="plan-sites" />
      </label>
      <label className="field">
        <span>Staging site (--staging-site)</span>
        <input value={staging} onChange={(e) => setStaging(e.target.value)} placeholder="default: the execution site" data-testid="plan-staging" />
      </label>
      <label className="field">
        <span>Output sites (--output-sites)</span>
        <input value={outputSites} onChange={(e) => setOutputSites(e.target.value)} placeholder="local" data-testid="plan-output-sites" />
      </label>
      <label className="field">
        <span>Cleanup (--cleanup)</span>
        <select value={cleanup} onChange={(e) => setCleanup(e.target.value as Cleanup)} data-testid="plan-cleanup">
          <option value="default">pegasus-plan's default (inplace)</option>
          <option value="none">none</option>
          <option value="leaf">leaf</option>
          <option value="inplace">inplace</option>
          <option value="constraint">constraint</option>
        </select>
      </label>
      <fieldset className="field inline">
        <legend>Clustering (--cluster)</legend>
        {(['horizontal', 'label', 'whole'] as const).map((style) => (
          <label key={style} className="inline">
            <input
              type="checkbox"
              checked={cluster.includes(style)}
              onChange={(e) => setCluster((all) => (e.target.checked ? [...all, style] : all.filter((s) => s !== style)))}
            />
            {style}
          </label>
        ))}
      </fieldset>
      {why && <p className="hint">{why}</p>}
      {error && (
        <p className="error" role="alert" data-testid="submit-error">
          {error}
        </p>
      )}
      <div className="buttons">
        <button type="button" disabled={busy || why !== null} onClick={() => void submit()} data-testid="submit-run">
          {busy ? 'Uploading and planning…' : 'Submit'}
        </button>
      </div>
    </details>
  );
}
