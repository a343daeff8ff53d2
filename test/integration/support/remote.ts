// A RemoteHost already set up for a test sshd (startSshd): its known_hosts, its client key,
// no ssh-agent from the developer's environment, fast reconnection.
import { RemoteHost } from '../../../src/main/services/ssh';
import type { RemoteHostOptions } from '../../../src/main/services/ssh';
import type { SshdServer } from './sshd';

export function remoteHostFor(server: SshdServer, overrides: Partial<RemoteHostOptions> = {}): RemoteHost {
  return new RemoteHost({
    host: server.host,
    port: server.port,
    username: server.user,
    identityFiles: [server.clientKeyPath],
    agent: null,
    knownHostsFile: server.knownHostsPath,
    readyTimeout: 20_000,
    keepaliveInterval: 5_000,
    reconnect: { initialDelayMs: 200, maxDelayMs: 2_000, maxAttempts: 30 },
    ...overrides,
  });
}
