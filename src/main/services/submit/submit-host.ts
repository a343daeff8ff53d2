import type { RemoteHost } from '../ssh';

/**
 * What the submission service needs from a connection: commands and the SFTP helpers. A real
 * `RemoteHost` fits; the type is narrowed so the service depends on nothing else.
 */
export type SubmitHost = Pick<RemoteHost, 'exec' | 'label'> & {
  sftp: Pick<RemoteHost['sftp'], 'upload' | 'download' | 'mkdirp' | 'sha256' | 'stat' | 'writeFile'>;
};
