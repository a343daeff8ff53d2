// Adapts Electron's safeStorage (passed in by src/main/electron/, the only place that imports
// electron) to SecretCipher. Electron 45 has the synchronous calls; the asynchronous ones
// replace them (the sync ones are removed in Electron 46), so the async calls are used when
// present. Data written by the sync API decrypts with the async one.
import type { SecretCipher } from './encrypted-file-secret-store';

/** The shape of Electron's `safeStorage` this adapter uses (structural: no electron import here). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(cipher: Buffer): string;
  /** Linux only: 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown'. */
  getSelectedStorageBackend?(): string;
  isAsyncEncryptionAvailable?(): Promise<boolean>;
  encryptStringAsync?(plain: string): Promise<Buffer>;
  decryptStringAsync?(cipher: Buffer): Promise<{ result: string } | string>;
}

/** `platform` picks the backend name where Electron reports none (macOS Keychain, Windows DPAPI). */
export function safeStorageCipher(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): SecretCipher {
  return {
    backend: () => {
      if (platform === 'linux') return safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
      return platform === 'darwin' ? 'keychain' : platform === 'win32' ? 'dpapi' : 'unknown';
    },
    isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
    encrypt: async (plain) => (safeStorage.encryptStringAsync ? safeStorage.encryptStringAsync(plain) : safeStorage.encryptString(plain)),
    decrypt: async (cipher) => {
      if (!safeStorage.decryptStringAsync) return safeStorage.decryptString(cipher);
      const decrypted = await safeStorage.decryptStringAsync(cipher);
      return typeof decrypted === 'string' ? decrypted : decrypted.result;
    },
  };
}
