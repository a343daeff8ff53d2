import type { MenuItemConstructorOptions } from 'electron';
import type { AppCommand } from '../../shared/ipc-channels';

export interface MenuOptions {
  platform: string;
  /** Adds Reload and Developer Tools. */
  development: boolean;
  /** Sends a command to the focused window's page. */
  send: (command: AppCommand) => void;
  /** Opens a checked https URL in the system browser. */
  openExternal: (url: string) => void;
}

export const DOCUMENTATION_URL = 'https://pegasus.isi.edu/documentation/';

/**
 * One menu item that sends `command` to the page. The page handles the keys itself (it
 * must, in browser mode), so the menu shows the accelerator without registering it: a key
 * never acts twice, and Delete or Ctrl+A still work in text fields.
 */
function command(label: string, cmd: AppCommand, accelerator: string | undefined, send: (c: AppCommand) => void): MenuItemConstructorOptions {
  const item: MenuItemConstructorOptions = { label, id: cmd, click: () => send(cmd), registerAccelerator: false };
  if (accelerator) item.accelerator = accelerator;
  return item;
}

/**
 * The application menu as data (File, Edit, View, Help, and the app menu on macOS), with
 * the accelerators users of desktop editors expect. Cut, Copy and Paste are the native
 * roles: the page receives the DOM clipboard events and puts a YAML fragment there.
 */
export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { send } = options;
  const mac = options.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: 'Pegasus Canvas',
      submenu: [
        command('About Pegasus Canvas', 'help.about', undefined, send),
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push({
    label: '&File',
    submenu: [
      command('New…', 'file.new', 'CmdOrCtrl+N', send),
      command('Open…', 'file.open', 'CmdOrCtrl+O', send),
      { type: 'separator' },
      command('Save', 'file.save', 'CmdOrCtrl+S', send),
      command('Save As…', 'file.saveAs', 'CmdOrCtrl+Shift+S', send),
      command('Export…', 'file.export', 'CmdOrCtrl+E', send),
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit', label: 'E&xit' },
    ],
  });
  template.push({
    label: '&Edit',
    submenu: [
      command('Undo', 'edit.undo', 'CmdOrCtrl+Z', send),
      command('Redo', 'edit.redo', options.platform === 'win32' ? 'Ctrl+Y' : 'CmdOrCtrl+Shift+Z', send),
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      command('Duplicate', 'edit.duplicate', 'CmdOrCtrl+D', send),
      command('Delete', 'edit.delete', mac ? 'Backspace' : 'Delete', send),
      { type: 'separator' },
      command('Select All', 'edit.selectAll', 'CmdOrCtrl+A', send),
    ],
  });
  const view: MenuItemConstructorOptions[] = [
    command('Fit to Window', 'view.fit', 'Shift+1', send),
    command('Zoom In', 'view.zoomIn', 'CmdOrCtrl+=', send),
    command('Zoom Out', 'view.zoomOut', 'CmdOrCtrl+-', send),
    { type: 'separator' },
    command('Arrange', 'view.arrange', 'CmdOrCtrl+Shift+L', send),
    command('Jobs Only', 'view.toggleJobsOnly', 'CmdOrCtrl+J', send),
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  if (options.development) view.push({ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' });
  template.push({ label: '&View', submenu: view });
  template.push({
    label: '&Help',
    role: 'help',
    submenu: [
      command('Keyboard Shortcuts', 'help.shortcuts', 'CmdOrCtrl+/', send),
      { label: 'Pegasus Documentation', click: () => options.openExternal(DOCUMENTATION_URL) },
      ...(mac ? [] : [{ type: 'separator' } as const, command('About Pegasus Canvas', 'help.about', undefined, send)]),
    ],
  });
  return template;
}
