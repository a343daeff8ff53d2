// The Electron main process: thin wiring of the hardening, the app:// protocol, the menu,
// the window and the shared handler table. Logic lives in testable modules beside it.
import path from 'node:path';
import { app, Menu, shell } from 'electron';
import { EVENT_CHANNEL, type AppEvent } from '../../shared/ipc';
import { validateWorkflow } from '../../shared/validate';
import { createHandlers } from '../handlers';
import { LocalRunService } from '../services/executor';
import { RemoteSession } from '../services/remote-session/remote-session';
import { EncryptedFileSecretStore } from '../services/secrets/encrypted-file-secret-store';
import { createShellServices, defaultAppDataDir } from '../services/workspace/create-services';
import { documentFormats } from '../services/workspace/formats-binding';
import { grantsGuard } from '../services/workspace/path-guard';
import { nativeDialogs } from './dialogs';
import { registerIpcHandlers } from './ipc-main';
import { safeStorageCipher } from './safe-storage-cipher';
import { buildMenuTemplate } from './menu';
import { externalUrlAllowed } from './policy';
import { registerAppScheme, serveAppProtocol } from './protocol';
import { installSecurityHandlers } from './security';
import { createMainWindow, type MainWindow } from './window';

// Browser mode and the desktop app share Recent and the recovery folder.
app.setPath('userData', defaultAppDataDir());
installSecurityHandlers();
registerAppScheme();

/** The first argument that is not an option, made absolute: a workflow to open at start. */
function fileFromArgv(argv: readonly string[]): string | null {
  const args = argv.slice(app.isPackaged ? 1 : 2).filter((a) => !a.startsWith('-'));
  return args[0] ? path.resolve(args[0]) : null;
}

// macOS passes a double-clicked file as an event, before `ready` when it starts the app.
let openedFromFinder: string | null = null;
app.on('open-file', (event, file) => {
  event.preventDefault();
  openedFromFinder = file;
});

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let main: MainWindow | null = null;
  app.on('second-instance', () => {
    if (!main) return;
    if (main.window.isMinimized()) main.window.restore();
    main.window.focus();
  });

  void app.whenReady().then(() => {
    const outDir = path.resolve(__dirname, '..', '..');
    serveAppProtocol(path.join(outDir, 'renderer'));
    const initialFile = openedFromFinder ?? fileFromArgv(process.argv);
    const services = createShellServices({
      mode: 'electron',
      version: app.getVersion(),
      initialFile,
      appDataDir: app.getPath('userData'),
      guard: grantsGuard(),
      formats: documentFormats,
      validate: (bundle) => validateWorkflow(bundle),
      dialogs: nativeDialogs(() => main?.window ?? null),
      closeWindow: () => main?.forceClose(),
      onTitle: (title, dirty) => {
        if (!main || main.window.isDestroyed()) return;
        main.window.setTitle(title);
        main.window.setDocumentEdited(dirty);
      },
    });
    // Runs on this machine: progress goes to the window as `localRun.update` events; quitting stops them.
    const sendEvent = (event: AppEvent): void => {
      if (main && !main.window.isDestroyed()) main.window.webContents.send(EVENT_CHANNEL, event);
    };
    const localRuns = new LocalRunService({ load: documentFormats.loadWorkflowBundle });
    localRuns.subscribe((update) => sendEvent({ type: 'localRun.update', update }));
    app.on('before-quit', () => void localRuns.cancelAll());
    // Connection, remote runs and annex: prompts and run updates go to the window as events.
    const remote = new RemoteSession({
      appDataDir: app.getPath('userData'),
      secrets: new EncryptedFileSecretStore(path.join(app.getPath('userData'), 'secrets.json'), safeStorageCipher()),
      emit: sendEvent,
    });
    app.on('before-quit', () => void remote.close());
    registerIpcHandlers(createHandlers({ ...services, localRuns, remote }), (channel, error) => {
      console.error(`pegasus-canvas: ${channel}:`, error);
    });
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate({
          platform: process.platform,
          development: !app.isPackaged,
          send: (command) => main?.send(command),
          openExternal: (url) => {
            if (externalUrlAllowed(url)) void shell.openExternal(url);
          },
        }),
      ),
    );
    main = createMainWindow(path.join(__dirname, 'preload.cjs'), services.window);
    main.window.on('closed', () => {
      main = null;
    });
  });

  app.on('window-all-closed', () => {
    app.quit();
  });
}
