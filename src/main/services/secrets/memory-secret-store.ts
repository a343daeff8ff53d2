// A SecretStore that keeps secrets in this process only: for tests, and for "remember until
// the app closes" when the system store refuses.
import { refusalFor, SecretStoreRefused, type SecretStore } from './secret-store';

export class MemorySecretStore implements SecretStore {
  private readonly secrets = new Map<string, string>();

  /** `backend` lets tests play a system without a keyring ('basic_text'). */
  constructor(readonly backend: string = 'memory') {}

  isEncryptionAvailable(): boolean {
    return this.backend !== 'basic_text';
  }

  refusalReason(): string | undefined {
    return refusalFor(this.backend, this.isEncryptionAvailable());
  }

  async set(key: string, secret: string): Promise<void> {
    const reason = this.refusalReason();
    if (reason) throw new SecretStoreRefused(reason);
    this.secrets.set(key, secret);
  }

  async get(key: string): Promise<string | undefined> {
    return this.secrets.get(key);
  }

  async delete(key: string): Promise<void> {
    this.secrets.delete(key);
  }
}
