import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineEventBus } from '../../../electron/core/platform/engine-events';
import { startWebHost, type WebHost } from '../../../electron/host/web/server';
import { createFakeServices } from '../../helpers/host/fake-services';

type Raw = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** A raw HTTP request: fetch would normalise `..` and refuse to set Host. */
function raw(port: number, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('web host', () => {
  const root = mkdtempSync(join(tmpdir(), 'frontdesk-host-'));
  const staticDir = join(root, 'renderer');
  const services = createFakeServices();
  const events = new EngineEventBus();
  const logged: unknown[] = [];
  let host: WebHost;
  const call = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${host.port}/api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}`, ...headers },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    mkdirSync(join(staticDir, 'assets'), { recursive: true });
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Frontdesk</title>');
    writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(root, 'secret.txt'), 'TOP SECRET');
    host = await startWebHost({
      services,
      events,
      staticDir,
      port: 0,
      logger: { info() {}, warn() {}, error: (m, d) => logged.push({ m, d }) },
    });
  });
  afterAll(async () => {
    await host.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('binds 127.0.0.1 and prints a URL carrying a fresh random token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(40);
  });

  it('answers 401 without a token or with a wrong one', async () => {
    const none = await fetch(`http://127.0.0.1:${host.port}/api/engine:get-status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect((await call('engine:get-status', {}, { authorization: 'Bearer nope' })).status).toBe(401);
    // The query-string token is for SSE only; API calls need a header.
    const viaQuery = await fetch(`http://127.0.0.1:${host.port}/api/engine:get-status?token=${host.token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(viaQuery.status).toBe(401);
  });

  it('runs a call with a Bearer or x-frontdesk-token header and records the web actor', async () => {
    const res = await call('engine:pause', { reason: 'lunch' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, value: { paused: true, reason: 'lunch' } });
    expect(services.calls).toContainEqual({ method: 'pause', input: { reason: 'lunch', actor: 'web' } });
    const alt = await call('engine:get-status', {}, { authorization: '', 'x-frontdesk-token': host.token });
    expect(await alt.json()).toMatchObject({ ok: true, value: { paused: true } });
  });

  it('returns BAD_REQUEST as data for an invalid request and never calls the service', async () => {
    const before = services.calls.length;
    const res = await call('outbox:preview', { hours: 'soon' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; error: { code: string; message: string } };
    expect(body).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(body.error.message).toContain('hours');
    expect((await call('engine:pause', { reason: 'x', extra: 1 })).status).toBe(200);
    expect(services.calls.length).toBe(before);
  });

  it('rejects bad JSON, non-JSON bodies, GET and unknown channels', async () => {
    const badJson = await fetch(`http://127.0.0.1:${host.port}/api/engine:get-status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}` },
      body: '{',
    });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const form = await call('engine:get-status', {}, { 'content-type': 'text/plain' });
    expect(form.status).toBe(415);
    const get = await fetch(`http://127.0.0.1:${host.port}/api/engine:get-status`, { headers: { authorization: `Bearer ${host.token}` } });
    expect(get.status).toBe(405);
    const unknown = await call('engine:self-destruct', {});
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('maps UserError to its code and anything else to INTERNAL with a safe message, logging the stack', async () => {
    expect(await (await call('appointments:confirm', { appointment: 'A-404' })).json()).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No appointment A-404' },
    });
    const crash = (await (await call('appointments:cancel', { appointment: 'A-1' })).json()) as {
      error: { code: string; message: string };
    };
    expect(crash.error.code).toBe('INTERNAL');
    expect(crash.error.message).not.toContain('secret detail');
    expect(JSON.stringify(logged)).toContain('database is locked');
  });

  it('strips anything the contract does not name from responses (no secret reaches the page)', async () => {
    const body = await (await call('settings:get', {})).text();
    expect(body).toContain('Test Clinic');
    expect(body).not.toContain('SECRET');
    expect(await (await call('secrets:get-status', {})).json()).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });

  it('pushes engine events over SSE to a client with the token, and refuses one without', async () => {
    expect((await raw(host.port, '/api/events', { headers: { host: `127.0.0.1:${host.port}` } })).status).toBe(401);
    const received = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: `/api/events?token=${host.token}` }, (res) => {
        expect(res.headers['content-type']).toContain('text/event-stream');
        let buf = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buf += chunk;
          if (buf.includes(': connected')) events.emit({ type: 'paused', kind: 'breaker', reason: 'too many due' });
          if (buf.includes('event: engine:paused')) {
            req.destroy();
            resolve(buf);
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(received).toContain('event: engine:paused\ndata: {"kind":"breaker","reason":"too many due"}\n\n');
  });

  it('serves the renderer with a strict CSP and blocks directory traversal', async () => {
    const index = await raw(host.port, '/?token=abc', { headers: { host: `127.0.0.1:${host.port}` } });
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['referrer-policy']).toBe('no-referrer');
    expect((await raw(host.port, '/assets/app.js')).body).toBe('console.log(1)');
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/assets/%00x']) {
      const res = await raw(host.port, path);
      expect(res.status, path).toBe(404);
      expect(res.body).not.toContain('TOP SECRET');
    }
  });

  it('refuses foreign Host headers (DNS rebinding) and cross-origin requests', async () => {
    expect((await raw(host.port, '/', { headers: { host: `evil.example:${host.port}` } })).status).toBe(403);
    expect((await raw(host.port, '/', { headers: { host: `localhost:${host.port}` } })).status).toBe(200);
    const cross = await raw(host.port, '/api/engine:get-status', {
      method: 'POST',
      headers: { origin: 'http://evil.example', 'content-type': 'application/json', authorization: `Bearer ${host.token}` },
      body: '{}',
    });
    expect(cross.status).toBe(403);
    const same = await raw(host.port, '/api/engine:get-status', {
      method: 'POST',
      headers: { origin: `http://127.0.0.1:${host.port}`, 'content-type': 'application/json', authorization: `Bearer ${host.token}` },
      body: '{}',
    });
    expect(same.status).toBe(200);
  });
});
