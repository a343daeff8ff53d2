// Where passphrases and passwords go when the user asks the app to remember them: the
// operating system's secret store (Electron safeStorage: Keychain, DPAPI, libsecret/kwallet).
// Never one-time codes or Duo answers. On Linux without a secret service, safeStorage falls
// back to a hard-coded key ('basic_text'); storing there would be storing in clear, so the
// store refuses and says why.

/** Thrown by SecretStore.set when secrets cannot be stored safely; the message is for the user. */
export class SecretStoreRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretStoreRefused';
  }
}

export interface SecretStore {
  /** Backend name, e.g. 'gnome_libsecret', 'kwallet5', 'keychain', 'dpapi', 'basic_text', 'memory'. */
  readonly backend: string;
  /** Whether secrets can be stored encrypted by the operating system. */
  isEncryptionAvailable(): boolean;
  /** Why storing is refused, or undefined when it is allowed. */
  refusalReason(): string | undefined;
  /** Store a secret; throws SecretStoreRefused when refusalReason() is set. */
  set(key: string, secret: string): Promise<void>;
  get(key: string): Promise<string | undefined>;
  delete(key: string): Promise<void>;
}

/** Keys used for connection secrets (one per key file / account). */
export const secretKeys = {
  passphrase: (keyPath: string): string => `ssh-passphrase:${keyPath}`,
  password: (user: string, host: string, port: number): string => `ssh-password:${user}@${host}:${port}`,
};

/** The refusal shared by the real stores, so the wording is the same everywhere. */
export function refusalFor(backend: string, available: boolean): string | undefined {
  if (backend === 'basic_text') {
    return 'No system keyring (GNOME Keyring / KWallet) is running, so the only storage would be plain text. The app will not store it; it is kept in memory until the app closes. Start a keyring and restart the app to remember it.';
  }
  if (!available) return 'The operating system offers no encryption for stored secrets here, so the app will not store it; it is kept in memory until the app closes.';
  return undefined;
}
