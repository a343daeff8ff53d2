import { BrowserWindow, dialog } from 'electron';
import { COMMAND_CHANNEL, type AppCommand } from '../../shared/ipc-channels';
import type { WindowState } from '../services/workspace/window-state';
import { APP_ENTRY, CLOSE_GUARD_BUTTONS, closeAction } from './policy';
import { secureWebPreferences } from './web-preferences';

export interface MainWindow {
  window: BrowserWindow;
  send(command: AppCommand): void;
  /** Closes without asking (after the page saved, or chose not to). */
  forceClose(): void;
}

/**
 * The main window: secure web preferences, the app loaded from `app://`, the title kept by
 * {@link WindowState}, and the unsaved-changes guard on close (Save / Don't Save / Cancel).
 */
export function createMainWindow(preload: string, state: WindowState): MainWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 720,
    minHeight: 480,
    title: state.title,
    show: false,
    webPreferences: secureWebPreferences(preload),
  });
  let closing = false;
  const send = (command: AppCommand) => {
    if (!window.isDestroyed()) window.webContents.send(COMMAND_CHANNEL, command);
  };
  window.once('ready-to-show', () => window.show());
  // The page's <title> must not replace the one the main process keeps.
  window.on('page-title-updated', (event) => event.preventDefault());
  window.on('close', (event) => {
    if (closing || !state.isDirty) return;
    event.preventDefault();
    const choice = dialog.showMessageBoxSync(window, {
      type: 'warning',
      message: 'Save changes before closing?',
      detail: 'Your changes will be lost if you do not save them.',
      buttons: [...CLOSE_GUARD_BUTTONS],
      defaultId: 0,
      cancelId: 2,
      noLink: true,
    });
    const action = closeAction(state.isDirty, choice);
    if (action === 'save-then-close') send('file.saveThenClose');
    else if (action === 'close') {
      closing = true;
      window.close();
    }
  });
  void window.loadURL(APP_ENTRY);
  return {
    window,
    send,
    forceClose() {
      closing = true;
      window.close();
    },
  };
}
