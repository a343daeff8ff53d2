/**
 * The window: toolbar, palette, canvas, properties and diagnostics panels, dialogs. Wires the
 * stores to the outside world once: start-up (open or restore), validation after edits,
 * autosave, title sync, keyboard and clipboard, Electron menu commands.
 */
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect } from 'react';
import type { AppCommand } from '../shared/ipc';
import { getApi } from './api/get-api';
import { Canvas } from './canvas/Canvas';
import { fitAll, zoomIn, zoomOut } from './canvas/viewport';
import { installClipboard } from './commands/clipboard-commands';
import { arrange, deleteSelection, duplicateSelection, redoCommand, selectAll, toggleView, undoCommand } from './commands/edit-commands';
import { exportWithDialog, openWithDialog, save, saveThenClose, saveWithDialog, startAutosave, startTitleSync, startUp } from './commands/file-commands';
import { handleKeyDown } from './commands/shortcuts';
import { Dialogs } from './panels/Dialogs';
import { DiagnosticsPanel } from './panels/DiagnosticsPanel';
import { Palette } from './panels/Palette';
import { PropertiesPanel } from './panels/PropertiesPanel';
import { LocalRunPanel } from './panels/local-run/LocalRunPanel';
import { PlanPanel } from './panels/plan/PlanPanel';
import { startPlanFollowing, usePlan } from './panels/plan/plan-store';
import { PlanCanvas } from './canvas/plan-view/PlanCanvas';
import { RemotePanel } from './panels/runs/RemotePanel';
import { Toasts } from './panels/Toasts';
import { Toolbar } from './panels/Toolbar';
import { AuthoringBar } from './panels/code/AuthoringBar';
import { AuthoringDock } from './panels/code/AuthoringDock';
import { startValidation } from './store/diagnostics-store';
import { useDocument } from './store/document-store';
import { openDialog, useUi } from './store/ui-store';

const MENU: Record<AppCommand, () => void> = {
  'file.new': () => openDialog({ kind: 'new' }),
  'file.open': () => void openWithDialog(),
  'file.save': () => void save(),
  'file.saveAs': () => void saveWithDialog(),
  'file.export': () => void exportWithDialog(),
  'file.saveThenClose': () => void saveThenClose(),
  'edit.undo': undoCommand,
  'edit.redo': redoCommand,
  'edit.delete': deleteSelection,
  'edit.duplicate': duplicateSelection,
  'edit.selectAll': selectAll,
  'view.fit': fitAll,
  'view.zoomIn': zoomIn,
  'view.zoomOut': zoomOut,
  'view.arrange': () => void arrange(),
  'view.toggleJobsOnly': toggleView,
  'help.shortcuts': () => openDialog({ kind: 'help' }),
  'help.about': () => openDialog({ kind: 'help' }),
};

/** Applies the theme: the system's, unless the user picked one. */
function useTheme(): void {
  const theme = useUi((s) => s.theme);
  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      document.documentElement.dataset.theme = theme === 'system' ? (media.matches ? 'dark' : 'light') : theme;
    };
    apply();
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme]);
}

let started = false;

export function App() {
  const loadCount = useDocument((s) => s.loadCount);
  const planView = usePlan((s) => s.planView);
  useTheme();

  useEffect(() => {
    const stops = [startValidation(), startAutosave(), startTitleSync(), installClipboard(), startPlanFollowing(), getApi().onCommand((c) => MENU[c]?.())];
    window.addEventListener('keydown', handleKeyDown);
    if (!started) {
      // Once per page, even if React runs this effect twice (StrictMode in development).
      started = true;
      void startUp();
    }
    return () => {
      window.removeEventListener('keydown', handleKeyDown);
      for (const stop of stops) stop();
    };
  }, []);

  useEffect(() => {
    // Tests and assistive tech wait for this: a document is on screen.
    if (loadCount > 0) document.body.dataset.appState = 'ready';
  }, [loadCount]);

  return (
    <ReactFlowProvider>
      <div className="app">
        <Toolbar />
        <AuthoringBar />
        <div className="workspace">
          <Palette />
          <main className="canvas-area">{planView ? <PlanCanvas /> : <Canvas />}</main>
          <AuthoringDock />
          <div className="side">
            {planView ? (
              <PlanPanel />
            ) : (
              <>
                <PropertiesPanel />
                <DiagnosticsPanel />
              </>
            )}
            <LocalRunPanel />
            <RemotePanel />
          </div>
        </div>
        <Dialogs />
        <Toasts />
      </div>
    </ReactFlowProvider>
  );
}
