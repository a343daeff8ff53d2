import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listDir } from '../../../src/main/services/workspace/list-dir';
import { grantsGuard, isInside, rootsGuard } from '../../../src/main/services/workspace/path-guard';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pc-guard-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('isInside', () => {
  it('compares path segments, not string prefixes', () => {
    expect(isInside('/a/b', '/a/b')).toBe(true);
    expect(isInside('/a/b', '/a/b/c.yml')).toBe(true);
    expect(isInside('/a/b', '/a/bc/d.yml')).toBe(false);
    expect(isInside('/a/b', '/a')).toBe(false);
    expect(isInside('/a/b', '/a/b/../c')).toBe(false);
  });
});

describe('rootsGuard', () => {
  it('allows paths inside a root, refuses others, relative ones and link escapes', async () => {
    const root = path.join(dir, 'root');
    const outside = path.join(dir, 'outside');
    await mkdir(root);
    await mkdir(outside);
    await writeFile(path.join(outside, 'secret.yml'), 'x');
    await symlink(outside, path.join(root, 'link'));
    const guard = rootsGuard([root]);
    expect(await guard.check(path.join(root, 'w.yml'), 'write')).toBe(path.join(root, 'w.yml'));
    expect(await guard.check(path.join(root, 'new', 'deep', 'w.yml'), 'write')).toBe(path.join(root, 'new', 'deep', 'w.yml'));
    await expect(guard.check(path.join(outside, 'secret.yml'), 'read')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(guard.check(path.join(root, '..', 'outside', 'secret.yml'), 'read')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(guard.check(path.join(root, 'link', 'secret.yml'), 'read')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(guard.check('w.yml', 'read')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('grantsGuard', () => {
  it('allows only paths the user chose', async () => {
    const guard = grantsGuard(['/w/a.yml']);
    expect(await guard.check('/w/a.yml', 'read')).toBe('/w/a.yml');
    await expect(guard.check('/w/b.yml', 'write')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    guard.grant('/w/b.yml');
    expect(await guard.check('/w/b.yml', 'write')).toBe('/w/b.yml');
    await expect(guard.check('/w', 'list')).rejects.toMatchObject({ code: 'NOT_AVAILABLE' });
  });
});

describe('listDir', () => {
  it('lists folders first, hides dot files, stops at the root', async () => {
    await mkdir(path.join(dir, 'sub'));
    await writeFile(path.join(dir, 'b.yml'), 'abc');
    await writeFile(path.join(dir, 'a.yml'), '');
    await writeFile(path.join(dir, '.hidden'), '');
    const guard = rootsGuard([dir]);
    const top = await listDir(guard, undefined);
    expect(top.path).toBe(dir);
    expect(top.parent).toBeNull();
    expect(top.entries.map((e) => `${e.kind}:${e.name}`)).toEqual(['dir:sub', 'file:a.yml', 'file:b.yml']);
    expect(top.entries.find((e) => e.name === 'b.yml')?.size).toBe(3);
    expect((await listDir(guard, undefined, true)).entries.map((e) => e.name)).toContain('.hidden');
    const sub = await listDir(guard, path.join(dir, 'sub'));
    expect(sub.parent).toBe(dir);
    await expect(listDir(guard, path.dirname(dir))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
