import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, dispatch, type HandlerTable, type NativeDialogs } from '../../../src/main/handlers';
import { createShellServices } from '../../../src/main/services/workspace/create-services';
import { documentFormats } from '../../../src/main/services/workspace/formats-binding';
import { grantsGuard } from '../../../src/main/services/workspace/path-guard';
import { ServiceError } from '../../../src/main/services/workspace/service-error';
import { validateWorkflow } from '../../../src/shared/validate';
import { sharedPath } from '../../support/shared-path';

let dir: string;
let table: HandlerTable;
let titles: string[];
let closed: number;
/** The system dialogs cannot run in Node: this one answers what a user would pick. */
let nextPick: string | null;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pc-handlers-'));
  titles = [];
  closed = 0;
  nextPick = null;
  const dialogs: NativeDialogs = {
    openFile: async () => nextPick,
    saveFile: async () => nextPick,
    confirm: async (options) => options.buttons.length - 1,
  };
  const services = createShellServices({
    mode: 'electron',
    version: '9.9.9',
    platform: 'linux',
    appDataDir: path.join(dir, 'data'),
    guard: grantsGuard(),
    formats: documentFormats,
    validate: (bundle) => validateWorkflow(bundle),
    dialogs,
    closeWindow: () => closed++,
    onTitle: (title) => titles.push(title),
  });
  table = createHandlers(services);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('dispatch', () => {
  it('refuses unknown channels and bad requests, naming the field', async () => {
    expect(await dispatch(table, 'fs.readFile', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await dispatch(table, '__proto__', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    const bad = await dispatch(table, 'document.new', { template: 'fan-out-fan-in', n: 0 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    if (!bad.ok) expect(bad.error.message).toContain('n:');
    expect(await dispatch(table, 'app.setDirty', { dirty: 'yes' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('turns service errors into answers and hides unexpected ones', async () => {
    const failing = {
      ...table,
      'recent.list': async () => {
        throw new ServiceError('IO_ERROR', 'disk on fire');
      },
      'recovery.list': async () => {
        throw new Error('secret /home/me/.ssh/id_ed25519 in a stack trace');
      },
    } as HandlerTable;
    expect(await dispatch(failing, 'recent.list', {})).toEqual({ ok: false, error: { code: 'IO_ERROR', message: 'disk on fire' } });
    const seen: string[] = [];
    const hidden = await dispatch(failing, 'recovery.list', {}, (channel) => seen.push(channel));
    expect(hidden).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(hidden)).not.toContain('ssh');
    expect(seen).toEqual(['recovery.list']);
  });
});

describe('handlers', () => {
  it('reports the mode and native dialogs', async () => {
    expect(await dispatch(table, 'app.info', undefined)).toEqual({
      ok: true,
      value: { mode: 'electron', dialogs: 'native', platform: 'linux', version: '9.9.9', initialFile: null, roots: [] },
    });
  });

  it('keeps the title and closes on request', async () => {
    expect(await dispatch(table, 'app.setTitle', { name: 'diamond.yml' })).toEqual({ ok: true, value: { title: 'diamond.yml — Pegasus Canvas' } });
    expect(await dispatch(table, 'app.setDirty', { dirty: true })).toEqual({ ok: true, value: { title: '• diamond.yml — Pegasus Canvas' } });
    expect(titles).toEqual(['diamond.yml — Pegasus Canvas', '• diamond.yml — Pegasus Canvas']);
    expect(await dispatch(table, 'app.close', { force: true })).toEqual({ ok: true, value: {} });
    expect(closed).toBe(1);
  });

  it('builds templates that validate', async () => {
    const list = await dispatch(table, 'templates.list', {});
    expect(list.ok && (list.value as Array<{ id: string }>).map((t) => t.id)).toContain('variant-calling');
    const made = await dispatch(table, 'document.new', { template: 'fan-out-fan-in', n: 3, name: 'fan3' });
    expect(made).toMatchObject({ ok: true, value: { name: 'fan3.yml', diagnostics: [] } });
    if (made.ok) expect((made.value as { bundle: { workflow: { jobs: unknown[] } } }).bundle.workflow.jobs).toHaveLength(5);
  });

  it('opens only what the user chose in a dialog (Electron)', async () => {
    const file = path.join(dir, 'diamond.yml');
    await cp(sharedPath('examples', 'diamond.yml'), file);
    expect(await dispatch(table, 'document.open', { path: file })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    nextPick = null;
    expect(await dispatch(table, 'dialog.openFile', {})).toEqual({ ok: true, value: { path: null } });
    nextPick = file;
    expect(await dispatch(table, 'dialog.openFile', {})).toEqual({ ok: true, value: { path: file } });
    const opened = await dispatch(table, 'document.open', { path: file });
    expect(opened).toMatchObject({ ok: true, value: { name: 'diamond.yml' } });
    expect(await dispatch(table, 'dialog.confirm', { message: 'Replace?', buttons: ['Replace', 'Cancel'] })).toEqual({ ok: true, value: { response: 1 } });
    expect(await dispatch(table, 'fs.listDir', {})).toMatchObject({ ok: false, error: { code: 'NOT_AVAILABLE' } });
  });

  it('keeps in an autosave only a path the page may already use', async () => {
    const made = await dispatch(table, 'document.new', { template: 'diamond' });
    if (!made.ok) throw new Error(made.error.message);
    const workflow = (made.value as { bundle: { workflow: unknown } }).bundle.workflow;
    const sneaky = await dispatch(table, 'recovery.write', { id: 'r1', path: '/etc/cron.d/evil', name: 'x', workflow, layout: null });
    expect(sneaky).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await dispatch(table, 'recovery.list', {})).toEqual({ ok: true, value: [] });
    const untitled = await dispatch(table, 'recovery.write', { id: 'r2', path: null, name: 'Untitled', workflow, layout: null });
    expect(untitled.ok).toBe(true);
  });
});
