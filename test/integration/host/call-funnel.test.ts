import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineEventBus } from '../../../electron/core/platform/engine-events';
import { createHandlers, invokeChannel, type Handlers } from '../../../electron/core/api/handlers';
import { silentLogger } from '../../../electron/core/platform/logger';
import { UserError } from '../../../electron/core/platform/errors';
import { startWebHost, type WebHost } from '../../../electron/host/web/server';
import { callNames, isCallName } from '../../../shared/api/contract';
import { ErrorCodeSchema } from '../../../shared/api/result';
import { createFakeServices } from '../../helpers/host/fake-services';

const handlers = () => createHandlers(createFakeServices(), { actor: 'desk' });

describe('the call funnel (invokeChannel)', () => {
  it('passes every error code of the one shared list from a UserError to the caller unchanged', async () => {
    for (const code of ErrorCodeSchema.options) {
      const failing: Handlers = {
        ...handlers(),
        'engine:get-status': () => {
          throw new UserError(code, `failed with ${code}`);
        },
      };
      expect(await invokeChannel(failing, 'engine:get-status', {}, silentLogger)).toEqual({
        ok: false,
        error: { code, message: `failed with ${code}` },
      });
    }
  });

  it('answers UNAVAILABLE for credentials on a host without a secrets store', async () => {
    expect(await invokeChannel(handlers(), 'secrets:get-status', {}, silentLogger)).toEqual({
      ok: false,
      error: { code: 'UNAVAILABLE', message: 'Credentials can only be changed in the Frontdesk desktop app.' },
    });
  });

  it('answers NOT_FOUND for a name that is not a call, including inherited object keys', async () => {
    for (const name of ['engine:self-destruct', 'constructor', '__proto__', 'toString', 42, null]) {
      expect(isCallName(name)).toBe(false);
      expect(await invokeChannel(handlers(), name, {}, silentLogger)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    expect(callNames.every(isCallName)).toBe(true);
  });

  it('names a service the fake services do not fake, as an internal error', async () => {
    const services = createFakeServices();
    expect(() => (services as unknown as { notAMethod(): void }).notAMethod()).toThrow(/no fake for notAMethod/);
    expect('then' in services && typeof (services as { then?: unknown }).then === 'function').toBe(false);
  });
});

describe('handler types (checked by tsc -b, which npm test runs)', () => {
  it('refuse a missing, an unknown or a mistyped call', () => {
    const complete = handlers();
    const { 'audit:list': _audit, ...withoutAudit } = complete;
    // @ts-expect-error a contract call without a handler
    const missing: Handlers = withoutAudit;
    // @ts-expect-error a handler whose result is not the contract's response
    const mistyped = { ...complete, 'audit:list': () => 42 } satisfies Handlers;
    // @ts-expect-error a handler for a call the contract does not have
    const unknown = { ...complete, 'audit:lst': () => [] } satisfies Handlers;
    // @ts-expect-error a handler reading a request field the call does not have
    const wrongField = { ...complete, 'outbox:preview': ({ days }) => new Array(days) } satisfies Handlers;
    expect([missing, mistyped, unknown, wrongField].every(Boolean)).toBe(true);
  });
});

describe('web host routing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'frontdesk-funnel-'));
  let host: WebHost;
  const post = (path: string) =>
    fetch(`http://127.0.0.1:${host.port}/api/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}` },
      body: JSON.stringify({ appointment: 'A-9' }),
    });
  beforeAll(async () => {
    writeFileSync(join(dir, 'index.html'), '<!doctype html>');
    const answersUnknownCaller: Handlers = {
      ...handlers(),
      'appointments:confirm': () => {
        throw new UserError('NOT_FOUND', 'Unknown caller: no appointment A-9');
      },
    };
    host = await startWebHost({ handlers: answersUnknownCaller, events: new EngineEventBus(), staticDir: dir });
  });
  afterAll(async () => {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 404 for a name that is not a call, and 200 for a call whose answer is NOT_FOUND, whatever its message', async () => {
    for (const name of ['engine:self-destruct', 'constructor', '__proto__']) {
      const res = await post(name);
      expect(res.status, name).toBe(404);
      expect(await res.json()).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: `Unknown call ${name}` } });
    }
    const answered = await post('appointments:confirm');
    expect(answered.status).toBe(200);
    expect(await answered.json()).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'Unknown caller: no appointment A-9' } });
  });
});
