// A SecretStore that keeps ciphertext (base64) in a JSON file in the app data directory,
// encrypted by an injected cipher: Electron's safeStorage in the app (adapter in
// src/main/electron/), a fake in tests. Only main-process code constructs it.
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../settings/atomic-write';
import { refusalFor, SecretStoreRefused, type SecretStore } from './secret-store';

/** The part of Electron's safeStorage this store needs (async calls; the sync ones go away in Electron 46). */
export interface SecretCipher {
  /** safeStorage.getSelectedStorageBackend() on Linux; a fixed name elsewhere. */
  backend(): string;
  isEncryptionAvailable(): boolean;
  encrypt(plain: string): Promise<Buffer>;
  decrypt(cipher: Buffer): Promise<string>;
}

export class EncryptedFileSecretStore implements SecretStore {
  constructor(
    private readonly file: string,
    private readonly cipher: SecretCipher,
  ) {}

  get backend(): string {
    return this.cipher.backend();
  }

  isEncryptionAvailable(): boolean {
    return this.cipher.isEncryptionAvailable() && this.backend !== 'basic_text';
  }

  refusalReason(): string | undefined {
    return refusalFor(this.backend, this.cipher.isEncryptionAvailable());
  }

  async set(key: string, secret: string): Promise<void> {
    const reason = this.refusalReason();
    if (reason) throw new SecretStoreRefused(reason);
    const entries = await this.read();
    entries[key] = (await this.cipher.encrypt(secret)).toString('base64');
    await this.write(entries);
  }

  async get(key: string): Promise<string | undefined> {
    const stored = (await this.read())[key];
    if (stored === undefined || this.refusalReason()) return undefined;
    return this.cipher.decrypt(Buffer.from(stored, 'base64'));
  }

  async delete(key: string): Promise<void> {
    const entries = await this.read();
    if (!(key in entries)) return;
    delete entries[key];
    await this.write(entries);
  }

  private async read(): Promise<Record<string, string>> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    const json = JSON.parse(text) as { version?: number; secrets?: Record<string, string> };
    if (json.version !== 1 || typeof json.secrets !== 'object' || json.secrets === null) {
      throw new Error(`${this.file} is not a secrets file of this app (version 1)`);
    }
    return { ...json.secrets };
  }

  private async write(secrets: Record<string, string>): Promise<void> {
    await writeFileAtomic(this.file, `${JSON.stringify({ version: 1, secrets }, null, 2)}\n`, { mode: 0o600 });
  }
}
