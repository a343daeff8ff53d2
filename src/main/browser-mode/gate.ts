import { randomBytes, timingSafeEqual } from 'node:crypto';

/** The only address browser mode listens on. */
export const LOOPBACK = '127.0.0.1';

/** A 256-bit secret, URL-safe. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison (security.md §1: `crypto.timingSafeEqual`). */
export function secretsEqual(given: string | undefined | null, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The `Host` header must name this server exactly: a page on another name that resolves
 * to 127.0.0.1 (DNS rebinding) sends its own name and is refused.
 */
export function hostAllowed(host: string | undefined, port: number): boolean {
  return host === `${LOOPBACK}:${port}`;
}

/** The app's own origin. */
export function appOrigin(port: number): string {
  return `http://${LOOPBACK}:${port}`;
}

/** An `Origin` header, when sent, must be the app's own. `required` for WebSocket upgrades (browsers always send one). */
export function originAllowed(origin: string | undefined, port: number, required: boolean): boolean {
  if (origin === undefined) return !required;
  return origin === appOrigin(port);
}

/**
 * The session cookie's name. Cookies are not separated by port, so two servers on
 * 127.0.0.1 would overwrite each other's under one name; the port keeps them apart.
 */
export function sessionCookieName(port: number): string {
  return `pc_session_${port}`;
}

/** Parses a `Cookie` header into name → value (first occurrence wins). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

/** `Set-Cookie` for the session: not readable by scripts, never sent by other sites. */
export function sessionCookie(port: number, value: string): string {
  return `${sessionCookieName(port)}=${value}; HttpOnly; SameSite=Strict; Path=/`;
}
