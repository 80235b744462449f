import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { APP_CSP } from '../../../shared/util/csp';

/** Hosts the web host answers to; anything else is a DNS-rebinding attempt or a misdirected request. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** True when the Host header names this server (defeats DNS rebinding: evil.example → 127.0.0.1). */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host !== undefined && allowedHosts(port).includes(host.toLowerCase());
}

/** True when there is no Origin (same-origin GET, curl) or it is this server's own origin. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return allowedHosts(port).some((h) => origin.toLowerCase() === `http://${h}`);
}

/** Constant-time token comparison. */
export function tokenMatches(given: string | null | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token of an API request: `Authorization: Bearer …` or `x-frontdesk-token`; `?token=` only when allowed (SSE). */
export function requestToken(headers: IncomingHttpHeaders, url: URL, allowQuery: boolean): string | null {
  const auth = headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length).trim();
  const custom = headers['x-frontdesk-token'];
  if (typeof custom === 'string') return custom;
  return allowQuery ? url.searchParams.get('token') : null;
}

/** The Content-Security-Policy for every page the host serves: the app's one policy. */
export const CONTENT_SECURITY_POLICY = APP_CSP;

/** Headers on every response: no sniffing, no framing, and no Referer (the page URL may carry the token). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};
