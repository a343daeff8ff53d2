/**
 * A text file beside the workflow in Monaco: a transformation's local script (editable, saved
 * beside the workflow) or a condorWorkflow job's DAG file (read-only).
 */
import { Suspense, lazy, useEffect, useState } from 'react';
import { getApi } from '../../api/get-api';
import { toast } from '../../store/ui-store';
import { AuthoringModal } from '../code/AuthoringModal';
import { openAuthoringDialog } from '../code/dock-store';

const MonacoEditor = lazy(() => import('../code/MonacoEditor').then((m) => ({ default: m.MonacoEditor })));

function languageOf(path: string): string {
  if (/\.py$/i.test(path)) return 'python';
  if (/\.(sh|bash)$/i.test(path)) return 'shell';
  if (/\.ya?ml$/i.test(path)) return 'yaml';
  return 'plaintext';
}

export function TextFileDialog({ path, readOnly, title }: { path: string; readOnly: boolean; title: string }) {
  const [text, setText] = useState<string | null>(null);
  const [edited, setEdited] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [isNew, setIsNew] = useState(false);
  const close = () => openAuthoringDialog(null);

  useEffect(() => {
    let cancelled = false;
    void getApi()
      .scriptRead({ path })
      .then((answer) => {
        if (cancelled) return;
        if (answer.ok) setText(answer.value.text);
        else if (answer.error.code === 'NOT_FOUND' && !readOnly) {
          // A script not written yet: start one.
          setIsNew(true);
          setText(languageOf(path) === 'python' ? '#!/usr/bin/env python3\n' : '#!/bin/bash\nset -euo pipefail\n');
        } else setProblem(answer.error.message ?? answer.error.code);
      });
    return () => {
      cancelled = true;
    };
  }, [path, readOnly]);

  const save = async () => {
    const answer = await getApi().scriptWrite({ path, text: edited ?? text ?? '' });
    if (!answer.ok) {
      toast(`Could not save ${path}: ${answer.error.message ?? answer.error.code}`, 'error');
      return;
    }
    toast(`Saved ${answer.value.path}`);
    setText(edited ?? text);
    setEdited(null);
    setIsNew(false);
  };

  return (
    <AuthoringModal title={title} testId="text-file-dialog" onClose={close}>
      <p className="muted">
        <code>{path}</code>
        {isNew && ' (new file)'}
        {readOnly && ' (read-only)'}
      </p>
      {problem && <p className="field-issue">{problem}</p>}
      {text !== null && (
        <div className="text-file-editor" style={{ width: 'min(900px, 80vw)', height: '60vh', display: 'flex' }}>
          <Suspense fallback={<p className="code-note">Loading the editor…</p>}>
            <MonacoEditor
              value={text}
              valueSeq={0}
              language={languageOf(path)}
              readOnly={readOnly}
              onChange={setEdited}
              testId="text-file-editor"
            />
          </Suspense>
        </div>
      )}
      <div className="buttons">
        <button type="button" onClick={close}>
          Close
        </button>
        {!readOnly && (
          <button
            type="button"
            disabled={text === null || (edited === null && !isNew)}
            onClick={() => void save()}
            data-testid="text-file-save"
          >
            Save
          </button>
        )}
      </div>
    </AuthoringModal>
  );
}
