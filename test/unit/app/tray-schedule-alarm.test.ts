import { describe, expect, it, vi } from 'vitest';
import type { SourceView } from '../../../shared/domain/sources';

vi.mock('electron', () => ({ Menu: {}, Tray: class {}, nativeImage: {} }));

const { readScheduleStale, trayModel, trayReader, SCHEDULE_STALE_LABEL } = await import('../../../electron/app/tray');

const running = { paused: false, reason: null, pauseKind: null, needsAttention: 0, clinicName: 'Maple' } as const;
const labels = (m: ReturnType<typeof trayModel>) => m.items.map((i) => (i.type === 'separator' ? '—' : i.label));
const source = (over: Partial<SourceView>): SourceView => ({
  id: 1,
  kind: 'folder',
  target: '/home/maria.lopez/exports',
  fullExport: false,
  profile: null,
  lastSyncAt: null,
  lastResult: 'Maria Lopez: 1 rejected',
  lastOutcome: 'imported',
  stale: false,
  expectedBy: null,
  held: null,
  errorsLast24h: 0,
  paused: null,
  ...over,
});

describe('tray: the stale-schedule alarm', () => {
  it('a stale schedule turns the icon to attention with fixed words (no path, no name)', () => {
    const m = trayModel(running, null, { scheduleStale: true });
    expect(m.icon).toBe('attention');
    expect(m.tooltip).toBe(`Frontdesk — Maple: ${SCHEDULE_STALE_LABEL}`);
    expect(labels(m)[0]).toBe(SCHEDULE_STALE_LABEL);
    expect(trayModel(running, null, { scheduleStale: false }).icon).toBe('active');
    expect(trayModel(running, null).icon).toBe('active');
  });

  it('while paused the icon says paused, and the menu still lists the stale schedule', () => {
    const m = trayModel({ ...running, paused: true, pauseKind: 'manual', reason: 'lunch' }, null, { scheduleStale: true });
    expect(m.icon).toBe('paused');
    expect(labels(m).slice(0, 2)).toEqual(['All contact paused', SCHEDULE_STALE_LABEL]);
  });

  it('reads the alarm from the sources: overdue or held raises it; a busy schedule leaves it off', () => {
    const held = { file: 'a.csv', at: '2026-11-26T06:00:00-05:00', wouldCancel: 9, ofAppointments: 10 };
    expect(readScheduleStale({ listSources: () => [source({})] })).toBe(false);
    expect(readScheduleStale({ listSources: () => [source({}), source({ id: 2, stale: true })] })).toBe(true);
    expect(readScheduleStale({ listSources: () => [source({ held })] })).toBe(true);
    expect(
      readScheduleStale({
        listSources: () => {
          throw new Error('database is locked');
        },
      }),
    ).toBe(false);
  });

  it('the tray reader passes the alarm with the status, and nothing from the source reaches the tray text', () => {
    const status = { ...running, paused: false, pausedAt: null, pausedBy: null } as never;
    const read = trayReader({
      status: () => status,
      today: () => [],
      coverage: () => ({ items: [] }) as never,
      listSources: () => [source({ stale: true })],
    });
    const { extra } = read();
    expect(extra.scheduleStale).toBe(true);
    const m = trayModel(running, null, extra);
    expect(JSON.stringify(m)).not.toMatch(/maria|lopez|exports/i);
  });
});
