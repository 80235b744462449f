import { realpath, readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './guard';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * Resolves a URL path, already %-decoded by the server (once: decoding twice would turn `%252e`
 * into `.`), to a file inside `root`, or null when it would leave it (`..`, backslashes, NUL,
 * symlinks pointing out). `/` is index.html.
 */
export async function resolveStaticPath(root: string, decoded: string): Promise<string | null> {
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) return null;
  const rel = segments.length === 0 ? 'index.html' : segments.join(sep);
  try {
    const realRoot = await realpath(root);
    const real = await realpath(resolve(realRoot, rel));
    return real.startsWith(realRoot + sep) ? real : null;
  } catch {
    return null;
  }
}

/** Serves one file of the built renderer (decoded path) with the CSP; 404 for anything else. */
export async function serveStatic(root: string, urlPath: string, res: ServerResponse, headOnly: boolean): Promise<void> {
  const file = await resolveStaticPath(root, urlPath);
  const body = file ? await readFile(file).catch(() => null) : null;
  if (!file || !body) {
    const missingApp = urlPath === '/' ? ' The renderer is not built: run `npm run build:renderer`.' : '';
    res.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' }).end(`Not found.${missingApp}`);
    return;
  }
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  const headers: Record<string, string> = { ...SECURITY_HEADERS, 'content-type': type, 'content-length': String(body.length) };
  if (type.startsWith('text/html')) {
    headers['content-security-policy'] = CONTENT_SECURITY_POLICY;
    headers['cache-control'] = 'no-store';
  }
  res.writeHead(200, headers).end(headOnly ? undefined : body);
}
