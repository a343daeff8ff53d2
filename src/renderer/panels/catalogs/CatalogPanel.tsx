/**
 * The catalog editors: replicas, transformations, containers and sites, each entry a form
 * checked as it is typed (messages at the field). A catalog is edited where it lives,
 * embedded in the workflow or in its file beside it; a new one can go either way. Sites
 * start from presets: local + condorpool, or the ACCESS Pegasus layout.
 */
import { useMemo, useState } from 'react';
import { siteCatalogPreset, type SiteCatalogPreset } from '../../../shared/catalogs/presets';
import type { Container, Replica, Site, Transformation, TransformationCatalog } from '../../../shared/model';
import { useDocument } from '../../store/document-store';
import { toast } from '../../store/ui-store';
import { type CatalogName, type CatalogPlace, catalogOf, commitCatalog, placeOf } from './catalog-source';
import { EntryForm } from './EntryForm';
import { issuesByField } from './entry-path';
import {
  type CatalogKind,
  type FormSpec,
  containerForm,
  replicaForm,
  siteForm,
  transformationForm,
} from './form-specs';

type Entry = Replica | Transformation | Container | Site;

interface Tab {
  kind: CatalogKind;
  label: string;
  catalog: CatalogName;
  spec: FormSpec<Entry>;
  /** The entries of the catalog. */
  entries: (catalog: unknown) => Entry[];
  /** The catalog with `entries` instead. */
  withEntries: (catalog: unknown, entries: Entry[]) => unknown;
}

const TABS: Tab[] = [
  {
    kind: 'replica',
    label: 'Replicas',
    catalog: 'replicas',
    spec: replicaForm as FormSpec<Entry>,
    entries: (c) => (c as { replicas?: Replica[] } | undefined)?.replicas ?? [],
    withEntries: (c, e) => ({ ...(c as object), replicas: e }),
  },
  {
    kind: 'transformation',
    label: 'Transformations',
    catalog: 'transformations',
    spec: transformationForm as FormSpec<Entry>,
    entries: (c) => (c as TransformationCatalog | undefined)?.transformations ?? [],
    withEntries: (c, e) => ({ ...(c as object), transformations: e }),
  },
  {
    kind: 'container',
    label: 'Containers',
    catalog: 'transformations',
    spec: containerForm as FormSpec<Entry>,
    entries: (c) => (c as TransformationCatalog | undefined)?.containers ?? [],
    withEntries: (c, e) => ({ transformations: [], ...(c as object), containers: e }),
  },
  {
    kind: 'site',
    label: 'Sites',
    catalog: 'sites',
    spec: siteForm as FormSpec<Entry>,
    entries: (c) => (c as { sites?: Site[] } | undefined)?.sites ?? [],
    withEntries: (c, e) => ({ ...(c as object), sites: e }),
  },
];

