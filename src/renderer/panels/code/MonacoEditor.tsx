/**
 * A Monaco editor bound to a text: `value` replaces the model when `valueSeq` changes (a change
 * from outside), keystrokes go to `onChange`, `markers` are shown as squiggles at their line
 * and column. The view state (cursor, scroll) survives outside changes where it can.
 */
import { useEffect, useRef } from 'react';
import type { Diagnostic } from '../../../shared/model';
import { monaco } from './monaco';

export interface MonacoEditorProps {
  value: string;
  valueSeq: number;
  language: string;
  readOnly?: boolean;
  markers?: readonly Diagnostic[];
  onChange?: (text: string) => void;
  testId?: string;
}

const SEVERITY = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
} as const;

export function MonacoEditor({
  value,
  valueSeq,
  language,
  readOnly = false,
  markers = [],
  onChange,
  testId,
}: MonacoEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const applying = useRef(false);
  const changeRef = useRef(onChange);
  changeRef.current = onChange;

  useEffect(() => {
    if (!host.current) return;
    const theme = document.documentElement.dataset.theme === 'dark' ? 'vs-dark' : 'vs';
    const instance = monaco.editor.create(host.current, {
      value,
      language,
      readOnly,
      theme,
      automaticLayout: true,
      minimap: { enabled: false },
      tabSize: 2,
      insertSpaces: true,
      scrollBeyondLastLine: false,
      fontSize: 13,
    });
    editor.current = instance;
    const sub = instance.onDidChangeModelContent(() => {
      if (!applying.current) changeRef.current?.(instance.getValue());
    });
    return () => {
      sub.dispose();
      instance.getModel()?.dispose();
      instance.dispose();
      editor.current = null;
    };
    // Created once; later values arrive through the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const instance = editor.current;
    const model = instance?.getModel();
    if (!instance || !model || model.getValue() === value) return;
    const view = instance.saveViewState();
    applying.current = true;
    // An edit operation rather than setValue: Monaco keeps its own undo stack usable.
    model.pushEditOperations([], [{ range: model.getFullModelRange(), text: value }], () => null);
    applying.current = false;
    if (view) instance.restoreViewState(view);
  }, [value, valueSeq]);

  useEffect(() => {
    editor.current?.updateOptions({ readOnly });
  }, [readOnly]);

  useEffect(() => {
    const model = editor.current?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      'pegasus',
      markers
        .filter((d) => d.location)
        .map((d) => {
          const line = Math.min(Math.max(1, d.location!.line), model.getLineCount());
          const column = Math.max(1, d.location!.column);
          return {
            severity: SEVERITY[d.severity],
            message: `${d.code}: ${d.message}`,
            startLineNumber: line,
            startColumn: column,
            endLineNumber: line,
            endColumn: Math.max(column + 1, model.getLineMaxColumn(line)),
          };
        }),
    );
  }, [markers, value]);

  return (
    <div
      className="monaco-host"
      ref={host}
      data-testid={testId}
      data-marker-count={markers.filter((d) => d.location).length}
    />
  );
}
