import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/shared-path';

// security.md §2 (b): the settings that undo the hardening, and the calls that must stay in
// one reviewed file, are refused anywhere in the sources.

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.(ts|tsx|html)$/.test(entry.name) ? [full] : [];
  });
}

const files = sources(path.join(repoRoot, 'src')).map((file) => ({ file: path.relative(repoRoot, file), text: readFileSync(file, 'utf8') }));

function offenders(pattern: RegExp, allowed: string[] = []): string[] {
  return files.filter(({ file, text }) => pattern.test(text) && !allowed.includes(file)).map(({ file }) => file);
}

describe('hardening cannot be switched off in the sources', () => {
  it('finds the sources', () => {
    expect(files.some((f) => f.file === 'src/main/electron/web-preferences.ts')).toBe(true);
  });

  it.each([
    ['nodeIntegration: true', /nodeIntegration(InWorker|InSubFrames)?\s*:\s*true/],
    ['contextIsolation: false', /contextIsolation\s*:\s*false/],
    ['sandbox: false', /sandbox\s*:\s*false/],
    ['webSecurity: false', /webSecurity\s*:\s*false/],
    ['allowRunningInsecureContent: true', /allowRunningInsecureContent\s*:\s*true/],
    ['webviewTag: true', /webviewTag\s*:\s*true/],
    ["'unsafe-eval' in a policy", /-src[^;\n]*'unsafe-eval'/],
    ['@electron/remote', /@electron\/remote/],
  ])('no %s', (_name, pattern) => {
    expect(offenders(pattern)).toEqual([]);
  });

  it('keeps ipcMain.handle, exposeInMainWorld, openExternal and new BrowserWindow in their one file each', () => {
    expect(offenders(/ipcMain\.handle\(/, ['src/main/electron/ipc-main.ts'])).toEqual([]);
    expect(offenders(/exposeInMainWorld\(/, ['src/main/electron/preload.ts'])).toEqual([]);
    expect(offenders(/shell\.openExternal\(/, ['src/main/electron/security.ts', 'src/main/electron/main.ts'])).toEqual([]);
    expect(offenders(/new BrowserWindow\(/, ['src/main/electron/window.ts'])).toEqual([]);
    expect(readFileSync(path.join(repoRoot, 'src/main/electron/window.ts'), 'utf8')).toContain('webPreferences: secureWebPreferences(preload)');
  });
});
