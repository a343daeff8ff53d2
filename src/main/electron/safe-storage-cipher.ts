// The operating system's secret store for EncryptedFileSecretStore: Electron's safeStorage
// (Keychain, DPAPI, libsecret/kwallet), through its async calls (the sync ones go away in
// Electron 46). On Linux without a keyring the backend is 'basic_text' and the store refuses.
import { safeStorage } from 'electron';
import type { SecretCipher } from '../services/secrets/encrypted-file-secret-store';

export function safeStorageCipher(): SecretCipher {
  return {
    backend: () => (process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : process.platform === 'darwin' ? 'keychain' : 'dpapi'),
    isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
    encrypt: (plain) => safeStorage.encryptStringAsync(plain),
    decrypt: async (cipher) => (await safeStorage.decryptStringAsync(cipher)).result,
  };
}
