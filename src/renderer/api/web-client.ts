/**
 * Browser mode: {@link WindowApi} over the WebSocket served by `src/main/web.ts`.
 *
 * Requests carry an id and are answered out of order; the socket opens on first use and
 * again after a drop. The page is authenticated by the session cookie the server set when
 * it served the page, so no secret lives in this code or in the page's storage.
 * Save and autosave of large documents travel as one binary message (`invokeFrame`).
 * Never throws: a lost connection answers `{ ok: false, error: { code: 'IO_ERROR' } }`.
 */
import { APP_COMMANDS, CHANNEL_NAMES, WEB_SOCKET_PATH, methodName, type AppCommand } from '../../shared/ipc-channels';
import { isAppEvent, type AppEvent } from '../../shared/ipc-events';
import { FRAME_PART_BYTES, FRAME_PART_MAX, framePart, setFrameId } from '../../shared/ipc-frame';
import { yieldToPage } from '../document-worker/port';
import { rememberWireText } from './wire-text';
import type { Channel, IpcResult, WindowApi, WireMessage, WireRequest } from '../../shared/ipc';

/** Where the socket is: the page's own origin. */
export function webSocketUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${WEB_SOCKET_PATH}`;
}

/** Replies longer than this keep their text for the workflow they carry (see wire-text.ts). */
const KEEP_TEXT_CHARS = 1 << 20;

/** A reply carrying a large workflow (`document.open`, recovery): remember the text it came in. */
function keepWorkflowText(message: WireMessage, text: string): void {
  if (text.length < KEEP_TEXT_CHARS || !('response' in message) || !message.response.ok) return;
  const value = message.response.value as { bundle?: { workflow?: unknown } } | null;
  const workflow = value?.bundle?.workflow;
  if (typeof workflow === 'object' && workflow !== null)
    rememberWireText(workflow, text, ['response', 'value', 'bundle', 'workflow']);
}

/** Work on the page's thread between two yields while a large request is sent. */
const SEND_SLICE_MS = 8;

interface Pending {
  resolve: (response: IpcResult<unknown>) => void;
}

/** Creates the browser-mode API. `connect` is a parameter so tests can give a socket of their own. */
export function createWebClient(url: string, connect: (url: string) => WebSocket = (u) => new WebSocket(u)): WindowApi {
  let socket: WebSocket | null = null;
  let opened: Promise<WebSocket> | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Set<(command: AppCommand) => void>();
  const eventListeners = new Set<(event: AppEvent) => void>();

  const failAll = (message: string): void => {
    for (const entry of pending.values()) entry.resolve({ ok: false, error: { code: 'IO_ERROR', message } });
    pending.clear();
  };

  const open = (): Promise<WebSocket> => {
    if (opened) return opened;
    opened = new Promise<WebSocket>((resolve, reject) => {
      const ws = connect(url);
      socket = ws;
      ws.addEventListener('open', () => resolve(ws));
      ws.addEventListener('message', (event: MessageEvent) => {
        let message: WireMessage;
        const text = String(event.data);
        try {
          message = JSON.parse(text) as WireMessage;
        } catch {
          return; // The server only sends JSON; anything else is ignored rather than trusted.
        }
        if ('event' in message) {
          if (isAppEvent(message.event)) for (const listener of eventListeners) listener(message.event);
          return;
        }
        if ('command' in message) {
          if ((APP_COMMANDS as readonly string[]).includes(message.command)) {
            for (const listener of listeners) listener(message.command);
          }
          return;
        }
        const entry = pending.get(message.id);
        if (!entry) return;
        pending.delete(message.id);
        keepWorkflowText(message, text);
        entry.resolve(message.response);
      });
      const dropped = (): void => {
        if (socket === ws) {
          socket = null;
          opened = null;
        }
        reject(new Error('closed'));
        failAll('The connection to the app server was lost.');
      };
      ws.addEventListener('close', dropped);
      ws.addEventListener('error', dropped);
    });
    return opened;
  };

  /** The open socket, or the answer a request gets when there is none. */
  const connected = async (): Promise<WebSocket | IpcResult<unknown>> => {
    try {
      return await open();
    } catch {
      return { ok: false, error: { code: 'IO_ERROR', message: 'Cannot reach the app server; is `npm run web` still running?' } };
    }
  };

  const invoke = async (channel: Channel, request: unknown): Promise<IpcResult<unknown>> => {
    const ws = await connected();
    if ('ok' in ws) return ws;
    const id = nextId++;
    return new Promise<IpcResult<unknown>>((resolve) => {
      pending.set(id, { resolve });
      const message: WireRequest = { id, channel, request: request ?? {} };
      ws.send(JSON.stringify(message));
    });
  };

  /** A request frame (`shared/ipc-frame.ts`): one binary message, answered like any request. */
  const invokeFrame = async (frame: ArrayBuffer): Promise<IpcResult<unknown>> => {
    const ws = await connected();
    if ('ok' in ws) return ws;
    const id = nextId++;
    setFrameId(frame, id);
    const answer = new Promise<IpcResult<unknown>>((resolve) => pending.set(id, { resolve }));
    const bytes = new Uint8Array(frame);
    if (bytes.length <= FRAME_PART_BYTES) ws.send(frame);
    else {
      // In parts, yielding now and then: one send of 40 MB held the page for hundreds of ms.
      let started = performance.now();
      // `send` copies what it is given, so one buffer serves every part (no 50 MB of garbage).
      const buffer = new Uint8Array(FRAME_PART_MAX);
      for (let offset = 0; offset < bytes.length; offset += FRAME_PART_BYTES) {
        if (ws.readyState !== ws.OPEN) break; // The close fails the answer.
        ws.send(framePart(bytes, id, offset, buffer));
        if (performance.now() - started > SEND_SLICE_MS) {
          await yieldToPage();
          started = performance.now();
        }
      }
    }
    return answer;
  };

  const api: Record<string, unknown> = {
    invokeFrame,
    onCommand(listener: (command: AppCommand) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onEvent(listener: (event: AppEvent) => void): () => void {
      eventListeners.add(listener);
      // Events are pushed on the socket: open it now, so a prompt reaches a page that has not called anything yet.
      void open().catch(() => undefined);
      return () => eventListeners.delete(listener);
    },
  };
  for (const channel of CHANNEL_NAMES) {
    api[methodName(channel)] = (request?: unknown) => invoke(channel, request);
  }
  return api as WindowApi;
}
