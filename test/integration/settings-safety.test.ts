import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers, invokeChannel } from '../../electron/core/api/handlers';
import { silentLogger } from '../../electron/core/platform/logger';
import { startWebHost, type WebHost } from '../../electron/host/web/server';
import { createTestEngine, local, type TestEngine } from '../helpers/engine';

let engine: TestEngine | undefined;
let host: WebHost | undefined;
afterEach(async () => {
  await host?.close();
  engine?.cleanup();
  engine = undefined;
  host = undefined;
});

function setup() {
  engine = createTestEngine({ now: local('2026-11-26 09:00') });
  const desk = createHandlers(engine.services, { actor: 'desk' });
  const ipc = (channel: string, req: unknown) => invokeChannel(desk, channel, req, silentLogger);
  return { engine, ipc };
}

async function startHost(e: TestEngine): Promise<(channel: string, body: unknown) => Promise<unknown>> {
  host = await startWebHost({ services: e.services, events: e.events, staticDir: e.file });
  const h = host;
  return async (channel, body) => {
    const res = await fetch(`http://127.0.0.1:${h.port}/api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${h.token}` },
      body: JSON.stringify(body),
    });
    return res.json();
  };
}

const unsafeAudit = (e: TestEngine) => e.services.auditLog({}).filter((a) => a.kind === 'settings_unsafe_confirmed');

describe('settings: unknown keys', () => {
  it('an unknown key, top-level or nested, is an error everywhere and saves nothing', async () => {
    const { engine: e, ipc } = setup();
    const before = e.services.getSettings();
    expect(await ipc('settings:update', { settings: { limits: { smsPerDy: 5 } } })).toEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', message: 'settings.limits: Unrecognized key: "smsPerDy"' },
    });
    expect(await ipc('settings:update', { settings: { quietFrom: '09:00' } })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await ipc('settings:update', { settings: { rules: [{ ...before.rules[0], channnel: 'sms' }] } })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await ipc('settings:update', { settings: { templates: { smss: 'x' } } })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    const http = await startHost(e);
    expect(await http('settings:update', { settings: { limits: { smsPerDy: 5 } } })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('smsPerDy') },
    });
    // The services themselves refuse it too (the CLI and scripts call them without the contract).
    await expect(e.services.updateSettings({ settings: { limits: { smsPerDy: 5 } } as never, actor: 'cli' })).rejects.toThrow(
      'unknown setting "limits.smsPerDy"',
    );
    await expect(e.services.updateSettings({ settings: { nmae: 'x' } as never, actor: 'cli' })).rejects.toThrow('unknown setting "nmae"');
    expect(e.services.getSettings()).toEqual(before);
    // A partial limits change that changes nothing is not recorded as a change.
    const changes = () => e.services.auditLog({}).filter((a) => a.kind === 'settings_changed' && a.actor === 'desk').length;
    expect(await ipc('settings:update', { settings: { limits: { smsOrCallPerDay: before.limits.smsOrCallPerDay } } })).toMatchObject({
      ok: true,
    });
    expect(changes()).toBe(0);
    // A partial limits change is fine and merges key by key.
    expect(await ipc('settings:update', { settings: { limits: { smsOrCallPerWeek: 2 } } })).toMatchObject({
      ok: true,
      value: { limits: { ...before.limits, smsOrCallPerWeek: 2 } },
    });
    expect(changes()).toBe(1);
  });
});

describe('settings: unsafe values', () => {
  it('refuses a night-time window and an absurd breaker from any client, even when "confirmed"', async () => {
    const { engine: e, ipc } = setup();
    const before = e.services.getSettings();
    const night = await ipc('settings:update', { settings: { sendFrom: '05:00' }, confirmUnsafe: ['sendFrom'] });
    expect(night).toMatchObject({
      ok: false,
      error: { code: 'SAFEGUARD_BLOCKED', message: expect.stringContaining('before 07:00 is night') },
    });
    const http = await startHost(e);
    const breaker = await http('settings:update', {
      settings: { limits: { breakerFactor: 1e9 } },
      confirmUnsafe: ['limits.breakerFactor'],
    });
    expect(breaker).toMatchObject({
      ok: false,
      error: { code: 'SAFEGUARD_BLOCKED', message: expect.stringContaining('limits.breakerFactor') },
    });
    expect(await http('settings:update', { settings: { limits: { callsPerAppointment: 2 } } })).toMatchObject({
      ok: false,
      error: { code: 'SAFEGUARD_BLOCKED' },
    });
    expect(await http('settings:update', { settings: { limits: { lastStepCutoffMinutes: 0 } } })).toMatchObject({
      ok: false,
      error: { code: 'SAFEGUARD_BLOCKED' },
    });
    expect(e.services.getSettings()).toEqual(before);
    expect(unsafeAudit(e)).toEqual([]);
  });

  it('a change past the usual bounds needs a second call naming it, which is audited with who and what', async () => {
    const { engine: e } = setup();
    const http = await startHost(e);
    const change = { settings: { sendUntil: '21:30', limits: { smsOrCallPerDay: 2 } } };
    const check = await http('settings:check-safety', change);
    expect(check).toMatchObject({
      ok: true,
      value: {
        refused: [],
        needsConfirmation: [
          { setting: 'sendUntil', value: '21:30' },
          { setting: 'limits.smsOrCallPerDay', value: '2' },
        ],
      },
    });
    const first = await http('settings:update', change);
    expect(first).toMatchObject({
      ok: false,
      error: { code: 'SAFEGUARD_BLOCKED', message: expect.stringContaining('needs confirmation') },
    });
    const partly = await http('settings:update', { ...change, confirmUnsafe: ['sendUntil'] });
    expect(partly).toMatchObject({
      ok: false,
      error: { code: 'SAFEGUARD_BLOCKED', message: expect.stringContaining('limits.smsOrCallPerDay') },
    });
    expect(e.services.getSettings().sendUntil).toBe('21:00');
    expect(unsafeAudit(e)).toEqual([]);

    const confirmed = await http('settings:update', { ...change, confirmUnsafe: ['sendUntil', 'limits.smsOrCallPerDay'] });
    expect(confirmed).toMatchObject({ ok: true, value: { sendUntil: '21:30', limits: { smsOrCallPerDay: 2 } } });
    expect(unsafeAudit(e)).toEqual([
      expect.objectContaining({
        actor: 'web',
        detail: {
          confirmed: [
            { setting: 'sendUntil', from: '21:00', to: '21:30', warning: expect.stringContaining('usual end of calling hours') },
            { setting: 'limits.smsOrCallPerDay', from: 1, to: 2, warning: expect.stringContaining('FCC healthcare exemption') },
          ],
        },
      }),
    ]);
    // Saving the same values again is not a new unsafe change: nothing to confirm.
    expect(await http('settings:update', change)).toMatchObject({ ok: true });
  });

  it('check-safety saves nothing', async () => {
    const { engine: e, ipc } = setup();
    const before = e.services.getSettings();
    expect(await ipc('settings:check-safety', { settings: { sendFrom: '06:00', limits: { smsPerMinute: 120 } } })).toMatchObject({
      ok: true,
      value: { refused: [{ setting: 'sendFrom' }], needsConfirmation: [{ setting: 'limits.smsPerMinute' }] },
    });
    expect(e.services.getSettings()).toEqual(before);
  });
});
