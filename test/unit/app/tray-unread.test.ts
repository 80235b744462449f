import { describe, expect, it, vi } from 'vitest';
import { AT_RISK_REFRESH_MS, trayModel, trayReader } from '../../../electron/app/tray';

vi.mock('electron', () => ({ Menu: {}, Tray: class {}, nativeImage: {} }));

const status = { paused: false, reason: null, pauseKind: null, needsAttention: 0, clinicName: 'Riverside Clinic' } as const;

describe('tray: unread patient replies', () => {
  it('shows the count only, and an item that opens the window', () => {
    const model = trayModel(status, null, { unreadReplies: 3 });
    expect(model.tooltip).toBe('Frontdesk — Riverside Clinic: Sending reminders · 3 unread patient replies');
    expect(model.items).toContainEqual({ type: 'normal', id: 'open', label: '3 unread patient replies…', enabled: true });
    expect(trayModel(status, null, { unreadReplies: 1 }).tooltip).toMatch(/1 unread patient reply$/);
  });

  it('says nothing when every reply was read', () => {
    const model = trayModel(status, null, { unreadReplies: 0 });
    expect(model.tooltip).toBe('Frontdesk — Riverside Clinic: Sending reminders');
    expect(JSON.stringify(model.items)).not.toMatch(/repl/);
  });

  it('reads the count from the engine; never a name, number or text', () => {
    const read = trayReader({
      status: () => ({ ...status, outbox: {}, transport: 'simulate', timezone: 'UTC' }) as never,
      today: () => [],
      coverage: () => ({ items: [] }) as never,
      listSources: () => [],
      conversations: { unreadCount: () => ({ unread: 2, toResolve: 1 }) } as never,
    });
    const state = read();
    expect(state.extra.unreadReplies).toBe(2);
    const model = trayModel(state.status, state.counts, { unreadReplies: state.extra.unreadReplies });
    expect(JSON.stringify(model)).not.toMatch(/\+1|555|Maria/);
  });
});

describe('tray: the at-risk count is reused for a minute', () => {
  it('a burst of engine events reads the coverage report once; a minute later it reads it again', () => {
    let t = 0;
    let reads = 0;
    const read = trayReader(
      {
        status: () => ({ ...status, outbox: {}, transport: 'simulate', timezone: 'UTC' }) as never,
        today: () => [],
        coverage: () => {
          reads += 1;
          return { items: [{}, {}] } as never;
        },
        listSources: () => [],
      },
      () => t,
    );
    for (let i = 0; i < 5; i += 1) expect(read().extra.atRisk).toBe(2);
    expect(reads).toBe(1);
    t = AT_RISK_REFRESH_MS;
    read();
    expect(reads).toBe(2);
  });
});
