/** The side dock beside the canvas: the panel chosen in the authoring bar. */
import './authoring.css';
import { CatalogPanel } from '../catalogs/CatalogPanel';
import { ComparePanel } from '../compare/ComparePanel';
import { SearchPanel } from '../search/SearchPanel';
import { CodePanel } from './CodePanel';
import { useDock } from './dock-store';

export function AuthoringDock() {
  const panel = useDock((s) => s.panel);
  if (!panel) return null;
  return (
    <aside className="authoring-dock" data-testid="authoring-dock" data-panel={panel}>
      {panel === 'code' && <CodePanel />}
      {panel === 'compare' && <ComparePanel />}
      {panel === 'catalogs' && <CatalogPanel />}
      {panel === 'search' && <SearchPanel />}
    </aside>
  );
}
