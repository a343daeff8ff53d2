/**
 * `script.read` / `script.write`: a script or DAG file beside the workflow is read and written
 * through the path guard (browser mode: only under the roots, symbolic links resolved), reads
 * are capped, and bad requests are refused before any file is touched.
 */
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, dispatch, type HandlerTable } from '../../../src/main/handlers';
import { createShellServices } from '../../../src/main/services/workspace/create-services';
import { documentFormats } from '../../../src/main/services/workspace/formats-binding';
import { rootsGuard } from '../../../src/main/services/workspace/path-guard';
import { TEXT_FILE_MAX_BYTES } from '../../../src/main/services/workspace/text-files';
import { validateWorkflow } from '../../../src/shared/validate';

let dir: string;
let root: string;
let outside: string;
let table: HandlerTable;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pc-scripts-'));
  root = path.join(dir, 'workspace');
  outside = path.join(dir, 'elsewhere');
  await mkdir(path.join(root, 'scripts'), { recursive: true });
  await mkdir(outside);
  const services = createShellServices({
    mode: 'web',
    version: '9.9.9',
    platform: 'linux',
    appDataDir: path.join(dir, 'data'),
    guard: rootsGuard([root]),
    formats: documentFormats,
    validate: (bundle) => validateWorkflow(bundle),
    onTitle: () => undefined,
  });
  table = createHandlers(services);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('script files', () => {
  it('reads and writes a script under the roots', async () => {
    const file = path.join(root, 'scripts', 'prep.sh');
    await writeFile(file, '#!/bin/bash\necho a\n');
    expect(await dispatch(table, 'script.read', { path: file })).toEqual({
      ok: true,
      value: { path: file, text: '#!/bin/bash\necho a\n' },
    });
    expect(await dispatch(table, 'script.write', { path: file, text: '#!/bin/bash\necho b\n' })).toMatchObject({
      ok: true,
      value: { path: file },
    });
    expect(await readFile(file, 'utf8')).toBe('#!/bin/bash\necho b\n');
  });

  it('refuses files outside the roots, also through a symbolic link', async () => {
    const secret = path.join(outside, 'secret.txt');
    await writeFile(secret, 'no');
    expect(await dispatch(table, 'script.read', { path: secret })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await dispatch(table, 'script.write', { path: path.join(outside, 'new.sh'), text: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await symlink(secret, path.join(root, 'link.txt'));
    expect(await dispatch(table, 'script.read', { path: path.join(root, 'link.txt') })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await readFile(secret, 'utf8')).toBe('no');
  });

  it('says what is wrong with a missing, a too large, or a malformed request', async () => {
    expect(await dispatch(table, 'script.read', { path: path.join(root, 'none.sh') })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const big = path.join(root, 'big.txt');
    await writeFile(big, Buffer.alloc(TEXT_FILE_MAX_BYTES + 1, 97));
    const answer = await dispatch(table, 'script.read', { path: big });
    expect(answer).toMatchObject({ ok: false, error: { code: 'UNREADABLE' } });
    if (!answer.ok) expect(answer.error.message).toContain('big.txt');
    expect(await dispatch(table, 'script.write', { path: path.join(root, 'a.sh') })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
  });
});
