// The SSH layer's public surface. See CONTEXT.md.
export { RemoteHost } from './remote-host';
export { RemoteFiles, type RemoteStat, type TransferOptions } from './remote-files';
export { parseSha256sum } from '../../../shared/remote/file-commands';
export { SshError, isSshError, isPermanentSshError, PERMANENT_SSH_ERRORS, type SshErrorCode } from './errors';
export { sha256Fingerprint, keyTypeOfBlob } from './fingerprint';
export { checkHostKey, trustHostKey, hashedNameMatches, type HostKeyVerdict } from './known-hosts';
export { cleanServerText } from './auth';
export type * from './types';
export { resolveTarget, type ResolvedTarget, type ResolveOptions, type TargetRequest } from './resolve-target';
export { promptsWithSecretStore, type StoredSecretPrompts } from './stored-secrets';
