import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { FaultAction, FaultRule, Faults } from './faults';
import { one, parseParams, type Params } from './http-util';
import { handleRest } from './rest-routes';
import { callJson, errorBody, messageJson } from './shapes';
import type { FakeState } from './state';
import type { FakeStudio } from './studio';
import type { ApiError, ValidateOptions } from './validate';

export interface LoggedRequest {
  method: string;
  /** The real Twilio host from X-Original-Host. */
  host: string;
  path: string;
  query: Params;
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
  form: Params;
}

export interface ServerDeps {
  state: FakeState;
  studio: FakeStudio;
  faults: Faults;
  log: LoggedRequest[];
  accountSid: string;
  credentials: Map<string, string>;
  vopts: ValidateOptions;
  advance(ms: number): void;
  resetClock(): void;
  /** Gates of `hold` faults: opened by the test, each releases every request waiting on it. */
  gates: Gates;
}

/** Named gates that held requests wait on; opening one releases its waiters and lets later ones through. */
export class Gates {
  private readonly open = new Set<string>();
  private readonly waiting = new Map<string, (() => void)[]>();

  wait(gate: string): Promise<void> {
    if (this.open.has(gate)) return Promise.resolve();
    return new Promise((resolve) => this.waiting.set(gate, [...(this.waiting.get(gate) ?? []), resolve]));
  }

  release(gate: string): void {
    this.open.add(gate);
    for (const resolve of this.waiting.get(gate) ?? []) resolve();
    this.waiting.delete(gate);
  }

