import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineEventBus } from '../../../electron/core/platform/engine-events';
import { startWebHost, type WebHost } from '../../../electron/host/web/server';
import { createFakeServices } from '../../helpers/host/fake-services';
import { NodeEventSource } from '../../helpers/host/node-event-source';

type Raw = { status: number; type: string; body: string };

/** A raw HTTP request: fetch would re-encode the path and hide what the server really receives. */
function raw(port: number, path: string, method: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }));
    });
    req.on('error', reject);
    req.end(method === 'POST' ? '{}' : undefined);
  });
}

/** Anything that looks like a JavaScript stack frame or an internal error class. */
const STACK_LIKE = /\n\s+at |URIError|TypeError|\.ts:\d+/;

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('web host: malformed addresses', () => {
  const root = mkdtempSync(join(tmpdir(), 'frontdesk-host-hardening-'));
  const logged: unknown[] = [];
  let host: WebHost;
  beforeAll(async () => {
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Frontdesk</title>');
    host = await startWebHost({
      services: createFakeServices(),
      events: new EngineEventBus(),
      staticDir: root,
      logger: { info() {}, warn() {}, error: (m, d) => logged.push({ m, d }) },
    });
  });
  afterAll(async () => {
    await host.close();
    rmSync(root, { recursive: true, force: true });
  });

  const MALFORMED = ['/api/%E0%A4%A', '/api/%zz', '/api/engine:get-status%', '/%zz', '/assets/%E0%A4%A.js', '/%'];

  it.each(MALFORMED.flatMap((path) => ['GET', 'POST', 'HEAD'].map((method) => [method, path] as const)))(
    '%s %s → 400 with a JSON error, no stack trace',
    async (method, path) => {
      const res = await raw(host.port, path, method, { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' });
      expect(res.status).toBe(400);
      expect(res.type).toContain('application/json');
      if (method !== 'HEAD') {
        expect(JSON.parse(res.body)).toEqual({
          ok: false,
          error: { code: 'BAD_REQUEST', message: 'The request address has a malformed %-escape.' },
        });
        expect(res.body).not.toMatch(STACK_LIKE);
      }
    },
  );

  it('answers a proxy-style absolute target with 400, and a well-formed one as before', async () => {
    const absolute = await raw(host.port, `http://127.0.0.1:${host.port}/`, 'GET');
    expect(absolute.status).toBe(400);
    expect(absolute.body).not.toMatch(STACK_LIKE);
    expect((await raw(host.port, '/', 'GET')).status).toBe(200);
    // %-escapes that decode fine still work (the channel name is decoded once).
    const ok = await raw(host.port, '/api/engine%3Aget-status', 'POST', {
      authorization: `Bearer ${host.token}`,
      'content-type': 'application/json',
    });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true });
  });

  it('logs nothing as a crash for a malformed address (it is the client’s mistake)', () => {
    expect(logged).toEqual([]);
  });
});

describe('web host: many event-stream clients', () => {
  const CLIENTS = 50;
  const events = new EngineEventBus();
  let host: WebHost;
  const warnings: Error[] = [];
  const onWarning = (w: Error) => warnings.push(w);
  beforeAll(async () => {
    process.on('warning', onWarning);
    host = await startWebHost({ services: createFakeServices(), events, staticDir: tmpdir() });
  });
  afterAll(async () => {
    process.off('warning', onWarning);
    await host.close();
  });

  it(`${CLIENTS} SSE clients connect with no warning, all get each event, and their listeners go when they leave`, async () => {
    const before = events.listenerCount();
    const clients = Array.from(
      { length: CLIENTS },
      () => new NodeEventSource(`http://127.0.0.1:${host.port}/api/events?token=${host.token}`),
    );
    const received = clients.map(() => [] as string[]);
    clients.forEach((c, i) => c.addEventListener('engine:paused', (e) => received[i]!.push(e.data)));
    expect(await Promise.all(clients.map((c) => c.opened))).toEqual(Array(CLIENTS).fill(200));
    await until(() => events.listenerCount() === before + CLIENTS, 'every stream to subscribe');

    events.emit({ type: 'paused', kind: 'manual', reason: 'lunch' });
    await until(() => received.every((r) => r.length === 1), 'every client to receive the push');
    expect(new Set(received.map((r) => r[0]))).toEqual(new Set(['{"kind":"manual","reason":"lunch"}']));
    // Warnings are emitted on the next tick; give them one before looking.
    await new Promise((r) => setImmediate(r));
    expect(warnings.map((w) => `${w.name}: ${w.message}`)).toEqual([]);

    for (const c of clients.slice(0, CLIENTS / 2)) c.close();
    await until(() => events.listenerCount() === before + CLIENTS / 2, 'half the listeners to be removed');
    for (const c of clients.slice(CLIENTS / 2)) c.close();
    await until(() => events.listenerCount() === before, 'every listener to be removed');
  });
});