export function CatalogPanel() {
  const [tabKind, setTabKind] = useState<CatalogKind>('transformation');
  const tab = TABS.find((t) => t.kind === tabKind)!;
  return (
    <section className="dock-scroll" aria-label="Catalogs" data-testid="catalog-panel">
      <div role="tablist" className="catalog-tabs">
        {TABS.map((t) => (
          <button
            key={t.kind}
            type="button"
            role="tab"
            aria-selected={t.kind === tabKind}
            onClick={() => setTabKind(t.kind)}
            data-testid={`catalog-tab-${t.kind}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      <CatalogTab key={tab.kind} tab={tab} />
    </section>
  );
}

function CatalogTab({ tab }: { tab: Tab }) {
  const workflow = useDocument((s) => s.doc.workflow);
  const files = useDocument((s) => s.catalogs);
  const folder = useDocument((s) => (s.file ? s.file.path.replace(/[/\\][^/\\]*$/, '') : ''));
  const existingPlace = placeOf(tab.catalog, workflow, files);
  const [newPlace, setNewPlace] = useState<CatalogPlace>('embedded');
  const place = existingPlace ?? newPlace;
  const catalog = catalogOf(tab.catalog, place, workflow, files);
  const entries = tab.entries(catalog);
  const [selected, setSelected] = useState<number | null>(entries.length > 0 ? 0 : null);
  const [draft, setDraft] = useState<Entry | null>(null);
  const current = draft ?? (selected !== null ? entries[selected] : undefined) ?? null;
  const txCatalog = catalogOf(
    'transformations',
    placeOf('transformations', workflow, files) ?? 'embedded',
    workflow,
    files,
  );
  const issues = useMemo(() => (current ? tab.spec.check(current, txCatalog) : []), [current, tab, txCatalog]);
  const byField = useMemo(() => issuesByField(issues), [issues]);
  const errors = issues.filter((i) => i.severity === 'error').length;

  const commitEntries = (next: Entry[], label: string) => {
    const reason = commitCatalog(tab.catalog, place, tab.withEntries(catalog ?? {}, next) as never, label);
    if (reason) toast(reason, 'error');
  };
  const apply = () => {
    if (!current) return;
    const next = entries.slice();
    if (selected === null || selected >= entries.length) next.push(current);
    else next[selected] = current;
    commitEntries(next, `Edit ${tab.spec.title.toLowerCase()} ${tab.spec.label(current)}`);
    setSelected(selected === null || selected >= entries.length ? next.length - 1 : selected);
    setDraft(null);
  };
  const preset = (name: SiteCatalogPreset) => {
    const made = siteCatalogPreset(name, folder || '/home/user/workflow');
    const names = new Set(made.sites.map((s) => s.name));
    commitEntries(
      [...entries.filter((s) => !names.has((s as Site).name)), ...made.sites],
      `Sites from the ${name} preset`,
    );
    setSelected(null);
    setDraft(null);
  };

  return (
    <div data-testid={`catalog-${tab.kind}`}>
      <p className="muted" data-testid="catalog-place">
        {existingPlace === 'embedded' && 'In this workflow (embedded).'}
        {existingPlace === 'file' && `In ${tab.catalog}.yml beside the workflow; saved with it.`}
        {existingPlace === null && (
          <label>
            No {tab.catalog} catalog yet. New entries go{' '}
            <select
              value={newPlace}
              onChange={(e) => setNewPlace(e.target.value as CatalogPlace)}
              aria-label="Where the catalog goes"
            >
              <option value="embedded">into this workflow</option>
              <option value="file">into {tab.catalog}.yml beside it</option>
            </select>
          </label>
        )}
      </p>
      {tab.kind === 'site' && (
        <p className="catalog-presets">
          Start from:{' '}
          <button type="button" onClick={() => preset('local-condorpool')} data-testid="preset-local-condorpool">
            local + condorpool
          </button>{' '}
          <button type="button" onClick={() => preset('access-pegasus')} data-testid="preset-access-pegasus">
            ACCESS Pegasus
          </button>{' '}
          <button
            type="button"
            onClick={() => preset('access-pegasus-annex')}
            data-testid="preset-access-pegasus-annex"
          >
            ACCESS Pegasus (annex)
          </button>
        </p>
      )}
      <ul className="authoring-list" data-testid="catalog-entries">
        {entries.map((entry, index) => (
          <li key={index}>
            <button
              type="button"
              className="link"
              aria-current={index === selected}
              onClick={() => {
                setSelected(index);
                setDraft(null);
              }}
            >
              {tab.spec.label(entry)}
            </button>
          </li>
        ))}
      </ul>
      <button
        type="button"
        onClick={() => {
          setSelected(null);
          setDraft(tab.spec.blank());
        }}
        data-testid="catalog-new"
      >
        New {tab.spec.title.toLowerCase()}
      </button>
      {current && (
        <>
          <h3>{tab.spec.label(current)}</h3>
          <EntryForm
            entry={current}
            fields={tab.spec.fields}
            lists={tab.spec.lists}
            issues={byField}
            onChange={setDraft}
          />
          <div className="buttons">
            <button
              type="button"
              disabled={draft === null || errors > 0}
              onClick={apply}
              data-testid="catalog-apply"
              title={errors > 0 ? 'Fix the errors first' : undefined}
            >
              Apply
            </button>
            <button type="button" disabled={draft === null} onClick={() => setDraft(null)}>
              Revert
            </button>
            {selected !== null && selected < entries.length && (
              <button
                type="button"
                onClick={() => {
                  commitEntries(
                    entries.filter((_, i) => i !== selected),
                    `Remove ${tab.spec.label(current)}`,
                  );
                  setSelected(null);
                  setDraft(null);
                }}
              >
                Remove
              </button>
            )}
          </div>
        </>
      )}
    </div>
  );
}
