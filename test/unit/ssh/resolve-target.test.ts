import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveTarget } from '../../../src/main/services/ssh';

const home = mkdtempSync(join(tmpdir(), 'pcanvas-home-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
mkdirSync(join(home, '.ssh'));
writeFileSync(join(home, '.ssh', 'id_ed25519'), 'k');
writeFileSync(join(home, '.ssh', 'config'), 'Host access\n  HostName login.access.org\n  User sci\n  Port 2200\n  IdentityFile ~/.ssh/access_key\n  ProxyJump gate@bastion:2022\nHost bastion\n  HostName bastion.access.org\n  User ignored-user\n  IdentityFile ~/.ssh/bastion_key\n');

describe('resolveTarget', () => {
  it('takes HostName, User, Port, IdentityFile, ProxyJump from ~/.ssh/config for an alias', async () => {
    const target = await resolveTarget({ host: 'access' }, {}, { homeDir: home });
    expect(target).toMatchObject({
      alias: 'access',
      host: 'login.access.org',
      port: 2200,
      username: 'sci',
      identityFiles: [join(home, '.ssh', 'access_key')],
      proxyJump: [{ host: 'bastion.access.org', port: 2022, username: 'gate', identityFiles: [join(home, '.ssh', 'bastion_key')] }],
    });
  });

  it('profile values beat the config, command-line overrides beat both', async () => {
    const target = await resolveTarget({ host: 'access', user: 'me', port: 2300 }, { port: 2400 }, { homeDir: home });
    expect(target).toMatchObject({ host: 'login.access.org', username: 'me', port: 2400 });
  });

  it('defaults: port 22, the default user, existing default keys only', async () => {
    const target = await resolveTarget({ host: 'plain.example.org' }, {}, { homeDir: home, defaultUser: 'local' });
    expect(target).toMatchObject({ host: 'plain.example.org', port: 22, username: 'local', identityFiles: [join(home, '.ssh', 'id_ed25519')], proxyJump: [] });
  });

  it('a ProxyJump given explicitly replaces the config one; a bad one is reported', async () => {
    const target = await resolveTarget({ host: 'access', proxyJump: 'a@j1,j2:0' }, {}, { homeDir: home });
    expect(target.proxyJump).toEqual([{ host: 'j1', username: 'a' }]);
    expect(target.diagnostics).toEqual([expect.objectContaining({ code: 'SSH_CONFIG_BAD_PROXYJUMP' })]);
  });
});
