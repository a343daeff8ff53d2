import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, DOCUMENTATION_URL } from '../../../src/main/electron/menu';
import { buildPreloadApi } from '../../../src/main/electron/preload-api';
import { APP_COMMANDS, CHANNEL_NAMES, methodName, type AppCommand } from '../../../src/shared/ipc-channels';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function menu(platform: string) {
  const sent: AppCommand[] = [];
  const opened: string[] = [];
  const template = buildMenuTemplate({ platform, development: false, send: (c) => sent.push(c), openExternal: (u) => opened.push(u) });
  return { template, sent, opened, items: flatten(template) };
}

describe('application menu', () => {
  it('has File, Edit, View and Help, plus the app menu on macOS', () => {
    expect(menu('linux').template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    expect(menu('darwin').template.map((m) => m.label)).toEqual(['Pegasus Canvas', '&File', '&Edit', '&View', '&Help']);
  });

  it('shows the usual accelerators', () => {
    const accel = (platform: string, id: string) => menu(platform).items.find((i) => i.id === id)?.accelerator;
    expect(accel('linux', 'file.new')).toBe('CmdOrCtrl+N');
    expect(accel('linux', 'file.open')).toBe('CmdOrCtrl+O');
    expect(accel('linux', 'file.save')).toBe('CmdOrCtrl+S');
    expect(accel('linux', 'file.saveAs')).toBe('CmdOrCtrl+Shift+S');
    expect(accel('linux', 'edit.undo')).toBe('CmdOrCtrl+Z');
    expect(accel('linux', 'edit.redo')).toBe('CmdOrCtrl+Shift+Z');
    expect(accel('win32', 'edit.redo')).toBe('Ctrl+Y');
    expect(accel('linux', 'edit.delete')).toBe('Delete');
    expect(accel('darwin', 'edit.delete')).toBe('Backspace');
    const roles = menu('linux').items.map((i) => i.role).filter(Boolean);
    expect(roles).toEqual(expect.arrayContaining(['cut', 'copy', 'paste', 'quit', 'togglefullscreen']));
    expect(roles).not.toContain('toggleDevTools');
  });

  it('sends each command item to the page, without registering keys the page handles', () => {
    const { items, sent, opened } = menu('linux');
    const commands = items.filter((i) => typeof i.id === 'string');
    for (const item of commands) {
      expect(item.registerAccelerator).toBe(false);
      (item.click as () => void)();
    }
    expect(sent).toEqual(commands.map((i) => i.id));
    for (const c of sent) expect(APP_COMMANDS).toContain(c);
    (items.find((i) => i.label === 'Pegasus Documentation')!.click as () => void)();
    expect(opened).toEqual([DOCUMENTATION_URL]);
  });
});

describe('preload API', () => {
  it('exposes one function per channel, onCommand and onEvent, nothing else', async () => {
    const calls: Array<[string, unknown]> = [];
    let deliver: (payload: unknown) => void = () => undefined;
    let deliverEvent: (payload: unknown) => void = () => undefined;
    const api = buildPreloadApi({
      invoke: async (channel, request) => {
        calls.push([channel, request]);
        return { ok: true, value: null };
      },
      onCommand: (listener) => {
        deliver = listener;
        return () => undefined;
      },
      onEvent: (listener) => {
        deliverEvent = listener;
        return () => undefined;
      },
    });
    expect(Object.keys(api).sort()).toEqual([...CHANNEL_NAMES.map((c) => methodName(c)), 'onCommand', 'onEvent'].sort());
    expect(Object.isFrozen(api)).toBe(true);
    await (api.documentOpen as (r: unknown) => Promise<unknown>)({ path: '/w/a.yml' });
    await (api.recentList as () => Promise<unknown>)();
    expect(calls).toEqual([
      ['document.open', { path: '/w/a.yml' }],
      ['recent.list', {}],
    ]);
    const got: AppCommand[] = [];
    (api.onCommand as (l: (c: AppCommand) => void) => void)((c) => got.push(c));
    deliver('file.save');
    deliver('shell.exec');
    deliver({ command: 'file.save' });
    expect(got).toEqual(['file.save']);
    const events: unknown[] = [];
    (api.onEvent as (l: (e: unknown) => void) => void)((e) => events.push(e));
    deliverEvent({ type: 'annex.line', line: 'Submitting' });
    deliverEvent({ type: 'shell.exec' });
    deliverEvent('prompt');
    expect(events).toEqual([{ type: 'annex.line', line: 'Submitting' }]);
  });
});
