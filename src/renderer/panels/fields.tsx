/** Small form controls for the Properties panel: commit on Enter or leaving the field, Escape reverts. */
import { type KeyboardEvent, useEffect, useState } from 'react';
import { type Scalar, isNumberLiteral, scalarText } from '../../shared/model';

export function TextField(props: { label: string; value: string; onCommit: (value: string) => void; testId?: string; placeholder?: string; disabled?: boolean }) {
  const [text, setText] = useState(props.value);
  useEffect(() => setText(props.value), [props.value]);
  const commit = () => {
    if (text !== props.value) props.onCommit(text);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      commit();
    } else if (event.key === 'Escape') {
      setText(props.value);
      event.currentTarget.blur();
    }
  };
  return (
    <label className="field">
      <span>{props.label}</span>
      <input
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={onKeyDown}
        data-testid={props.testId}
        placeholder={props.placeholder}
        disabled={props.disabled}
        spellCheck={false}
      />
    </label>
  );
}

export function TextArea(props: { label: string; value: string; onCommit: (value: string) => void; testId?: string; rows?: number; hint?: string }) {
  const [text, setText] = useState(props.value);
  useEffect(() => setText(props.value), [props.value]);
  return (
    <label className="field">
      <span title={props.hint}>{props.label}</span>
      <textarea
        value={text}
        rows={props.rows ?? 3}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => text !== props.value && props.onCommit(text)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            if (text !== props.value) props.onCommit(text);
          }
        }}
        data-testid={props.testId}
        spellCheck={false}
      />
    </label>
  );
}

export function CheckField(props: { label: string; checked: boolean; onChange: (checked: boolean) => void; testId?: string }) {
  return (
    <label className="check">
      <input type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} data-testid={props.testId} />
      {props.label}
    </label>
  );
}

/**
 * Text typed in a field as a scalar: a number when the text reads back the same as a
 * number, a number literal when it is numeric but would not survive (`1.0`), else text.
 */
export function parseScalar(text: string): Scalar {
  const trimmed = text.trim();
  if (trimmed === 'true') return true;
  if (trimmed === 'false') return false;
  if (/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed)) {
    const n = Number(trimmed);
    return String(n) === trimmed ? n : { kind: 'number', text: trimmed };
  }
  return text;
}

/** `key = value` lines ↔ a record of scalars. */
export function recordToLines(record: Record<string, Scalar> | undefined): string {
  return Object.entries(record ?? {})
    .map(([k, v]) => `${k} = ${isNumberLiteral(v) ? v.text : scalarText(v)}`)
    .join('\n');
}

export function linesToRecord(text: string): Record<string, Scalar> {
  const record: Record<string, Scalar> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf('=');
    if (at <= 0) continue;
    const key = line.slice(0, at).trim();
    if (key) record[key] = parseScalar(line.slice(at + 1).trim());
  }
  return record;
}
