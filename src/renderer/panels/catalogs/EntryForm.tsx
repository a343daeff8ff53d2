/**
 * Draws a catalog entry from its {@link FormSpec}: fields, lists of rows (with rows inside
 * rows), and beside each field the check's messages for it, recomputed as the user types.
 */
import type { FieldIssue } from '../../../shared/catalogs/field-issue';
import { type EntryPath, getAt, linesOf, listFromLines, pathKey, setAt } from './entry-path';
import type { FieldSpec, ListSpec } from './form-specs';

interface Props<T> {
  entry: T;
  fields: readonly FieldSpec[];
  lists: readonly ListSpec[];
  issues: ReadonlyMap<string, FieldIssue[]>;
  onChange: (next: T) => void;
  /** Path of this part inside the entry (rows are drawn with their own prefix). */
  prefix?: EntryPath;
}

function Messages({ items }: { items: FieldIssue[] | undefined }) {
  if (!items) return null;
  return (
    <>
      {items.map((item, i) => (
        <span
          key={i}
          className={`field-issue${item.severity === 'warning' ? ' warning' : ''}`}
          role={item.severity === 'error' ? 'alert' : undefined}
        >
          {item.message}
        </span>
      ))}
    </>
  );
}

function Field<T>({
  spec,
  entry,
  prefix,
  issues,
  onChange,
}: {
  spec: FieldSpec;
  entry: T;
  prefix: EntryPath;
  issues: ReadonlyMap<string, FieldIssue[]>;
  onChange: (next: T) => void;
}) {
  const path = [...prefix, ...spec.path];
  const key = pathKey(path);
  const id = `catalog-field-${key}`;
  const value = getAt(entry, path);
  const set = (next: unknown) => onChange(setAt(entry, path, next));
  const problems = issues.get(key);
  let input;
  switch (spec.input.kind) {
    case 'checkbox':
      input = (
        <input
          id={id}
          type="checkbox"
          checked={value === true}
          data-testid={id}
          onChange={(e) => set(e.target.checked ? true : undefined)}
        />
      );
      break;
    case 'select':
      input = (
        <select
          id={id}
          value={typeof value === 'string' ? value : ''}
          data-testid={id}
          aria-invalid={problems ? true : undefined}
          onChange={(e) => set(e.target.value === '' ? undefined : e.target.value)}
        >
          {(spec.input.optional || typeof value !== 'string') && <option value="">(not set)</option>}
          {spec.input.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
      break;
    case 'lines':
      input = (
        <textarea
          id={id}
          rows={2}
          value={linesOf(value)}
          placeholder={spec.placeholder}
          data-testid={id}
          aria-invalid={problems ? true : undefined}
          onChange={(e) => set(listFromLines(e.target.value))}
        />
      );
      break;
    default:
      input = (
        <input
          id={id}
          value={typeof value === 'string' ? value : ''}
          placeholder={spec.placeholder}
          data-testid={id}
          aria-invalid={problems ? true : undefined}
          onChange={(e) => set(e.target.value === '' && spec.optional ? undefined : e.target.value)}
        />
      );
  }
  // Issues about list items (`requires.1`, `mounts.0`) are shown at the list field.
  const itemProblems =
    spec.input.kind === 'lines'
      ? [...issues.entries()].filter(([k]) => k.startsWith(`${key}.`)).flatMap(([, v]) => v)
      : [];
  return (
    <>
      <label htmlFor={id}>{spec.label}</label>
      {input}
      <Messages items={problems} />
      <Messages items={itemProblems.length > 0 ? itemProblems : undefined} />
    </>
  );
}

export function EntryForm<T>({ entry, fields, lists, issues, onChange, prefix = [] }: Props<T>) {
  return (
    <div className="entry-form">
      <div className="form-grid">
        {fields.map((spec) => (
          <Field
            key={pathKey(spec.path)}
            spec={spec}
            entry={entry}
            prefix={prefix}
            issues={issues}
            onChange={onChange}
          />
        ))}
      </div>
      {lists.map((list) => {
        const path = [...prefix, ...list.path];
        const rows = (getAt(entry, path) as unknown[] | undefined) ?? [];
        const key = pathKey(path);
        return (
          <fieldset key={key} data-testid={`catalog-list-${key}`}>
            <legend>{list.label}</legend>
            <Messages items={issues.get(key)} />
            {rows.map((_, index) => (
              <div key={index} className="catalog-row">
                <EntryForm
                  entry={entry}
                  fields={list.fields}
                  lists={list.lists ?? []}
                  issues={issues}
                  onChange={onChange}
                  prefix={[...path, index]}
                />
                <button
                  type="button"
                  onClick={() =>
                    onChange(
                      setAt(
                        entry,
                        path,
                        rows.filter((__, i) => i !== index),
                      ),
                    )
                  }
                >
                  Remove
                </button>
              </div>
            ))}
            <button
              type="button"
              data-testid={`catalog-add-${key}`}
              onClick={() => onChange(setAt(entry, path, [...rows, list.blank()]))}
            >
              Add
            </button>
          </fieldset>
        );
      })}
    </div>
  );
}
