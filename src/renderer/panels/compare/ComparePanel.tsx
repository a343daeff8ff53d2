/**
 * Compare: the document against its saved file, or against another workflow file. Lists the
 * jobs, files and dependencies added, removed and changed (added = in the document, not in
 * the other file) and outlines the added and changed nodes on the canvas.
 */
import { useEffect, useState } from 'react';
import { compareWorkflows, type WorkflowComparison } from '../../../shared/compare/compare-workflows';
import { fileKey, jobKey } from '../../../shared/edit';
import { getApi } from '../../api/get-api';
import { documentStore, useDocument } from '../../store/document-store';
import { focusNode } from '../../store/ui-store';
import { clearHighlight, setHighlight } from '../code/node-highlight';

const OWNER = 'compare';

export function ComparePanel() {
  const file = useDocument((s) => s.file);
  const revision = useDocument((s) => s.revision);
  const [otherPath, setOtherPath] = useState('');
  const [against, setAgainst] = useState<string | null>(null);
  const [result, setResult] = useState<WorkflowComparison | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => () => clearHighlight(OWNER), []);

  // Compare again when the document changes, while a comparison is on show.
  useEffect(() => {
    if (!against) return;
    let cancelled = false;
    void getApi()
      .documentOpen({ path: against })
      .then((answer) => {
        if (cancelled) return;
        if (!answer.ok) {
          setProblem(`Cannot read ${against}: ${answer.error.message ?? answer.error.code}`);
          setResult(null);
          clearHighlight(OWNER);
          return;
        }
        const comparison = compareWorkflows(answer.value.bundle.workflow, documentStore.getState().doc.workflow);
        setProblem(null);
        setResult(comparison);
        setHighlight(OWNER, [
          {
            keys: [...comparison.jobs.added.map(jobKey), ...comparison.files.added.map(fileKey)],
            style: 'outline: 3px solid #12b76a; outline-offset: 2px',
          },
          {
            keys: comparison.jobs.changed.map((c) => jobKey(c.id)),
            style: 'outline: 3px solid #f79009; outline-offset: 2px',
          },
        ]);
      });
    return () => {
      cancelled = true;
    };
  }, [against, revision]);

  return (
    <section className="dock-scroll" aria-label="Compare" data-testid="compare-panel">
      <h2>Compare</h2>
      <div className="form-grid">
        <button
          type="button"
          disabled={!file}
          onClick={() => file && setAgainst(file.path)}
          data-testid="compare-saved"
          title={file ? `Against ${file.path}` : 'The document has no file yet'}
        >
          With the saved file
        </button>
        <span className="muted">{file?.name ?? 'not saved yet'}</span>
        <input
          aria-label="Another workflow file"
          placeholder="/path/to/other.yml"
          value={otherPath}
          onChange={(e) => setOtherPath(e.target.value)}
          data-testid="compare-path"
        />
        <button
          type="button"
          disabled={otherPath.trim() === ''}
          onClick={() => setAgainst(otherPath.trim())}
          data-testid="compare-other"
        >
          Compare with this file
        </button>
      </div>
      {problem && <p className="field-issue">{problem}</p>}
      {result && against && <ComparisonLists result={result} against={against} />}
    </section>
  );
}

function ComparisonLists({ result, against }: { result: WorkflowComparison; against: string }) {
  if (result.same)
    return (
      <p data-testid="compare-same">
        The document is the same as <code>{against}</code>.
      </p>
    );
  return (
    <div data-testid="compare-result">
      <p className="muted">
        Added and changed: the document has them, <code>{against}</code> does not.
      </p>
      <Section
        title="Jobs added"
        testId="compare-jobs-added"
        items={result.jobs.added}
        tone="added"
        onPick={(id) => focusNode(jobKey(id))}
      />
      <Section title="Jobs removed" testId="compare-jobs-removed" items={result.jobs.removed} tone="removed" />
      <Section
        title="Jobs changed"
        testId="compare-jobs-changed"
        items={result.jobs.changed.map((c) => `${c.id} (${c.fields.join(', ')})`)}
        tone="changed"
        onPick={(text) => focusNode(jobKey(text.replace(/ \(.*$/, '')))}
      />
      <Section
        title="Files added"
        testId="compare-files-added"
        items={result.files.added}
        tone="added"
        onPick={(lfn) => focusNode(fileKey(lfn))}
      />
      <Section title="Files removed" testId="compare-files-removed" items={result.files.removed} tone="removed" />
      <Section
        title="Dependencies added"
        testId="compare-deps-added"
        items={result.dependencies.added.map(([p, c]) => `${p} → ${c}`)}
        tone="added"
      />
      <Section
        title="Dependencies removed"
        testId="compare-deps-removed"
        items={result.dependencies.removed.map(([p, c]) => `${p} → ${c}`)}
        tone="removed"
      />
      {result.workflow.length > 0 && (
        <Section title="Workflow fields changed" testId="compare-workflow" items={result.workflow} tone="changed" />
      )}
    </div>
  );
}

function Section({
  title,
  items,
  tone,
  testId,
  onPick,
}: {
  title: string;
  items: readonly string[];
  tone: 'added' | 'removed' | 'changed';
  testId: string;
  onPick?: (item: string) => void;
}) {
  if (items.length === 0) return null;
  return (
    <>
      <h3>
        {title} ({items.length})
      </h3>
      <ul className="authoring-list" data-testid={testId}>
        {items.slice(0, 1000).map((item) => (
          <li key={item} className={`compare-${tone}`}>
            {onPick ? (
              <button type="button" className="link" onClick={() => onPick(item)}>
                {tone === 'added' ? '+ ' : tone === 'removed' ? '− ' : '~ '}
                {item}
              </button>
            ) : (
              <>
                {tone === 'removed' ? '− ' : '+ '}
                {item}
              </>
            )}
          </li>
        ))}
        {items.length > 1000 && <li className="muted">and {items.length - 1000} more</li>}
      </ul>
    </>
  );
}
