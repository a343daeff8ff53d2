import { createReadStream, promises as fsp } from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { WEB_SOCKET_PATH, type AppCommand, type AppEvent, type WireMessage, type WireRequest } from '../../shared/ipc';
import { dispatch, type HandlerTable, type InternalErrorSink } from '../handlers';
import { mimeType, resolveAssetPath } from './asset-path';
import { answerFrame } from './request-frame';
import { FrameAssembler, isFramePart } from '../../shared/ipc-frame';
import { SECURITY_HEADERS } from './csp';
import {
  appOrigin,
  hostAllowed,
  LOOPBACK,
  newSecret,
  originAllowed,
  parseCookies,
  secretsEqual,
  sessionCookie,
  sessionCookieName,
} from './gate';

export interface WebServerCoreOptions {
  /** The built renderer (`out/renderer`). */
  rendererDir: string;
  handlers: HandlerTable;
  /** 0 (default): a free port chosen by the system. */
  port?: number;
  /** Where unexpected handler errors go (never to the page). */
  onInternalError?: InternalErrorSink;
}

export interface WebServer {
  /** The one URL to open: it holds the launch secret. */
  url: string;
  port: number;
  /** The app's origin, `http://127.0.0.1:PORT`. */
  origin: string;
  /** Sends a menu command to every connected page. */
  broadcast(command: AppCommand): void;
  /** Sends an event (prompt, connection state, run update, annex line) to every connected page. */
  sendEvent(event: AppEvent): void;
  close(): Promise<void>;
}

/** Largest request accepted over the socket: a 10^5-job workflow as JSON fits well within it. */
export const MAX_MESSAGE_BYTES = 512 * 1024 * 1024;

function refuse(response: http.ServerResponse, status: number, text: string): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(`${text}\n`);
}

function refuseUpgrade(socket: Socket, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * Browser mode's server (security.md §1, browser mode): listens on 127.0.0.1 only, on a
 * random port, and answers nobody without the per-launch secret.
 *
 * The printed URL carries the secret as `?token=`. The first request that presents it gets
 * an HttpOnly, SameSite=Strict session cookie and a redirect to `/`, so the secret leaves
 * the address bar and the history at once; this server keeps no access log. Every later
 * HTTP request and the WebSocket upgrade need that cookie, a `Host` of exactly
 * `127.0.0.1:PORT` (DNS rebinding) and, when an `Origin` is sent (always, for WebSockets),
 * the app's own origin. Requests then go through the same handler table as Electron.
 */
export async function startWebServerCore(options: WebServerCoreOptions): Promise<WebServer> {
  const launchSecret = newSecret();
  const session = newSecret();
  let port = 0;

  const authenticated = (request: http.IncomingMessage): boolean =>
    secretsEqual(parseCookies(request.headers.cookie).get(sessionCookieName(port)), session);

  const server = http.createServer((request, response) => {
    void serve(request, response);
  });

  async function serve(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    if (!hostAllowed(request.headers.host, port)) return refuse(response, 421, 'Wrong host.');
    if (!originAllowed(request.headers.origin, port, false)) return refuse(response, 403, 'Foreign origin.');
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Method not allowed.');
    const url = new URL(request.url ?? '/', appOrigin(port));
    const token = url.searchParams.get('token');
    if (token !== null) {
      if (!secretsEqual(token, launchSecret)) return refuse(response, 401, 'Wrong or expired link: open the URL printed by `npm run web`.');
      url.searchParams.delete('token');
      response.writeHead(303, { ...SECURITY_HEADERS, 'Set-Cookie': sessionCookie(port, session), Location: `${url.pathname}${url.search}` });
      response.end();
      return;
    }
    if (!authenticated(request)) return refuse(response, 401, 'Open the URL printed by `npm run web`; it holds this launch’s secret.');

    const file = resolveAssetPath(options.rendererDir, url.pathname);
    if (!file) return refuse(response, 404, 'Not found.');
    const stat = await fsp.stat(file).catch(() => null);
    if (!stat?.isFile()) return refuse(response, 404, 'Not found.');
    response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': mimeType(file), 'Content-Length': String(stat.size) });
    if (request.method === 'HEAD') return void response.end();
    createReadStream(file)
      .on('error', () => response.destroy())
      .pipe(response);
  }

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (request, socket: Socket, head) => {
    const url = new URL(request.url ?? '/', appOrigin(port));
    if (!hostAllowed(request.headers.host, port)) return refuseUpgrade(socket, 421, 'Misdirected Request');
    if (!originAllowed(request.headers.origin, port, true)) return refuseUpgrade(socket, 403, 'Forbidden');
    if (!authenticated(request)) return refuseUpgrade(socket, 401, 'Unauthorized');
    if (url.pathname !== WEB_SOCKET_PATH) return refuseUpgrade(socket, 404, 'Not Found');
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
  });

  /** Large requests come in parts (`shared/ipc-frame.ts`); one assembler per connection. */
  const assemblers = new WeakMap<WebSocket, FrameAssembler>();

  sockets.on('connection', (ws: WebSocket) => {
    ws.on('message', (data, isBinary) => {
      if (isBinary) void answerBinary(ws, Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? new Uint8Array(data) : data);
      else void answer(ws, String(data));
    });
  });

  async function answer(ws: WebSocket, text: string): Promise<void> {
    let message: Partial<WireRequest>;
    try {
      message = JSON.parse(text) as Partial<WireRequest>;
    } catch {
      return; // Not JSON: no id to answer to.
    }
    if (typeof message !== 'object' || message === null || typeof message.id !== 'number') return;
    const response = await dispatch(options.handlers, message.channel, message.request, options.onInternalError);
    const reply: WireMessage = { id: message.id, response };
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(reply));
  }

  /**
   * A request frame (save, save as, autosave of a large document: `shared/ipc-frame.ts`),
   * whole or in parts. A
   * frame whose header cannot be read has no id to answer: the socket is closed with the
   * reason (1007, invalid data), and the page's pending requests fail with a lost connection.
   */
  async function answerBinary(ws: WebSocket, bytes: Uint8Array): Promise<void> {
    let frame = bytes;
    if (isFramePart(bytes)) {
      let assembler = assemblers.get(ws);
      if (!assembler) assemblers.set(ws, (assembler = new FrameAssembler(MAX_MESSAGE_BYTES)));
      const part = assembler.add(bytes);
      if (part.kind === 'more') return;
      if (part.kind === 'error') {
        const response = { ok: false, error: { code: 'BAD_REQUEST', message: part.message } } as const;
        if (part.id === null) ws.close(1007, part.message.slice(0, 120));
        else if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: part.id, response } satisfies WireMessage));
        return;
      }
      frame = part.frame;
    }
    const { id, response } = await answerFrame(options.handlers, frame, options.onInternalError);
    if (ws.readyState !== ws.OPEN) return;
    if (id === null) {
      ws.close(1007, response.ok ? 'malformed request frame' : response.error.message.slice(0, 120));
      return;
    }
    ws.send(JSON.stringify({ id, response } satisfies WireMessage));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `${appOrigin(port)}/?token=${launchSecret}`,
    port,
    origin: appOrigin(port),
    broadcast(command) {
      const text = JSON.stringify({ command } satisfies WireMessage);
      for (const client of sockets.clients) if (client.readyState === client.OPEN) client.send(text);
    },
    sendEvent(event) {
      const text = JSON.stringify({ event } satisfies WireMessage);
      for (const client of sockets.clients) if (client.readyState === client.OPEN) client.send(text);
    },
    async close() {
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
