/**
 * The app's remote session against an in-process SSH server that logs in the way ACCESS
 * hosts do (Duo menu and passcode by keyboard-interactive, or a password): every prompt is
 * relayed to the page as an event with its text, the page's answers go back through
 * `prompt.answer`, a cancelled prompt stops the login without a retry, and a password is
 * remembered only where the secret store allows it.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppEvent, PromptRequest } from '../../../src/shared/ipc-events';
import { RemoteSession } from '../../../src/main/services/remote-session/remote-session';
import { MemorySecretStore } from '../../../src/main/services/secrets/memory-secret-store';
import { secretKeys } from '../../../src/main/services/secrets/secret-store';
import { startKbdServer, type KbdRound, type KbdServer } from '../support/kbd-server';

const MENU: KbdRound = {
  name: 'Duo two-factor login',
  instructions: 'Enter a passcode or select one of the following options:\n\n 1. Duo Push to XXX-XXX-1234\n 2. Phone call to XXX-XXX-1234',
  prompts: [{ prompt: 'Passcode or option (1-2): ', echo: true }],
  accept: (answers) => answers[0] === '1',
};
const PASSCODE: KbdRound = { prompts: [{ prompt: 'Duo passcode: ', echo: false }], accept: (answers) => answers[0] === '424242' };

let dir: string;
let server: KbdServer | undefined;
let session: RemoteSession | undefined;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'pegasus-canvas-remote-session-'));
});

afterEach(async () => {
  await session?.close();
  await server?.close();
  session = undefined;
  server = undefined;
  await rm(dir, { recursive: true, force: true });
});

/** A session whose HOME trusts `server`, answering each prompt with `answer` (undefined: cancel). */
async function sessionFor(kbd: KbdServer, answer: (prompt: PromptRequest) => { answers?: string[]; remember?: boolean } | undefined, secrets = new MemorySecretStore('basic_text')) {
  const home = path.join(dir, 'home');
  await mkdir(path.join(home, '.ssh'), { recursive: true });
  await writeFile(path.join(home, '.ssh', 'known_hosts'), await readFile(kbd.knownHostsPath, 'utf8'));
  const events: AppEvent[] = [];
  const created = new RemoteSession({
    appDataDir: path.join(dir, 'data'),
    homeDir: home,
    agent: null,
    secrets,
    emit: (event) => {
      events.push(event);
      if (event.type === 'prompt') {
        const reply = answer(event.prompt);
        queueMicrotask(() => created.answer(event.prompt.id, reply ?? { cancel: true }));
      }
    },
  });
  await created.saveProfile({ name: 'duo host', host: kbd.host, port: kbd.port, user: 'scientist' });
  return { session: created, events, secrets };
}

const prompts = (events: AppEvent[]) => events.flatMap((e) => (e.type === 'prompt' ? [e.prompt] : []));

describe('the remote session relays login questions to the page', () => {
  it('shows every Duo prompt with its instructions and logs in with the page’s answers', async () => {
    server = await startKbdServer({ dir, rounds: [MENU, PASSCODE] });
    const made = await sessionFor(server, (prompt) => ({ answers: [prompt.fields[0]?.text.startsWith('Passcode or option') ? '1' : '424242'] }));
    session = made.session;
    const status = await session.connect('duo host');
    expect(status).toMatchObject({ state: 'ready', profile: 'duo host' });
    const asked = prompts(made.events);
    expect(asked.map((p) => p.kind)).toEqual(['keyboardInteractive', 'keyboardInteractive']);
    expect(asked[0]).toMatchObject({ fields: [{ text: 'Passcode or option (1-2): ', secret: false }] });
    expect(asked[0]?.instructions).toContain('1. Duo Push to XXX-XXX-1234');
    // The passcode is typed hidden, and one-time codes are never offered for remembering.
    expect(asked[1]).toMatchObject({ fields: [{ text: 'Duo passcode: ', secret: true }] });
    expect(asked[1]?.remember).toBeUndefined();
    expect(server.attempts.filter((a) => a.method === 'keyboard-interactive').at(-1)?.answers).toEqual([['1'], ['424242']]);
    // Each question is closed once answered.
    expect(made.events.filter((e) => e.type === 'prompt.closed')).toHaveLength(2);
    expect(made.events.some((e) => e.type === 'connection.state' && e.status.state === 'ready')).toBe(true);
  });

  it('stops when the user cancels a prompt, without asking again', async () => {
    server = await startKbdServer({ dir, rounds: [MENU] });
    const made = await sessionFor(server, () => undefined);
    session = made.session;
    const status = await session.connect('duo host');
    expect(status.state).toBe('closed');
    // The SSH layer ends the login (cancelled, or failed for want of another method); either way no second attempt.
    expect(['AUTH_CANCELLED', 'AUTH_FAILED']).toContain(status.code);
    expect(status.message).toBeTruthy();
    expect(prompts(made.events)).toHaveLength(1);
    expect(server.connections).toBe(1);
  });

  it('remembers a password only in a store that encrypts, and says why not otherwise', async () => {
    server = await startKbdServer({ dir, password: 'correct horse' });
    const refused = await sessionFor(server, () => ({ answers: ['correct horse'], remember: true }));
    session = refused.session;
    expect((await session.connect('duo host')).state).toBe('ready');
    const asked = prompts(refused.events)[0];
    expect(asked).toMatchObject({ kind: 'password', remember: { allowed: false } });
    expect(asked?.remember?.reason).toContain('plain text');
    expect(await refused.secrets.get(secretKeys.password('scientist', server.host, server.port))).toBeUndefined();
    await session.close();

    const keyring = await sessionFor(server, () => ({ answers: ['correct horse'], remember: true }), new MemorySecretStore('gnome_libsecret'));
    session = keyring.session;
    expect((await session.connect('duo host')).state).toBe('ready');
    expect(prompts(keyring.events)[0]?.remember).toEqual({ allowed: true });
    expect(await keyring.secrets.get(secretKeys.password('scientist', server.host, server.port))).toBe('correct horse');
  });

  it('refuses remote work before a connection, saying what to do', async () => {
    server = await startKbdServer({ dir, password: 'x' });
    session = (await sessionFor(server, () => undefined)).session;
    await expect(session.whoami()).rejects.toThrow('Not connected: choose a profile in the Connection panel');
    await expect(session.connect('nobody')).rejects.toThrow('There is no connection profile named "nobody".');
  });
});