  /** How many requests wait on `gate` now. */
  held(gate: string): number {
    return this.waiting.get(gate)?.length ?? 0;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (status === 204) {
    res.writeHead(204).end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

const isError = (r: { status: number; body?: unknown } | ApiError): r is ApiError => 'code' in r;

function authorized(req: IncomingMessage, creds: Map<string, string>): boolean {
  const m = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
  if (!m?.[1]) return false;
  const [user, ...rest] = Buffer.from(m[1], 'base64').toString('utf8').split(':');
  return user !== undefined && creds.has(user) && creds.get(user) === rest.join(':');
}

/** The HTTP front of the fake: control API, request log, auth, faults, then the REST or Studio routes. */
export function createFakeServer(d: ServerDeps): Server {
  return createServer((req, res) => {
    handle(d, req, res).catch((e: unknown) => send(res, 500, errorBody(500, 20500, String(e))));
  });
}

async function handle(d: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const rawBody = await readBody(req);
  const method = (req.method ?? 'GET').toUpperCase();
  if (url.pathname.startsWith('/__fake/')) return control(d, method, url.pathname.slice(8), rawBody, res);
  const host = String(req.headers['x-original-host'] ?? 'api.twilio.com');
  const query = parseParams(url.search.slice(1));
  const form = parseParams(rawBody);
  d.log.push({ method, host, path: url.pathname, query, headers: { ...req.headers }, rawBody, form });
  if (!authorized(req, d.credentials)) return send(res, 401, errorBody(401, 20003, 'Authenticate'));
  const fault = d.faults.take({ method, host, path: url.pathname, to: one(form, 'To') ?? one(query, 'To') });
  if (fault && (await applyFault(d, fault, req, res))) return;
  const reply =
    host === 'studio.twilio.com'
      ? d.studio.handle(method, url.pathname, form, query)
      : host === 'api.twilio.com'
        ? handleRest(d.state, d.accountSid, d.vopts, method, url.pathname, form, query)
        : { status: 404, code: 20404, message: `Unknown host ${host}` };
  if (fault?.kind === 'accept_then_drop') {
    req.socket.destroy();
    return;
  }
  if (isError(reply)) send(res, reply.status, errorBody(reply.status, reply.code, reply.message));
  else send(res, reply.status, reply.body);
}

/** Returns true when the fault answered (or killed) the request, false to serve it normally afterwards. */
async function applyFault(d: ServerDeps, f: FaultAction, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  switch (f.kind) {
    case 'error':
      send(res, f.status, errorBody(f.status, f.code ?? f.status * 100, f.message ?? `Fault ${f.status}`));
      return true;
    case 'html': {
      const html = '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>';
      res.writeHead(f.status ?? 502, { 'Content-Type': 'text/html' }).end(html);
      return true;
    }
    case 'delay':
      await sleep(f.ms);
      if (f.thenProcess) return false;
      req.socket.destroy();
      return true;
    case 'hold':
      await d.gates.wait(f.gate);
      return false;
    case 'drop':
      req.socket.destroy();
      return true;
    case 'accept_then_drop':
      return false;
  }
}

function control(d: ServerDeps, method: string, path: string, raw: string, res: ServerResponse): void {
  const body = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
  const str = (k: string): string | undefined => (typeof body[k] === 'string' ? (body[k] as string) : undefined);
  const num = (k: string): number | undefined => (typeof body[k] === 'number' ? (body[k] as number) : undefined);
  let m: RegExpExecArray | null;
  d.state.sync();
  if (method === 'POST' && path === 'inbound') {
    const msg = d.state.inbound(str('from') ?? '', str('to') ?? d.vopts.owned[0] ?? '', str('body') ?? '', num('at'));
    return send(res, 200, messageJson(d.accountSid, msg));
  }
  if (method === 'POST' && path === 'advance') {
    d.advance(num('ms') ?? 0);
    d.state.sync();
    return send(res, 200, { now: d.state.clock.now() });
  }
  if (method === 'POST' && (m = /^message\/(SM\w+)\/status$/.exec(path))) {
    const msg = d.state.messages.find((x) => x.sid === m?.[1]);
    if (!msg) return send(res, 404, { error: 'no such message' });
    d.state.setMessageStatus(msg, str('status') ?? 'delivered', num('errorCode') ?? null);
    return send(res, 200, messageJson(d.accountSid, msg));
  }
  if (method === 'POST' && (m = /^call\/((?:CA|FN)\w+)\/outcome$/.exec(path))) {
    const sid = m[1]?.startsWith('FN') ? d.studio.executionBySid(m[1])?.callSid : m[1];
    const call = d.state.calls.find((c) => c.sid === sid);
    if (!call) return send(res, 404, { error: 'no such call' });
    d.state.finishCall(call, {
      status: str('status') ?? 'completed',
      answeredBy: str('answeredBy'),
      digits: str('digits'),
      duration: num('duration'),
      notificationCode: str('notificationCode'),
    });
    return send(res, 200, callJson(d.accountSid, call));
  }
  if (method === 'POST' && (m = /^gates\/([\w-]+)$/.exec(path))) {
    d.gates.release(m[1]!);
    return send(res, 200, { released: m[1] });
  }
  if (method === 'GET' && (m = /^gates\/([\w-]+)$/.exec(path))) return send(res, 200, { held: d.gates.held(m[1]!) });
  if (method === 'POST' && path === 'faults') {
    const rules = (Array.isArray(body.rules) ? body.rules : [body]) as FaultRule[];
    rules.forEach((r) => d.faults.add(r));
    return send(res, 200, { ok: true });
  }
  if (method === 'DELETE' && path === 'faults') {
    d.faults.clear();
    return send(res, 200, { ok: true });
  }
  if (method === 'GET' && path === 'requests') return send(res, 200, d.log);
  if (method === 'GET' && path === 'state') {
    return send(res, 200, { now: d.state.clock.now(), messages: d.state.messages, calls: d.state.calls, optOuts: [...d.state.optOuts] });
  }
  if (method === 'POST' && path === 'reset') {
    d.state.reset();
    d.studio.reset();
    d.faults.clear();
    d.log.length = 0;
    d.resetClock();
    return send(res, 200, { ok: true });
  }
  send(res, 404, { error: `unknown control ${method} ${path}` });
}
