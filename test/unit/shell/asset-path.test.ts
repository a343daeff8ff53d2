import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mimeType, resolveAssetPath } from '../../../src/main/browser-mode/asset-path';
import { CONTENT_SECURITY_POLICY } from '../../../src/main/browser-mode/csp';

const root = path.resolve('/srv/app/out/renderer');

describe('resolveAssetPath (app:// protocol and browser mode)', () => {
  it('maps app paths into the renderer folder', () => {
    expect(resolveAssetPath(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveAssetPath(root, '/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAssetPath(root, '/assets/index-abc.js')).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(resolveAssetPath(root, '/assets/a%20b.js')).toBe(path.join(root, 'assets', 'a b.js'));
  });

  it('refuses every way out of the folder', () => {
    for (const bad of [
      '/../secret',
      '/assets/../../secret',
      '/%2e%2e/secret',
      '/%2E%2E%2Fsecret',
      '/assets/%2e%2e/%2e%2e/etc/passwd',
      '/..%5c..%5csecret',
      '/a\\..\\..\\b',
      '/%00index.html',
      '/%E0%A4%A',
      '/..',
    ]) {
      expect(resolveAssetPath(root, bad), bad).toBeNull();
    }
  });

  it('names content types and keeps a strict CSP', () => {
    expect(mimeType('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(mimeType('/x/a.js')).toBe('text/javascript; charset=utf-8');
    expect(mimeType('/x/a.bin')).toBe('application/octet-stream');
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });
});
