import { describe, expect, it, vi } from 'vitest';
import { csv, dumpSchedule, HEADER, importCsv, newDb, NOW } from './helpers';

// Lets one test make the outbox sync (the last step inside the import transaction) blow up.
const syncFailure = vi.hoisted(() => ({ armed: false }));
vi.mock('../../../electron/core/outbox/schedule-sync', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../electron/core/outbox/schedule-sync')>();
  return {
    syncOutboxForAppointments: (...args: Parameters<typeof real.syncOutboxForAppointments>): number => {
      if (syncFailure.armed) throw new Error('disk on fire');
      return real.syncOutboxForAppointments(...args);
    },
  };
});

const FIRST = csv(
  HEADER,
  'A1,Maria Lopez,(212) 555-0101,,2026-11-27 09:00,30,Dr. Patel,booked',
  'A2,James Carter,(646) 555-0102,,2026-11-27 10:00,30,Dr. Patel,booked',
);
// Updates both existing rows, adds patients and appointments, then hits the poisoned row last.
const SECOND = csv(
  HEADER,
  'A1,Maria Lopez,(212) 555-0199,,2026-11-27 09:00,30,Dr. Patel,cancelled',
  'A2,James Carter,(646) 555-0102,,2026-11-27 13:00,30,Dr. Patel,booked',
  'A3,New Patient,(718) 555-0103,,2026-11-27 11:00,30,Dr. Patel,booked',
  'BOOM,Another New,(718) 555-0104,,2026-11-27 12:00,30,Dr. Patel,booked',
);

describe('importScheduleCsv: crash safety', () => {
  it('an error thrown mid-import leaves the database exactly as before', () => {
    const db = newDb();
    importCsv(db, FIRST);
    db.exec(`CREATE TRIGGER boom BEFORE INSERT ON appointments WHEN NEW.external_id = 'BOOM'
             BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
    const before = dumpSchedule(db);
    expect(() => importCsv(db, SECOND, NOW + 1)).toThrow('injected failure');
    expect(db.inTransaction).toBe(false);
    expect(dumpSchedule(db)).toEqual(before);
    db.exec('DROP TRIGGER boom');
    expect(importCsv(db, SECOND, NOW + 2)).toMatchObject({ created: 2, updated: 2 });
  });

  it('a failure in the outbox sync rolls the schedule changes back too', () => {
    const db = newDb();
    importCsv(db, FIRST);
    const before = dumpSchedule(db);
    syncFailure.armed = true;
    try {
      expect(() => importCsv(db, SECOND, NOW + 1)).toThrow('disk on fire');
    } finally {
      syncFailure.armed = false;
    }
    expect(dumpSchedule(db)).toEqual(before);
  });
});
