import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ Menu: {}, Tray: class {}, nativeImage: {} }));

const { countToday, resumeConfirmation, trayIconFile, trayModel } = await import('../../../electron/app/tray');

const running = { paused: false, reason: null, pauseKind: null, needsAttention: 0, clinicName: 'Maple' } as const;
const counts = { appointments: 12, confirmed: 5, contacted: 7, pending: 3 };
const labels = (m: ReturnType<typeof trayModel>) => m.items.map((i) => (i.type === 'separator' ? '—' : i.label));
const item = (m: ReturnType<typeof trayModel>, id: string) => m.items.find((i) => i.type === 'normal' && i.id === id);

describe('trayModel', () => {
  it('active: green icon, Pause enabled, Resume disabled, today counts shown', () => {
    const m = trayModel(running, counts);
    expect(m.icon).toBe('active');
    expect(m.tooltip).toBe('Frontdesk — Maple: Sending reminders');
    expect(item(m, 'pause')).toMatchObject({ enabled: true, label: 'Pause all contact' });
    expect(item(m, 'resume')).toMatchObject({ enabled: false });
    expect(labels(m)).toContain('Today: 12 appointments, 5 confirmed');
    expect(labels(m)).toContain('7 contacts made, 3 waiting');
    expect(item(m, 'open')).toMatchObject({ enabled: true });
    expect(item(m, 'quit')).toMatchObject({ enabled: true });
  });

  it('paused: paused icon with the kind of pause, Resume enabled, Pause disabled', () => {
    const m = trayModel({ ...running, paused: true, reason: 'breaker: 150 due', pauseKind: 'breaker', needsAttention: 4 }, counts);
    expect(m.icon).toBe('paused');
    expect(labels(m)[0]).toBe('All contact paused: safety breaker tripped');
    expect(labels(trayModel({ ...running, paused: true, reason: 'x', pauseKind: 'config' }, counts))[0]).toBe(
      'All contact paused: check the connection settings',
    );
    expect(labels(trayModel({ ...running, paused: true, reason: 'lunch', pauseKind: 'manual' }, counts))[0]).toBe('All contact paused');
    expect(item(m, 'pause')).toMatchObject({ enabled: false });
    expect(item(m, 'resume')).toMatchObject({ enabled: true });
  });

  it('texts at Twilio a stop could not cancel: attention icon and a count (never who), also while paused', () => {
    const row = { appointment: 'M1', patient: 'Ana Ruiz', to: '+12125550101', sendAt: null, providerId: 'SM1', error: 'x' };
    const m = trayModel({ ...running, sendAheadNotCancelled: [row, { ...row, appointment: 'M2' }] }, null);
    expect(m.icon).toBe('attention');
    expect(labels(m)).toContain('2 scheduled texts could not be cancelled at Twilio');
    expect(m.tooltip).toBe('Frontdesk — Maple: Sending reminders — 2 texts at Twilio not cancelled');
    expect(JSON.stringify(m)).not.toMatch(/Ana|\+1212/);
    const paused = trayModel({ ...running, paused: true, pauseKind: 'manual', reason: 'x', sendAheadNotCancelled: [row] }, null);
    expect(paused.icon).toBe('paused');
    expect(labels(paused)).toContain('1 scheduled text could not be cancelled at Twilio');
    expect(trayModel({ ...running, sendAheadNotCancelled: [] }, null).icon).toBe('active');
  });

  it('needs attention while running: attention icon and count', () => {
    const m = trayModel({ ...running, needsAttention: 1 }, null);
    expect(m.icon).toBe('attention');
    expect(labels(m)[0]).toBe('Sending — 1 item need attention');
    expect(labels(m).some((l) => l.startsWith('Today'))).toBe(false);
  });

  it('the sender is down: attention icon and an alarm headline; the at-risk count is a menu line (counts only)', () => {
    const down = { ...running, senderDown: { lastCycleAt: '2026-12-04T14:00:00Z', due: 3 } };
    const m = trayModel(down, counts, { atRisk: 4 });
    expect(m.icon).toBe('attention');
    expect(labels(m)[0]).toBe('Reminders are not being sent: no sending cycle for 5 minutes');
    expect(m.tooltip).toBe('Frontdesk — Maple: Reminders are not being sent: no sending cycle for 5 minutes');
    expect(labels(m)).toContain('4 reminders at risk while the desk is off');
    expect(labels(trayModel(running, counts, { atRisk: 0 })).some((l) => l.includes('at risk'))).toBe(false);
    // Paused still says paused: a paused engine is not a broken sender.
    expect(trayModel({ ...down, paused: true, pauseKind: 'manual' }, counts).icon).toBe('paused');
  });

  it('tooltip and menu hold no patient details, whatever the pause reason says (it is free text)', () => {
    const reason = 'Call Maria Gonzalez back on +12125550199 / maria.gonzalez@example.com';
    for (const pauseKind of ['manual', 'breaker', 'config', null] as const) {
      for (const needsAttention of [0, 3]) {
        const m = trayModel({ ...running, paused: pauseKind !== null, reason, pauseKind, needsAttention }, counts);
        const text = [m.tooltip, ...labels(m)].join('\n');
        for (const pii of ['Maria', 'Gonzalez', '2125550199', 'example.com']) expect(text).not.toContain(pii);
      }
    }
  });

  it('icon files follow the build/tray naming', () => {
    expect(trayIconFile('/r/tray', 'paused', 2)).toBe('/r/tray/tray-paused@2x.png');
    expect(trayIconFile('/r/tray', 'active', 1)).toBe('/r/tray/tray-active.png');
  });
});

describe('countToday and resumeConfirmation', () => {
  it('counts live appointments, confirmations, contacts made and waiting', () => {
    const c = (state: string) => ({ state }) as never;
    const rows = [
      { status: 'confirmed', contacts: [c('sent'), c('cancelled')] },
      { status: 'booked', contacts: [c('delivered'), c('pending'), c('unknown')] },
      { status: 'cancelled', contacts: [c('cancelled')] },
    ] as never;
    expect(countToday(rows)).toEqual({ appointments: 2, confirmed: 1, contacted: 3, pending: 1 });
  });

  it('says what a resume would release before anything is sent', () => {
    const item = {
      appointment: 'A',
      channel: 'sms',
      to: '+1',
      at: 'x',
      outcome: 'planned',
      rule: 'r',
      patient: 'P',
      startsAt: 'x',
    } as const;
    const r = resumeConfirmation({ waiting: [{ patient: 'P', to: '+1', items: [item, item] }], expiredOnResume: 3 });
    expect(r.detail).toBe('2 reminders to 1 patient can go out now. 3 stale reminders will be dropped, not sent.');
    expect(resumeConfirmation({ waiting: [], expiredOnResume: 0 }).detail).toBe('Nothing is waiting to be sent.');
  });
});

describe('trayModel: open at login', () => {
  it('a checkbox before Quit when the setting is known, reflecting it', () => {
    const on = trayModel(running, counts, { openAtLogin: true });
    const box = on.items.find((i) => i.type === 'checkbox');
    expect(box).toEqual({ type: 'checkbox', id: 'toggle-open-at-login', label: 'Open at login', checked: true });
    expect(on.items.indexOf(box!)).toBe(on.items.length - 2);
    expect(trayModel(running, counts, { openAtLogin: false }).items.find((i) => i.type === 'checkbox')).toMatchObject({ checked: false });
    expect(trayModel(running, counts).items.some((i) => i.type === 'checkbox')).toBe(false);
  });
});
