import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebHost, STAFF_SESSION_HEADER, type WebHost } from '../../../electron/host/web/server';
import { createTestEngine, importRows, local, phone, type TestEngine } from '../../helpers/engine';

let engine: TestEngine | undefined;
let host: WebHost | undefined;
let root: string | undefined;
afterEach(async () => {
  await host?.close();
  engine?.cleanup();
  if (root) rmSync(root, { recursive: true, force: true });
  engine = host = root = undefined;
});

async function start(): Promise<{
  engine: TestEngine;
  call: (name: string, body: unknown, session?: string) => Promise<{ status: number; json: any }>;
}> {
  engine = createTestEngine({ now: local('2026-11-27 11:00') });
  root = mkdtempSync(join(tmpdir(), 'frontdesk-staff-host-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Frontdesk</title>');
  host = await startWebHost({ services: engine.services, events: engine.events, staticDir: root, port: 0 });
  const h = host;
  const call = async (name: string, body: unknown, session?: string) => {
    const res = await fetch(`http://127.0.0.1:${h.port}/api/${name}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${h.token}`,
        ...(session ? { [STAFF_SESSION_HEADER]: session } : {}),
      },
      body: JSON.stringify(body),
    });
    return { status: res.status, json: await res.json() };
  };
  return { engine, call };
}

describe('named staff through the web host', () => {
  it('the audit log says who paused, from which desk; without a session it says "web" as before', async () => {
    const { engine: e, call } = await start();
    await e.services.addStaff({ name: 'Maria', pin: '4821', actor: 'cli' });
    const users = (await call('staff:list', {})).json.value as { id: number; name: string; hasPin: boolean }[];
    expect(users).toEqual([{ id: 1, name: 'Maria', role: 'admin', hasPin: true }]);
    expect((await call('staff:sign-in', { userId: 1, pin: '9999', desk: 'desk 2' })).json).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED', message: 'wrong PIN for Maria' },
    });
    const signIn = (await call('staff:sign-in', { userId: 1, pin: '4821', desk: 'desk 2' })).json;
    expect(signIn).toMatchObject({ ok: true, value: { current: { actor: 'Maria (desk 2)', isAdmin: true } } });
    const session = signIn.value.session as string;
    expect((await call('staff:current', {}, session)).json.value).toMatchObject({ user: { name: 'Maria' }, desk: 'desk 2' });

    await call('engine:pause', { reason: 'Dr. Patel is late' }, session);
    await call('engine:resume', {});
    const audit = (await call('audit:list', { limit: 5 })).json.value as { kind: string; actor: string }[];
    expect(audit.slice(0, 2).map((a) => [a.kind, a.actor])).toEqual([
      ['resumed', 'web'],
      ['paused', 'Maria (desk 2)'],
    ]);
    expect(e.services.status().pausedBy).toBeNull();
  });

  it('confirm, undo and a scoped pause from the web carry the actor', async () => {
    const { engine: e, call } = await start();
    importRows(e, [{ id: 'A1', name: 'Ann', phone: phone(1), startsAt: '2026-11-28 10:00' }]);
    await e.services.addStaff({ name: 'Ravi', actor: 'cli' });
    const { session } = (await call('staff:sign-in', { userId: 1, desk: 'desk 1' })).json.value;
    const confirmed = (await call('appointments:confirm', { appointment: 'A1' }, session)).json.value;
    expect(confirmed.undo.undoId).toBeGreaterThan(0);
    expect((await call('appointments:undo', { undoId: confirmed.undo.undoId }, session)).json.value).toMatchObject({ status: 'booked' });
    expect(
      (await call('engine:pause-scope', { scope: { scope: 'provider', target: 'Dr. Patel' }, reason: 'out sick' }, session)).json.value
        .scopedPauses,
    ).toEqual([expect.objectContaining({ target: 'Dr. Patel', pausedBy: 'Ravi (desk 1)' })]);
    const kinds = ((await call('audit:list', { limit: 10 })).json.value as { kind: string; actor: string }[]).map(
      (a) => `${a.kind} by ${a.actor}`,
    );
    expect(kinds).toEqual(
      expect.arrayContaining([
        'scope_paused by Ravi (desk 1)',
        'appointment_confirm_undone by Ravi (desk 1)',
        'appointment_confirmed by Ravi (desk 1)',
      ]),
    );
  });

  it('a desk user, or nobody, changing limits or quiet hours gets 403 FORBIDDEN; an admin is allowed', async () => {
    const { engine: e, call } = await start();
    await e.services.addStaff({ name: 'Maria', actor: 'cli' });
    await e.services.addStaff({ name: 'Ravi', actor: 'cli', role: 'admin' });
    const desk = (await call('staff:sign-in', { userId: 2 })).json.value.session as string;
    const admin = (await call('staff:sign-in', { userId: 1 })).json.value.session as string;
    for (const session of [desk, undefined]) {
      const refused = await call('settings:update', { settings: { limits: { smsPerMinute: 30 } } }, session);
      expect(refused.status).toBe(403);
      expect(refused.json).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', message: expect.stringContaining('only an admin may') },
      });
    }
    expect((await call('staff:add', { name: 'Sam' }, desk)).status).toBe(403);
    expect((await call('settings:update', { settings: { name: 'Riverside Family' } }, desk)).json.ok).toBe(true);
    const allowed = await call('settings:update', { settings: { sendFrom: '09:00' } }, admin);
    expect(allowed.status).toBe(200);
    expect(allowed.json.value.sendFrom).toBe('09:00');
  });
});
