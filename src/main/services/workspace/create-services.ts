import os from 'node:os';
import path from 'node:path';
import type { Diagnostic, WorkflowBundle } from '../../../shared/model';
import type { NativeDialogs, ShellServices } from '../../handlers';
import type { DocumentFormats } from './document-formats';
import { DocumentService } from './documents';
import type { PathGuard } from './path-guard';
import { RecentStore } from './recent';
import { RecoveryStore } from './recovery';
import { WindowState } from './window-state';

export interface ShellServicesOptions {
  mode: 'electron' | 'web';
  version: string;
  platform?: string;
  initialFile?: string | null;
  /** The app's own folder: `recent.json` and `recovery/` live here. */
  appDataDir: string;
  guard: PathGuard;
  formats: DocumentFormats;
  validate: (bundle: WorkflowBundle) => Diagnostic[];
  clock?: () => Date;
  dialogs?: NativeDialogs;
  closeWindow?: () => void;
  /** Shows the title (Electron: BrowserWindow.setTitle and the macOS edited dot). */
  onTitle?: (title: string, dirty: boolean) => void;
}

/** Wires the services of the handler table. Every side effect comes from `options`. */
export function createShellServices(options: ShellServicesOptions): ShellServices {
  const clock = options.clock ?? (() => new Date());
  const recent = new RecentStore(path.join(options.appDataDir, 'recent.json'), clock);
  const recovery = new RecoveryStore(path.join(options.appDataDir, 'recovery'), clock);
  const services: ShellServices = {
    info: {
      mode: options.mode,
      platform: options.platform ?? process.platform,
      version: options.version,
      initialFile: options.initialFile ?? null,
    },
    guard: options.guard,
    documents: new DocumentService({ formats: options.formats, guard: options.guard, recent, recovery }),
    recent,
    recovery,
    window: new WindowState(options.onTitle),
    validate: options.validate,
  };
  if (options.dialogs) services.dialogs = options.dialogs;
  if (options.closeWindow) services.closeWindow = options.closeWindow;
  if (options.initialFile) options.guard.grant(options.initialFile);
  return services;
}

/**
 * Where the app keeps its own files when Electron's `userData` is not at hand (browser
 * mode): the platform's per-user settings folder, as Electron would choose it.
 */
export function defaultAppDataDir(env: NodeJS.ProcessEnv = process.env, platform: string = process.platform, home: string = os.homedir()): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Pegasus Canvas');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Pegasus Canvas');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Pegasus Canvas');
}
