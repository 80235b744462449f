import type { CustomScheme, Protocol } from 'electron';
import { promises as fsp } from 'node:fs';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import { APP_CSP } from '../../shared/util/csp';

/**
 * The renderer is served from app://frontdesk/, a privileged custom scheme, instead of file://
 * (Electron security checklist 18). Only files inside the built renderer folder are served, and every
 * response carries the app's CSP. See docs/desktop-shell.md "Protocol".
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'frontdesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the window loads in production and in `electron .` without a dev server. */
export const APP_PAGE_URL = `${APP_ORIGIN}/index.html`;

/**
 * standard: relative URLs and a real origin (so CSP 'self' and the IPC origin check mean app://frontdesk);
 * secure: a secure context like https; supportFetchAPI: the page may fetch its own files; codeCache:
 * V8 caches our scripts (needs standard). Deliberately not bypassCSP, corsEnabled or allowServiceWorkers.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, codeCache: true } as const;

export type AppPathResult =
  | Readonly<{ ok: true; segments: readonly string[] }>
  | Readonly<{ ok: false; status: 400 | 403 | 404 | 405; reason: string }>;

// A decoded segment may not be a dot segment, carry a separator, a NUL or other control character,
// or a drive letter / alternate data stream (':'), on any OS.
const SEPARATOR_OR_COLON = /[/\\:]/;

/** True for a NUL or other control character (U+0000–U+001F, U+007F) anywhere in the text. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 0x1f || code === 0x7f) return true;
  }
  return false;
}

function isBadSegment(segment: string): boolean {
  return segment === '.' || segment === '..' || SEPARATOR_OR_COLON.test(segment) || hasControlCharacter(segment);
}

/**
 * Which file of the renderer folder a request URL names, as path segments (pure: no file system).
 * `/` is index.html. Anything that could leave the folder once decoded is refused, not normalised.
 */
export function resolveAppPath(url: string, method = 'GET'): AppPathResult {
  if (method !== 'GET' && method !== 'HEAD') return { ok: false, status: 405, reason: `method ${method} not allowed` };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, status: 400, reason: 'not a URL' };
  }
  if (parsed.protocol !== `${APP_SCHEME}:`) return { ok: false, status: 400, reason: 'not an app: URL' };
  if (parsed.hostname !== APP_HOST || parsed.port !== '' || parsed.username !== '' || parsed.password !== '') {
    return { ok: false, status: 403, reason: 'unknown host' };
  }
  const segments: string[] = [];
  for (const raw of parsed.pathname.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { ok: false, status: 400, reason: 'malformed %-encoding' };
    }
    if (isBadSegment(segment)) {
      return { ok: false, status: 403, reason: 'path leaves the app folder' };
    }
    segments.push(segment);
  }
  return { ok: true, segments: segments.length === 0 ? ['index.html'] : segments };
}

/** True when `candidate` lies strictly inside `root` (both absolute and already resolved). */
export function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** Content-Type by extension; unknown types are opaque bytes (with nosniff, never run as script). */
export function mimeTypeFor(file: string): string {
  return MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers on every app:// response, errors included. */
export function appResponseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': APP_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  };
}

/** The file-system calls the handler needs (node:fs/promises in the app, which also reads inside app.asar). */
export type AppFiles = Readonly<{
  realpath(path: string): Promise<string>;
  readFile(path: string): Promise<Uint8Array<ArrayBuffer>>;
}>;

/** node:fs, looked up at call time so Electron's asar-aware functions are the ones called. */
export const nodeAppFiles: AppFiles = { realpath: (path) => fsp.realpath(path), readFile: (path) => fsp.readFile(path) };

type RequestLike = Readonly<{ url: string; method: string; initiatorOrigin?: string | null }>;

function refuse(status: number, reason: string): Response {
  return new Response(`${status} ${reason}`, { status, headers: appResponseHeaders('text/plain; charset=utf-8') });
}

/**
 * The protocol.handle('app') handler: resolves the URL (above), then follows symlinks and serves the
 * file only if its real path is still inside the renderer folder's real path.
 */
export function createAppProtocolHandler(opts: Readonly<{ root: string; files: AppFiles }>) {
  const { root, files } = opts;
  return async (request: RequestLike): Promise<Response> => {
    // Electron sets initiatorOrigin when web content made the request (null for an opaque origin) and
    // leaves it out when the browser did (loadURL): only our own page may load our files.
    const initiator = request.initiatorOrigin;
    if (initiator !== undefined && initiator !== APP_ORIGIN) return refuse(403, 'forbidden');
    const resolved = resolveAppPath(request.url, request.method);
    if (!resolved.ok) return refuse(resolved.status, resolved.reason);
    let body: Uint8Array<ArrayBuffer>;
    let real: string;
    try {
      const realRoot = await files.realpath(root);
      real = await files.realpath(join(realRoot, ...resolved.segments));
      if (!isInside(realRoot, real)) return refuse(403, 'path leaves the app folder');
      body = await files.readFile(real);
    } catch {
      return refuse(404, 'not found'); // missing, a directory, or unreadable
    }
    const headers = appResponseHeaders(mimeTypeFor(real));
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  };
}

/** Before app 'ready' (Electron allows this call once): app:// is standard and secure. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  const scheme: CustomScheme = { scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } };
  protocol.registerSchemesAsPrivileged([scheme]);
}

/** After 'ready': serves the built renderer folder on app://frontdesk/ for the default session. */
export function serveAppProtocol(protocol: Pick<Protocol, 'handle'>, root: string, files: AppFiles = nodeAppFiles): void {
  const handler = createAppProtocolHandler({ root, files });
  protocol.handle(APP_SCHEME, (request) => handler(request as unknown as RequestLike));
}
