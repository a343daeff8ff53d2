// Duo-style keyboard-interactive and password flows against an in-process ssh2 server.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RemoteHost, type InteractivePrompt, type RemoteHostOptions } from '../../../src/main/services/ssh';
import { startKbdServer, type KbdRound, type KbdServer } from '../support/kbd-server';

const MENU: KbdRound = {
  name: 'Duo two-factor login',
  instructions: 'Duo two-factor login for scientist\n\nEnter a passcode or select one of the following options:\n\n 1. Duo Push to XXX-XXX-1234\n 2. Phone call to XXX-XXX-1234',
  prompts: [{ prompt: 'Passcode or option (1-2): ', echo: true }],
  accept: (answers) => answers[0] === '1',
};
const PASSCODE: KbdRound = {
  prompts: [{ prompt: 'Duo passcode: ', echo: false }],
  accept: (answers) => answers[0] === '424242',
};

describe('keyboard-interactive and password authentication (in-process ssh2 server)', () => {
  let dir: string;
  let keyPath: string;
  let server: KbdServer | undefined;
  let remote: RemoteHost | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pcanvas-kbd-'));
    keyPath = join(dir, 'id_ed25519');
    await promisify(execFile)('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', keyPath]);
  });
  afterEach(async () => {
    remote?.close();
    remote = undefined;
    await server?.close();
    server = undefined;
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const connectTo = (srv: KbdServer, overrides: Partial<RemoteHostOptions>): RemoteHost =>
    new RemoteHost({
      host: srv.host,
      port: srv.port,
      username: 'scientist',
      identityFiles: [keyPath],
      agent: null,
      knownHostsFile: srv.knownHostsPath,
      readyTimeout: 20_000,
      ...overrides,
    });

  it('shows the Duo menu and the hidden passcode prompt after the key, and logs in with the answers', async () => {
    server = await startKbdServer({ dir, publicKeyPath: `${keyPath}.pub`, rounds: [MENU, PASSCODE] });
    const seen: { prompts: InteractivePrompt[]; name: string; instructions: string }[] = [];
    remote = connectTo(server, {
      prompts: {
        keyboardInteractive: async (prompts, name, instructions) => {
          seen.push({ prompts, name, instructions });
          return seen.length === 1 ? ['1'] : ['424242'];
        },
      },
    });
    const result = await remote.exec(['hostname']);
    expect(result.stdout).toBe("ran: 'hostname'\n");
    expect(seen).toEqual([
      { prompts: [{ prompt: 'Passcode or option (1-2): ', echo: true }], name: MENU.name, instructions: MENU.instructions },
      { prompts: [{ prompt: 'Duo passcode: ', echo: false }], name: '', instructions: '' },
    ]);
    expect(server.attempts.map((a) => [a.method, a.success])).toEqual([
      ['publickey', true],
      ['keyboard-interactive', true],
    ]);
  });

  it('a wrong passcode fails with AUTH_FAILED, asked once, never re-sent, no reconnection', async () => {
    server = await startKbdServer({ dir, publicKeyPath: `${keyPath}.pub`, rounds: [MENU, PASSCODE] });
    let asked = 0;
    const states: string[] = [];
    remote = connectTo(server, {
      reconnect: { initialDelayMs: 50 },
      prompts: {
        keyboardInteractive: async () => {
          asked += 1;
          return asked === 1 ? ['1'] : ['000000'];
        },
      },
    });
    remote.onStateChange((state) => states.push(state));
    const failure = await remote.exec(['true']).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'AUTH_FAILED', message: expect.stringContaining('keyboard-interactive') });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(asked).toBe(2);
    expect(server.connections).toBe(1);
    expect(server.attempts.filter((a) => a.method === 'keyboard-interactive')).toHaveLength(1);
    expect(states).toEqual(['connecting', 'authenticating', 'idle']);
  });

  it('after a dropped link, automatic reconnection does not start a second factor on its own; reconnect() asks again', async () => {
    server = await startKbdServer({ dir, publicKeyPath: `${keyPath}.pub`, rounds: [MENU, PASSCODE] });
    let asked = 0;
    remote = connectTo(server, {
      reconnect: { initialDelayMs: 50 },
      prompts: {
        keyboardInteractive: async () => {
          asked += 1;
          return asked % 2 === 1 ? ['1'] : ['424242'];
        },
      },
    });
    await remote.connect();
    const closed = new Promise<string | undefined>((resolve) => remote!.onStateChange((state, error) => state === 'closed' && resolve(error?.code)));
    server.dropConnections();
    expect(await closed).toBe('AUTH_NEEDS_USER');
    expect(asked).toBe(2);
    expect(server.attempts.filter((a) => a.method === 'keyboard-interactive')).toHaveLength(1);
    expect(server.connections).toBe(2);
    await remote.reconnect();
    expect(asked).toBe(4);
    expect((await remote.exec(['true'])).exitCode).toBe(0);
  });

  it('close() while a prompt is open ends the attempt with CLOSED', async () => {
    server = await startKbdServer({ dir, publicKeyPath: `${keyPath}.pub`, rounds: [MENU] });
    let promptShown!: () => void;
    const shown = new Promise<void>((resolve) => (promptShown = resolve));
    remote = connectTo(server, {
      prompts: {
        keyboardInteractive: () => {
          promptShown();
          return new Promise(() => undefined);
        },
      },
    });
    const connecting = remote.connect().catch((e: unknown) => e);
    await shown;
    remote.close();
    expect(await connecting).toMatchObject({ code: 'CLOSED' });
    expect(remote.state).toBe('closed');
  });

  it('an unanswered prompt the server gives up on fails clearly and is not retried', async () => {
    server = await startKbdServer({ dir, publicKeyPath: `${keyPath}.pub`, rounds: [MENU], answerTimeoutMs: 300 });
    remote = connectTo(server, { prompts: { keyboardInteractive: () => new Promise(() => undefined) } });
    await expect(remote.connect()).rejects.toMatchObject({ code: 'AUTH_FAILED', message: expect.stringMatching(/during authentication/) });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(server.connections).toBe(1);
  });

  it('a prompt the user leaves unanswered past readyTimeout fails with AUTH_TIMEOUT', async () => {
    server = await startKbdServer({ dir, publicKeyPath: `${keyPath}.pub`, rounds: [MENU] });
    remote = connectTo(server, { readyTimeout: 600, prompts: { keyboardInteractive: () => new Promise(() => undefined) } });
    await expect(remote.connect()).rejects.toMatchObject({ code: 'AUTH_TIMEOUT' });
    expect(server.connections).toBe(1);
  });

  it('removes terminal control and bidi characters from server text before showing it', async () => {
    server = await startKbdServer({
      dir,
      publicKeyPath: `${keyPath}.pub`,
      rounds: [{ name: '\u001b[2JDuo', instructions: 'Pick\u202e 1', prompts: [{ prompt: 'Option\u0007: ', echo: true }], accept: () => true }],
    });
    const seen: string[] = [];
    remote = connectTo(server, {
      prompts: {
        keyboardInteractive: async (prompts, name, instructions) => {
          seen.push(name, instructions, ...prompts.map((p) => p.prompt));
          return ['1'];
        },
      },
    });
    await remote.connect();
    expect(seen).toEqual(['[2JDuo', 'Pick 1', 'Option: ']);
  });

  it('stops after 5 rounds of questions', async () => {
    const endless = Array.from({ length: 7 }, (): KbdRound => ({ prompts: [{ prompt: 'Again: ', echo: true }], accept: () => true }));
    server = await startKbdServer({ dir, publicKeyPath: `${keyPath}.pub`, rounds: endless });
    let asked = 0;
    remote = connectTo(server, {
      prompts: {
        keyboardInteractive: async () => {
          asked += 1;
          return ['x'];
        },
      },
    });
    await expect(remote.connect()).rejects.toMatchObject({ code: 'AUTH_FAILED', message: expect.stringContaining('more than 5 rounds') });
    expect(asked).toBe(5);
  });

  it('logs in with a password asked through the prompt; a wrong one fails once with AUTH_FAILED', async () => {
    server = await startKbdServer({ dir, password: 'correct horse' });
    remote = connectTo(server, { identityFiles: [], prompts: { password: async () => 'correct horse' } });
    expect((await remote.exec(['id'])).exitCode).toBe(0);
    remote.close();

    let asked = 0;
    remote = connectTo(server, {
      identityFiles: [],
      prompts: {
        password: async () => {
          asked += 1;
          return 'wrong';
        },
      },
    });
    await expect(remote.connect()).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    expect(asked).toBe(1);
    expect(server.attempts.filter((a) => a.method === 'password').map((a) => a.success)).toEqual([true, false]);
  });

  it('a cancelled prompt ends with AUTH_CANCELLED', async () => {
    server = await startKbdServer({ dir, password: 'pw' });
    remote = connectTo(server, { identityFiles: [], prompts: { password: async () => undefined } });
    await expect(remote.connect()).rejects.toMatchObject({ code: 'AUTH_CANCELLED' });
  });
});
