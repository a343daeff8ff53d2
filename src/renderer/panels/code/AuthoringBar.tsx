/**
 * The authoring commands under the toolbar: the YAML view, catalogs, sweep, search, compare
 * and the exports menu.
 */
import { togglePanel, useDock } from './dock-store';

export function AuthoringBar() {
  const panel = useDock((s) => s.panel);
  return (
    <nav className="authoring-bar" aria-label="Authoring">
      <button type="button" aria-pressed={panel === 'code'} onClick={() => togglePanel('code')} title="The workflow's YAML beside the canvas, in sync both ways" data-testid="toggle-code">
        YAML
      </button>
    </nav>
  );
}
