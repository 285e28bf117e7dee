import { randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The edit server's request checks, pure so they can be tested without a socket. The server
 * listens on 127.0.0.1 only, but that is not enough: any web page the user visits can make
 * the browser send requests to 127.0.0.1 (CSRF), and a DNS name rebound to 127.0.0.1 makes
 * them same-origin for that page (DNS rebinding). Hence: the Host header must name this
 * server, every request must carry the session token, and writes must come from our own page.
 */

/** Headers as node:http gives them. */
export type Headers = Record<string, string | string[] | undefined>;

/** A refusal: the status and the Danish text the user (or a developer's tool) sees. */
export interface Refusal { status: number; message: string }

/** 32 random bytes, base64url: printed once on stdout, then kept in an HttpOnly cookie. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The cookie's name carries the port: cookies are shared by all ports of a host, so two
 * edit sessions at once would otherwise overwrite each other's token.
 */
export function cookieName(port: number): string {
  return `delaftale-${port}`;
}

export function sessionCookie(port: number, token: string): string {
  return `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

function one(h: string | string[] | undefined): string | undefined {
  return Array.isArray(h) ? h[0] : h;
}

/** Only `127.0.0.1:PORT` and `localhost:PORT`: a rebound DNS name arrives with its own name as Host. */
export function checkHost(headers: Headers, port: number): Refusal | undefined {
  const host = one(headers.host)?.toLowerCase();
  if (host === `127.0.0.1:${port}` || host === `localhost:${port}`) return undefined;
  return { status: 421, message: `Afvist: forespørgslen er ikke til denne server (Host "${host ?? ''}"); åbn adressen, som delaftale edit skrev, fx http://127.0.0.1:${port}/.` };
}

/** The token from `?token=` or the session cookie. */
export function presentedToken(headers: Headers, query: URLSearchParams, port: number): string | undefined {
  const fromQuery = query.get('token');
  if (fromQuery !== null) return fromQuery;
  const cookie = one(headers.cookie);
  if (cookie === undefined) return undefined;
  const name = cookieName(port);
  for (const part of cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Constant-time comparison, so the token cannot be guessed a character at a time. */
export function tokenMatches(presented: string | undefined, token: string): boolean {
  if (presented === undefined) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function checkToken(headers: Headers, query: URLSearchParams, port: number, token: string): Refusal | undefined {
  if (tokenMatches(presentedToken(headers, query, port), token)) return undefined;
  return { status: 403, message: 'Afvist: adgangsnøglen mangler eller er forkert. Åbn den adresse med ?token=…, som delaftale edit skrev i terminalen.' };
}

/**
 * A write (POST) must be JSON and come from this server's own page. A cross-site form can
 * send only form or text content types, so requiring application/json also keeps out
 * simple CSRF; Origin and Sec-Fetch-Site, when the browser sends them, must say "here".
 */
export function checkWrite(headers: Headers, port: number): Refusal | undefined {
  const type = one(headers['content-type'])?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') return { status: 415, message: 'Afvist: en ændring skal sendes som JSON (Content-Type: application/json).' };
  const origin = one(headers.origin);
  if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
    return { status: 403, message: `Afvist: ændringer tages kun imod fra formularen selv, ikke fra ${origin}.` };
  }
  const site = one(headers['sec-fetch-site']);
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return { status: 403, message: 'Afvist: ændringer tages kun imod fra formularen selv, ikke fra en anden side.' };
  }
  return undefined;
}

/** Sent with every response: the page may load only its own files, nothing is cached, no referrer leaves. */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'self'; img-src 'self' data: blob:; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'",
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
};
