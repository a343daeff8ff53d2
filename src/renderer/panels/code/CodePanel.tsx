/**
 * The code view: the workflow's YAML beside the canvas, in sync both ways (see code-store).
 * Monaco loads on first show. Text that does not read is flagged and its problems listed;
 * a file above the size limit is shown read-only with the reason.
 */
import { Suspense, lazy, useEffect } from 'react';
import { formatBytes } from './format-bytes';
import { startCodeSync, textEdited, useCode } from './code-store';
import { readFileText } from './read-file-text';
import { CODE_VIEW_MAX_CHARS } from './yaml-sync';

const MonacoEditor = lazy(() => import('./MonacoEditor').then((m) => ({ default: m.MonacoEditor })));

export function CodePanel() {
  const text = useCode((s) => s.text);
  const textSeq = useCode((s) => s.textSeq);
  const diagnostics = useCode((s) => s.diagnostics);
  const stale = useCode((s) => s.stale);
  const readOnly = useCode((s) => s.readOnly);
  const jobs = useCode((s) => s.jobs);

  useEffect(() => startCodeSync(readFileText), []);

  const problems = diagnostics.filter((d) => d.severity === 'error');
  return (
    <section className="code-panel" aria-label="YAML" data-testid="code-panel" data-stale={stale ? 'true' : 'false'}>
      {readOnly && (
        <p className="code-note" data-testid="code-readonly">
          {text.length > 0
            ? `This file is ${formatBytes(text.length)}, above the ${formatBytes(CODE_VIEW_MAX_CHARS)} the code view edits: it is shown read-only, as saved. Edit it on the canvas.`
            : `This workflow has ${jobs ?? 'too many'} jobs, too many for the code view. Edit it on the canvas; open the file in a text editor to read it.`}
        </p>
      )}
      {stale && (
        <p className="code-note code-error" data-testid="code-stale">
          The text does not read ({problems.length} {problems.length === 1 ? 'problem' : 'problems'}): the canvas shows
          the last text that did.
          {problems[0] && (
            <>
              {' '}
              First: line {problems[0].location?.line ?? '?'}: {problems[0].message}
            </>
          )}
        </p>
      )}
      <Suspense fallback={<p className="code-note">Loading the editor…</p>}>
        <MonacoEditor
          value={text}
          valueSeq={textSeq}
          language="yaml"
          readOnly={readOnly}
          markers={diagnostics}
          onChange={textEdited}
          testId="code-editor"
        />
      </Suspense>
    </section>
  );
}
