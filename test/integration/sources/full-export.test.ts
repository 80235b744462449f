import { afterEach, describe, expect, it } from 'vitest';
import { importScheduleFile } from '../../../electron/core/api/import-schedule';
import { createTestEngine, local, outboxStates, phone, scheduleCsv, type CsvRow, type TestEngine } from '../../helpers/engine';

let engine: TestEngine;
afterEach(() => engine?.cleanup());

/** Ten appointments on Friday 27 and two on Saturday 28 November 2026. */
function week(): CsvRow[] {
  const friday = Array.from({ length: 10 }, (_, i) => ({
    id: `F-${i}`,
    name: `Friday Patient ${i}`,
    phone: phone(i),
    startsAt: `2026-11-27 ${String(8 + i).padStart(2, '0')}:00`,
  }));
  return [...friday, { id: 'S-1', name: 'Sat One', phone: phone(20), startsAt: '2026-11-28 09:00' }];
}

const full = (e: TestEngine, rows: readonly CsvRow[], extra: Record<string, unknown> = {}) =>
  importScheduleFile(e.db, e.clock.now(), { csv: scheduleCsv(rows), actor: 'test', fullExport: true, ...extra });

function status(e: TestEngine, id: string): string {
  return e.db.prepare(`SELECT status FROM appointments WHERE external_id = ?`).pluck().get(id) as string;
}

describe('full exports: the file is the whole schedule for its dates', () => {
  it('cancels the appointments on its dates that it leaves out, with their pending reminders, in the same import', async () => {
    engine = createTestEngine({ now: local('2026-11-25 07:00') });
    await full(engine, week());
    engine.services.plan();
    expect(outboxStates(engine.db).pending).toBeGreaterThan(0);
    engine.clock.set(local('2026-11-25 08:00'));
    // Friday's export without F-3: deleted in the practice system. Saturday is not in this file: untouched.
    const friday = week().filter((r) => r.startsAt.startsWith('2026-11-27') && r.id !== 'F-3');
    const { summary } = await full(engine, friday);
    expect(summary.fullExport).toEqual({ dates: ['2026-11-27'], missing: 1, cancelled: 1, ofAppointments: 10, held: false, reason: null });
    expect(status(engine, 'F-3')).toBe('cancelled');
    expect(status(engine, 'S-1')).toBe('booked');
    const pendingF3 = engine.db
      .prepare(
        `SELECT COUNT(*) FROM outbox o JOIN appointments a ON a.id = o.appointment_id WHERE a.external_id = 'F-3' AND o.state = 'pending'`,
      )
      .pluck()
      .get();
    expect(pendingF3).toBe(0);
    expect(summary.remindersCancelled).toBeGreaterThan(0);
  });

  it('holds a file that would cancel more than 20 %: nothing applied, audited; approving applies it', async () => {
    engine = createTestEngine({ now: local('2026-11-25 07:00') });
    await full(engine, week());
    const before = engine.db.prepare(`SELECT external_id, status, updated_at FROM appointments ORDER BY id`).all();
    // A truncated Friday export: 7 of 10 rows, and one new appointment that must not be applied either.
    const truncated = [...week().slice(0, 7), { id: 'F-NEW', name: 'New Patient', phone: phone(30), startsAt: '2026-11-27 18:00' }];
    const held = (await full(engine, truncated)).summary;
    expect(held).toMatchObject({ created: 0, updated: 0, unchanged: 0 });
    expect(held.fullExport).toMatchObject({ held: true, missing: 3, cancelled: 0, ofAppointments: 10 });
    expect(held.fullExport?.reason).toMatch(/would cancel 3 of the 10 appointments on its dates \(30 %, more than 20 %\)/);
    expect(engine.db.prepare(`SELECT external_id, status, updated_at FROM appointments ORDER BY id`).all()).toEqual(before);
    expect(engine.services.auditLog({}).map((e) => e.kind)).toContain('full_export_held');

    const approved = (await full(engine, truncated, { approveCancellations: true })).summary;
    expect(approved).toMatchObject({ created: 1, unchanged: 7 });
    expect(approved.fullExport).toMatchObject({ held: false, cancelled: 3 });
    expect(['F-7', 'F-8', 'F-9'].map((id) => status(engine, id))).toEqual(['cancelled', 'cancelled', 'cancelled']);
  });

  it('2 of 10 missing (20 %) is applied; a row it could not identify stops all cancellations, not the import', async () => {
    engine = createTestEngine({ now: local('2026-11-25 07:00') });
    await full(engine, week());
    const eight = week().slice(0, 8);
    expect((await full(engine, eight, { dryRun: true })).summary.fullExport).toMatchObject({ missing: 2, cancelled: 2, held: false });
    // A malformed row (too few fields) might be one of the missing appointments: nothing is cancelled.
    const csv = `${scheduleCsv(eight)}F-8,Friday Patient 8\n`;
    const { summary } = await importScheduleFile(engine.db, engine.clock.now(), { csv, actor: 'test', fullExport: true });
    expect(summary.fullExport).toMatchObject({ cancelled: 0, held: false });
    expect(summary.warnings?.join(' ')).toMatch(/1 row\(s\) of the file could not be read well enough/);
    expect(status(engine, 'F-8')).toBe('booked');
  });
});
