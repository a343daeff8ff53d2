import { describe, expect, it } from 'vitest';
import { hostMatches, knownHostsLine, parseJumpHost, parseKnownHosts, parseSshConfig, resolveSshConfig, wildcardMatch } from '../../../src/shared/remote/ssh-config';

const CONFIG = `
# global default first: first value wins
Host access
    HostName login.access-pegasus.org
    User sci
    IdentityFile ~/.ssh/id_access
    ProxyJump jumper@bastion.example.org:2200

Host *.example.org !bad.example.org
    User outsider
    Port 2222
    IdentityFile ~/.ssh/%h_key

Host access
    User ignored-because-first-wins
    IdentityFile ~/.ssh/second

Match host foo
    User matched

Host *
    Port=22
    ProxyJump none
`;

describe('parseSshConfig / resolveSshConfig', () => {
  const parsed = parseSshConfig(CONFIG, { file: '/home/u/.ssh/config' });
  if (!parsed.ok) throw new Error('parse failed');

  it('first obtained value wins; IdentityFile accumulates; ProxyJump parsed', () => {
    const resolved = resolveSshConfig(parsed.value, 'access');
    expect(resolved.ok && resolved.value).toEqual({
      hostName: 'login.access-pegasus.org',
      user: 'sci',
      port: 22,
      identityFiles: ['~/.ssh/id_access', '~/.ssh/second'],
      proxyJump: [{ host: 'bastion.example.org', user: 'jumper', port: 2200 }],
    });
  });

  it('wildcards, negation and %h in IdentityFile', () => {
    const good = resolveSshConfig(parsed.value, 'node1.example.org');
    expect(good.ok && good.value).toMatchObject({ user: 'outsider', port: 2222, identityFiles: ['~/.ssh/node1.example.org_key'], proxyJump: [] });
    const bad = resolveSshConfig(parsed.value, 'bad.example.org');
    expect(bad.ok && bad.value).toEqual({ port: 22, identityFiles: [], proxyJump: [] });
  });

  it('reports Match as ignored with its line, and bad ports', () => {
    expect(parsed.diagnostics).toEqual([expect.objectContaining({ code: 'SSH_CONFIG_MATCH_IGNORED', location: { line: 18, column: 1, file: '/home/u/.ssh/config' } })]);
    const badPort = parseSshConfig('Host x\n  Port 99999\n');
    expect(badPort.diagnostics[0]).toMatchObject({ code: 'SSH_CONFIG_BAD_PORT', location: { line: 2 } });
  });

  it('quoted values and Keyword=value', () => {
    const p = parseSshConfig('Host "my host"\nIdentityFile="/path with space/key"\n');
    if (!p.ok) throw new Error('parse failed');
    expect(resolveSshConfig(p.value, 'my host').ok && resolveSshConfig(p.value, 'my host')).toMatchObject({ value: { identityFiles: ['/path with space/key'] } });
  });
});

describe('patterns and jump hosts', () => {
  it('wildcardMatch handles * and ? case-insensitively', () => {
    expect(wildcardMatch('*.Example.org', 'a.b.example.ORG')).toBe(true);
    expect(wildcardMatch('node?', 'node12')).toBe(false);
    expect(wildcardMatch('*a*b', 'xxaxxb')).toBe(true);
    expect(hostMatches(['*', '!secret'], 'secret')).toBe(false);
  });

  it('parseJumpHost reads user, host, port, brackets and ssh:// and rejects bad ports', () => {
    expect(parseJumpHost('bastion')).toMatchObject({ ok: true, value: { host: 'bastion' } });
    expect(parseJumpHost('ssh://me@[::1]:2022')).toMatchObject({ ok: true, value: { host: '::1', user: 'me', port: 2022 } });
    expect(parseJumpHost('me@h:0')).toMatchObject({ ok: false, diagnostics: [{ code: 'SSH_CONFIG_BAD_PROXYJUMP' }] });
  });
});

describe('parseKnownHosts', () => {
  it('reads plain, bracketed, hashed and marked lines, and skips bad ones with a warning', () => {
    const text = [
      '# comment',
      'host1,192.0.2.1 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA==',
      '[host2]:2222 ssh-rsa AAAAB3NzaC1yc2E=',
      '|1|c2FsdA==|aGFzaA== ecdsa-sha2-nistp256 AAAAE2VjZHNh',
      '@revoked host3 ssh-ed25519 AAAA',
      'broken-line',
    ].join('\n');
    const parsed = parseKnownHosts(text, { file: 'kh' });
    expect(parsed.ok && parsed.value.map((e) => [e.line, e.hosts.kind, e.marker ?? '', e.keyType])).toEqual([
      [2, 'patterns', '', 'ssh-ed25519'],
      [3, 'patterns', '', 'ssh-rsa'],
      [4, 'hashed', '', 'ecdsa-sha2-nistp256'],
      [5, 'patterns', 'revoked', 'ssh-ed25519'],
    ]);
    expect(parsed.diagnostics).toEqual([expect.objectContaining({ code: 'KNOWN_HOSTS_SYNTAX', location: { line: 6, column: 1, file: 'kh' } })]);
  });

  it('writes [host]:port for non-22 ports', () => {
    expect(knownHostsLine('h', 22, 't', 'K')).toBe('h t K');
    expect(knownHostsLine('h', 2222, 't', 'K')).toBe('[h]:2222 t K');
  });
});
