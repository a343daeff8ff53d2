import { dialog, type BrowserWindow, type FileFilter } from 'electron';
import type { NativeDialogs } from '../handlers';

const WORKFLOW_FILTERS: FileFilter[] = [
  { name: 'Pegasus workflows', extensions: ['yml', 'yaml', 'json'] },
  { name: 'All files', extensions: ['*'] },
];

/** Native dialogs attached to `window` (sheets on macOS). */
export function nativeDialogs(window: () => BrowserWindow | null): NativeDialogs {
  return {
    async openFile(options) {
      const parent = window();
      const settings = { title: options.title ?? 'Open Workflow', defaultPath: options.defaultPath, properties: ['openFile' as const], filters: WORKFLOW_FILTERS };
      const result = parent ? await dialog.showOpenDialog(parent, settings) : await dialog.showOpenDialog(settings);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async saveFile(options) {
      const parent = window();
      const filters = options.format === 'json' ? [{ name: 'JSON', extensions: ['json'] }] : [{ name: 'YAML', extensions: ['yml', 'yaml'] }];
      const settings = { title: options.title ?? 'Save Workflow', defaultPath: options.defaultPath, filters, properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const] };
      const result = parent ? await dialog.showSaveDialog(parent, settings) : await dialog.showSaveDialog(settings);
      return result.canceled ? null : (result.filePath ?? null);
    },
    async confirm(options) {
      const parent = window();
      const settings = {
        type: 'question' as const,
        message: options.message,
        detail: options.detail,
        buttons: options.buttons,
        defaultId: options.defaultId ?? 0,
        cancelId: options.cancelId ?? options.buttons.length - 1,
        noLink: true,
      };
      const result = parent ? await dialog.showMessageBox(parent, settings) : await dialog.showMessageBox(settings);
      return result.response;
    },
  };
}
