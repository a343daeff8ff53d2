/** The toolbar: file, edit and view commands with their shortcuts in the tooltips. */
import { memo } from 'react';
import { arrange, redoCommand, toggleView, undoCommand } from '../commands/edit-commands';
import { openWithDialog, save, saveWithDialog } from '../commands/file-commands';
import { fitAll } from '../canvas/viewport';
import { isDirty, useDocument } from '../store/document-store';
import { togglePlanView, usePlan } from './plan/plan-store';
import { type ThemePreference, openDialog, uiStore, useUi } from '../store/ui-store';

export const Toolbar = memo(function Toolbar() {
  const canUndo = useDocument((s) => s.undoStack.length > 0 && s.undoStack[s.undoStack.length - 1]!.forward.length > 0);
  const canRedo = useDocument((s) => s.redoStack.length > 0);
  const undoLabel = useDocument((s) => s.undoStack[s.undoStack.length - 1]?.label);
  const redoLabel = useDocument((s) => s.redoStack[s.redoStack.length - 1]?.label);
  const name = useDocument((s) => s.name);
  const dirty = useDocument((s) => isDirty(s));
  const view = useUi((s) => s.view);
  const theme = useUi((s) => s.theme);
  const layoutRunning = useUi((s) => s.layoutRunning);
  const planView = usePlan((s) => s.planView);
  return (
    <header className="toolbar" role="toolbar" aria-label="Commands">
      <span className="doc-name" data-testid="doc-name">
        {dirty ? '• ' : ''}
        {name}
      </span>
      <button type="button" onClick={() => openDialog({ kind: 'new' })} title="New (Ctrl+N)">
        New
      </button>
      <button type="button" onClick={() => void openWithDialog()} title="Open (Ctrl+O)" data-testid="open">
        Open
      </button>
      <button type="button" onClick={() => void save()} title="Save (Ctrl+S)" data-testid="save">
        Save
      </button>
      <button type="button" onClick={() => void saveWithDialog()} title="Save as (Ctrl+Shift+S)">
        Save as
      </button>
      <span className="sep" />
      <button type="button" onClick={undoCommand} disabled={!canUndo} title={`Undo ${undoLabel ?? ''} (Ctrl+Z)`} data-testid="undo">
        Undo
      </button>
      <button type="button" onClick={redoCommand} disabled={!canRedo} title={`Redo ${redoLabel ?? ''} (Ctrl+Shift+Z)`} data-testid="redo">
        Redo
      </button>
      <span className="sep" />
      <button type="button" onClick={toggleView} aria-pressed={view === 'jobs'} title="Jobs-only view: every dependency, inferred and explicit (J)" data-testid="toggle-view">
        {view === 'jobs' ? 'Jobs and files' : 'Jobs only'}
      </button>
      <button type="button" onClick={togglePlanView} aria-pressed={planView} title="Plan view: the executable workflow pegasus-plan would make (P)" data-testid="toggle-plan">
        {planView ? 'Workflow' : 'Plan'}
      </button>
      <button type="button" onClick={() => void arrange()} disabled={layoutRunning} title="Arrange automatically (Ctrl+L)" data-testid="arrange">
        {layoutRunning ? 'Arranging…' : 'Arrange'}
      </button>
      <button type="button" onClick={fitAll} title="Fit (F)">
        Fit
      </button>
      <span className="spacer" />
      <label className="theme">
        <span className="visually-hidden">Theme</span>
        <select value={theme} onChange={(e) => uiStore.setState({ theme: e.target.value as ThemePreference })} aria-label="Theme">
          <option value="system">System theme</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </label>
      <button type="button" onClick={() => openDialog({ kind: 'help' })} title="Keyboard shortcuts (?)" data-testid="help">
        ?
      </button>
    </header>
  );
});
