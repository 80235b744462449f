import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isCallName } from '../../../shared/api/contract';
import type { Result } from '../../../shared/api/result';
import { createHandlers, invokeChannel, type Handlers } from '../../core/api/handlers';
import type { FrontdeskServices } from '../../core/api/service-types';
import { silentLogger, type Logger } from '../../core/platform/logger';
import { isAllowedHost, isAllowedOrigin, requestToken, SECURITY_HEADERS, tokenMatches } from './guard';
import type { EngineEventSource } from '../../core/api/push-events';
import { openEventStream } from './sse';
import { serveStatic } from './static-files';

/** The desk session header (docs/staff.md#sessions); absent when nobody picked a name at that browser. */
export const STAFF_SESSION_HEADER = 'x-frontdesk-staff';

function staffSession(req: IncomingMessage): string | undefined {
  const value = req.headers[STAFF_SESSION_HEADER];
  return typeof value === 'string' && value.length <= 200 ? value : undefined;
}

/** Larger than the contract's CSV cap in UTF-8, small enough to refuse a memory attack. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

export type WebHostOptions = Readonly<{
  /** Either ready-made handlers or the services to build them from (actor 'web'). */
  handlers?: Handlers;
  services?: FrontdeskServices;
  events: EngineEventSource;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** 0 (default) = any free port. */
  port?: number;
  /** Fixed token for tests; by default a fresh random one per run. */
  token?: string;
  logger?: Logger;
}>;

export interface WebHost {
  /** The address to open, with the access token: http://127.0.0.1:PORT/?token=… */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly result: Result<never>,
  ) {
    super(result.ok ? '' : result.error.message);
  }
}

function fail(status: number, code: 'BAD_REQUEST' | 'UNAUTHORIZED' | 'NOT_FOUND', message: string): HttpError {
  return new HttpError(status, { ok: false, error: { code, message } });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(text);
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  // Requiring JSON also keeps cross-site "simple" form posts out (they cannot set this type without CORS).
  if (!type.startsWith('application/json')) throw fail(415, 'BAD_REQUEST', 'Send the request as application/json.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw fail(413, 'BAD_REQUEST', 'The request is too large.');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw fail(400, 'BAD_REQUEST', 'The request body is not valid JSON.');
  }
}

/**
 * The request target as a URL on this host. Only origin-form targets (`/path?query`) are accepted:
 * `//other/x` would otherwise be read as a different host and `http://…` as a proxy request.
 */
function parseRequestUrl(target: string | undefined, port: number): URL {
  if (!target?.startsWith('/')) throw fail(400, 'BAD_REQUEST', 'The request address is not valid.');
  try {
    return new URL(`http://127.0.0.1:${port}${target}`);
  } catch {
    throw fail(400, 'BAD_REQUEST', 'The request address is not valid.');
  }
}

/** The URL path with %-escapes decoded; 400 for a malformed escape such as `%zz` or a cut-off `%E0%A4%A`. */
function decodePath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    throw fail(400, 'BAD_REQUEST', 'The request address has a malformed %-escape.');
  }
}

/**
 * Local web host: the built renderer and the same API as IPC, on 127.0.0.1 only, behind a per-run
 * token (Bearer header, or ?token= for the SSE stream that EventSource cannot authorize otherwise).
 */
export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const logger = opts.logger ?? silentLogger;
  if (!opts.handlers && !opts.services) throw new Error('startWebHost needs handlers or services');
  const services = opts.services;
  // Built per request: the desk session header names who is at this browser (docs/staff.md#sessions).
  const handlersFor = (session: string | undefined): Handlers =>
    opts.handlers ?? createHandlers(services!, { actor: 'web', session: session || undefined });
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const streams = new Set<() => void>();
  let port = 0;

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, path: string): Promise<void> {
    const isEvents = path === '/api/events';
    if (!tokenMatches(requestToken(req.headers, url, isEvents), token)) {
      throw fail(401, 'UNAUTHORIZED', 'Missing or wrong access token. Open the address printed by `frontdesk serve`.');
    }
    if (isEvents) {
      if (req.method !== 'GET') throw fail(405, 'BAD_REQUEST', 'Use GET for /api/events.');
      const close = openEventStream(res, opts.events);
      streams.add(close);
      res.on('close', () => streams.delete(close));
      return;
    }
    if (req.method !== 'POST') throw fail(405, 'BAD_REQUEST', 'Use POST for API calls.');
    const call = path.slice('/api/'.length);
    const body = await readJsonBody(req);
    // An unknown call is a missing route (404); a call's own NOT_FOUND (no such appointment) is an answer (200).
    if (!isCallName(call)) throw fail(404, 'NOT_FOUND', `Unknown call ${call}`);
    const result = await invokeChannel(handlersFor(staffSession(req)), call, body, logger);
    // An admin-only call from a desk user is refused with 403, its reason in the body as usual.
    sendJson(res, !result.ok && result.error.code === 'FORBIDDEN' ? 403 : 200, result);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isAllowedHost(req.headers.host, port) || !isAllowedOrigin(req.headers.origin, port)) {
      res.writeHead(403, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' }).end('Forbidden host or origin.');
      return;
    }
    try {
      const url = parseRequestUrl(req.url, port);
      // Decoded once, here: a malformed %-escape is the client's mistake (400), never a crash (500).
      const path = decodePath(url.pathname);
      if (path === '/api' || path.startsWith('/api/')) return await handleApi(req, res, url, path);
      if (req.method !== 'GET' && req.method !== 'HEAD') throw fail(405, 'BAD_REQUEST', 'Method not allowed.');
      await serveStatic(opts.staticDir, path, res, req.method === 'HEAD');
    } catch (error) {
      if (error instanceof HttpError) return sendJson(res, error.status, error.result);
      logger.error('web host request failed', { stack: error instanceof Error ? error.stack : String(error) });
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong.' } });
      else res.end();
    }
  }

  // handle() answers every failure itself; the catch only guards against a bug in that path.
  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${encodeURIComponent(token)}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const close of streams) close();
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}
