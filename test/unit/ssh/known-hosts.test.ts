import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkHostKey, hashedNameMatches, keyTypeOfBlob, sha256Fingerprint, trustHostKey } from '../../../src/main/services/ssh';

const dir = mkdtempSync(join(tmpdir(), 'pcanvas-kh-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function newKey(name: string): { type: string; blob: Buffer; line: string } {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, name)]);
  const [type, b64] = readFileSync(join(dir, `${name}.pub`), 'utf8').trim().split(/\s+/);
  return { type: type!, blob: Buffer.from(b64!, 'base64'), line: `${type} ${b64}` };
}

describe('known_hosts checks', () => {
  const a = newKey('a');
  const b = newKey('b');

  it('fingerprint equals ssh-keygen -lf, and the key type is read from the blob', () => {
    const printed = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', join(dir, 'a.pub')], { encoding: 'utf8' }).split(/\s+/)[1];
    expect(sha256Fingerprint(a.blob)).toBe(printed);
    expect(keyTypeOfBlob(a.blob)).toBe('ssh-ed25519');
    expect(keyTypeOfBlob(Buffer.from([0, 0]))).toBe('unknown');
  });

  it('match, unknown, changed (with file and line), other port, wildcard', async () => {
    const file = join(dir, 'kh1');
    writeFileSync(file, `# c\n[h.org]:2222 ${a.line}\n*.cluster ${b.line}\n`);
    expect(await checkHostKey([file], 'h.org', 2222, a.type, a.blob)).toEqual({ status: 'match', file, line: 2 });
    expect(await checkHostKey([file], 'h.org', 22, a.type, a.blob)).toEqual({ status: 'unknown' });
    expect(await checkHostKey([file], 'h.org', 2222, b.type, b.blob)).toEqual({ status: 'changed', file, line: 2, storedType: 'ssh-ed25519' });
    expect(await checkHostKey([file], 'n1.cluster', 22, b.type, b.blob)).toMatchObject({ status: 'match', line: 3 });
    expect(await checkHostKey([join(dir, 'missing')], 'h.org', 22, a.type, a.blob)).toEqual({ status: 'unknown' });
  });

  it('hashed entries made by ssh-keygen -H match, for port 22 and [host]:port', async () => {
    const file = join(dir, 'kh2');
    writeFileSync(file, `login.example.org ${a.line}\n[login.example.org]:2200 ${b.line}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' });
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('example.org');
    const [salt, hash] = text.split('\n')[0]!.split(' ')[0]!.split('|').slice(2);
    expect(hashedNameMatches(salt!, hash!, 'login.example.org')).toBe(true);
    expect(hashedNameMatches(salt!, hash!, 'other.example.org')).toBe(false);
    expect(await checkHostKey([file], 'login.example.org', 22, a.type, a.blob)).toMatchObject({ status: 'match', line: 1 });
    expect(await checkHostKey([file], 'login.example.org', 2200, b.type, b.blob)).toMatchObject({ status: 'match', line: 2 });
    expect(await checkHostKey([file], 'login.example.org', 22, b.type, b.blob)).toMatchObject({ status: 'changed', line: 1 });
  });

  it('@revoked wins; a trusted key is appended and then matches', async () => {
    const file = join(dir, 'kh3');
    writeFileSync(file, `@revoked h ${a.line}\nh ${a.line}`);
    expect(await checkHostKey([file], 'h', 22, a.type, a.blob)).toMatchObject({ status: 'revoked', line: 1 });
    const fresh = join(dir, 'sub', 'kh4');
    await trustHostKey(fresh, 'new.host', 2022, b.type, b.blob);
    expect(readFileSync(fresh, 'utf8')).toBe(`[new.host]:2022 ${b.line}\n`);
    expect(await checkHostKey([fresh], 'new.host', 2022, b.type, b.blob)).toMatchObject({ status: 'match', line: 1 });
    await trustHostKey(file, 'h2', 22, b.type, b.blob);
    expect(readFileSync(file, 'utf8').split('\n')).toEqual([`@revoked h ${a.line}`, `h ${a.line}`, `h2 ${b.line}`, '']);
  });
});
