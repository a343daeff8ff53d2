import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EncryptedFileSecretStore, type SecretCipher } from '../../../src/main/services/secrets/encrypted-file-secret-store';
import { MemorySecretStore } from '../../../src/main/services/secrets/memory-secret-store';
import { secretKeys, SecretStoreRefused } from '../../../src/main/services/secrets/secret-store';
import { ConnectionProfileStore, ProfileFileError } from '../../../src/main/services/settings/connection-profiles';

const dir = mkdtempSync(join(tmpdir(), 'pcanvas-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ConnectionProfileStore', () => {
  it('keeps several profiles, replaces by name, removes, and writes atomically with mode 600', async () => {
    const store = new ConnectionProfileStore(join(dir, 'app'));
    expect(await store.list()).toEqual([]);
    await store.save({ name: 'ACCESS Pegasus', host: 'access', user: 'sci' });
    await store.save({ name: 'local test', host: '127.0.0.1', port: 2222, identityFile: '/k/id' });
    await store.save({ name: 'ACCESS Pegasus', host: 'login.access-pegasus.org', user: 'sci' });
    expect((await store.list()).map((p) => [p.name, p.host])).toEqual([
      ['ACCESS Pegasus', 'login.access-pegasus.org'],
      ['local test', '127.0.0.1'],
    ]);
    expect(await store.get('local test')).toEqual({ name: 'local test', host: '127.0.0.1', port: 2222, identityFile: '/k/id' });
    expect(await store.remove('local test')).toBe(true);
    expect(await store.remove('local test')).toBe(false);
    expect(statSync(store.file).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(dir, 'app'))).toEqual(['connection-profiles.json']);
  });

  it('refuses bad fields and reports a damaged file with its name', async () => {
    const store = new ConnectionProfileStore(join(dir, 'bad'));
    await expect(store.save({ name: 'x', host: 'a host' })).rejects.toThrow(/host: a host has no spaces/);
    await expect(store.save({ name: 'x', host: 'h', port: 70000 })).rejects.toThrow(/port/);
    mkdirSync(join(dir, 'bad'), { recursive: true });
    writeFileSync(store.file, '{"version":1,"profiles":[{"name":"x"}]}');
    await expect(store.list()).rejects.toThrow(ProfileFileError);
    await expect(store.list()).rejects.toThrow(/connection-profiles.json: profiles.0.host/);
  });
});

/** A reversible stand-in for safeStorage (real encryption is the OS's job). */
function fakeCipher(backend: string, available = true): SecretCipher {
  return {
    backend: () => backend,
    isEncryptionAvailable: () => available,
    encrypt: async (plain) => Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)),
    decrypt: async (data) => Buffer.from(data.map((b) => b ^ 0x5a)).toString('utf8'),
  };
}

describe('secret stores', () => {
  it('stores ciphertext only, reads it back, deletes', async () => {
    const file = join(dir, 'secrets.json');
    const store = new EncryptedFileSecretStore(file, fakeCipher('gnome_libsecret'));
    const key = secretKeys.passphrase('/home/u/.ssh/id_ed25519');
    await store.set(key, 'my secret passphrase');
    expect(readFileSync(file, 'utf8')).not.toContain('my secret passphrase');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await store.get(key)).toBe('my secret passphrase');
    await store.delete(key);
    expect(await store.get(key)).toBeUndefined();
  });

  it('refuses to store on basic_text (Linux without keyring) and says why; writes nothing', async () => {
    const file = join(dir, 'plain.json');
    const store = new EncryptedFileSecretStore(file, fakeCipher('basic_text'));
    expect(store.isEncryptionAvailable()).toBe(false);
    expect(store.refusalReason()).toMatch(/plain text/);
    await expect(store.set(secretKeys.password('u', 'h', 22), 'pw')).rejects.toThrow(SecretStoreRefused);
    expect(() => statSync(file)).toThrow(/ENOENT/);
    const unavailable = new EncryptedFileSecretStore(file, fakeCipher('dpapi', false));
    await expect(unavailable.set('k', 'v')).rejects.toThrow(/no encryption/);
  });

  it('the memory store behaves the same and can play a keyring-less system', async () => {
    const store = new MemorySecretStore();
    await store.set('k', 'v');
    expect(await store.get('k')).toBe('v');
    await expect(new MemorySecretStore('basic_text').set('k', 'v')).rejects.toThrow(SecretStoreRefused);
  });
});

describe('safeStorageCipher', () => {
  const xor = (data: Buffer): Buffer => Buffer.from(data.map((b) => b ^ 0x33));
  const syncOnly = {
    isEncryptionAvailable: () => true,
    encryptString: (plain: string) => xor(Buffer.from(plain)),
    decryptString: (data: Buffer) => xor(data).toString(),
    getSelectedStorageBackend: () => 'basic_text',
  };

  it('on Linux reports the selected backend, so a keyring-less system is refused', async () => {
    const { safeStorageCipher } = await import('../../../src/main/services/secrets/safe-storage-cipher');
    const store = new EncryptedFileSecretStore(join(dir, 'linux.json'), safeStorageCipher(syncOnly, 'linux'));
    expect(store.backend).toBe('basic_text');
    await expect(store.set('k', 'v')).rejects.toThrow(SecretStoreRefused);
  });

  it('uses the async calls when present, and round-trips through the store', async () => {
    const { safeStorageCipher } = await import('../../../src/main/services/secrets/safe-storage-cipher');
    let asyncCalls = 0;
    const withAsync = {
      ...syncOnly,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptStringAsync: async (plain: string) => (asyncCalls++, xor(Buffer.from(plain))),
      decryptStringAsync: async (data: Buffer) => (asyncCalls++, { result: xor(data).toString() }),
    };
    const store = new EncryptedFileSecretStore(join(dir, 'async.json'), safeStorageCipher(withAsync, 'linux'));
    await store.set('k', 'secret value');
    expect(await store.get('k')).toBe('secret value');
    expect(asyncCalls).toBe(2);
    expect(safeStorageCipher(syncOnly, 'darwin').backend()).toBe('keychain');
    expect(safeStorageCipher(syncOnly, 'win32').backend()).toBe('dpapi');
  });
});
