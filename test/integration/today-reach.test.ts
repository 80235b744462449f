import { afterEach, describe, expect, it } from 'vitest';
import { importScheduleWithAudit } from '../../electron/core/api/import-schedule';
import type { TodayAppointment } from '../../shared/domain/dto';
import { createTestEngine, local, phone, type TestEngine } from '../helpers/engine';

let engine: TestEngine | undefined;
afterEach(() => {
  engine?.cleanup();
  engine = undefined;
});

const HEADER = 'external_id,patient_name,phone,email,starts_at,sms_consent,voice_consent';

function setUp(lines: string[], now = local('2026-11-26 07:00')): TestEngine {
  const e = createTestEngine({ now });
  importScheduleWithAudit(e.db, e.clock.now(), { csv: `${[HEADER, ...lines].join('\n')}\n`, actor: 'test' });
  e.services.plan();
  return e;
}

const byId = (rows: TodayAppointment[], id: string) => rows.find((a) => a.appointment === id)!;
const step = (a: TodayAppointment, channel: string) => a.contacts.find((c) => c.channel === channel)!;

describe('Today: who will not be reached, and when reminders really go', () => {
  it('a call planned in quiet hours says it will expire; a text planned in quiet hours says when it really goes', () => {
    engine = setUp([`EARLY,Ana Diaz,${phone(1)},,2026-11-28 07:00,,`]);
    const a = byId(engine.services.today({ date: '2026-11-28' }), 'EARLY');
    // The call's step opens at 05:00, before quiet hours end (08:00), and its window closes at 06:30.
    expect(step(a, 'voice')).toMatchObject({ state: 'pending', at: '2026-11-28T05:00:00-05:00' });
    expect(step(a, 'voice').forecast).toMatchObject({ kind: 'end', state: 'expired', reason: 'quiet hours' });
    // The text's step opens at 07:00 the day before: it really goes at 08:00.
    expect(step(a, 'sms').forecast).toEqual({ kind: 'send', at: '2026-11-27T08:00:00-05:00', state: null, reason: 'quiet hours' });
    // The text goes, so the patient is reached.
    expect(a.notReached).toBeNull();
  });

  it('no consent for texts and calls: needs attention with the reason', () => {
    engine = setUp([`NC,James Carter,${phone(2)},,2026-11-28 10:30,no,no`, `OK,Maria Lopez,${phone(3)},,2026-11-28 11:00,,`]);
    const rows = engine.services.today({ date: '2026-11-28' });
    expect(byId(rows, 'NC').notReached).toBe('SMS: no consent for sms; Call: no consent for voice');
    expect(byId(rows, 'OK').notReached).toBeNull();
  });

  it('a number shared by a family: the daily cap leaves the second appointment unreached, with the reason', () => {
    engine = setUp([`F1,Rosa Diaz,${phone(4)},,2026-11-28 10:00,,`, `F2,Leo Diaz,${phone(4)},,2026-11-28 10:00,,`]);
    const rows = engine.services.today({ date: '2026-11-28' });
    const reached = [byId(rows, 'F1'), byId(rows, 'F2')].filter((a) => a.notReached === null);
    const lost = [byId(rows, 'F1'), byId(rows, 'F2')].filter((a) => a.notReached !== null);
    expect(reached).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.notReached).toMatch(/SMS: will not go \(daily contact limit for this number\)/);
    expect(lost[0]!.notReached).toMatch(/Call: will not go \((daily|weekly) contact limit for this number\)/);
    // Same rules as the dispatcher's: preview (planner + final checks) sends texts and calls only to the reached one.
    const phoneSends = engine.services.preview({ hours: 72 }).filter((p) => p.channel !== 'email');
    expect(new Set(phoneSends.map((p) => p.appointment))).toEqual(new Set([reached[0]!.appointment]));
  });

  it('every step already expired: says so; confirmed, cancelled or past appointments need no one reached', () => {
    engine = setUp(
      [
        `GONE,Ann Ray,${phone(5)},,2026-11-26 09:00,,`,
        `CONF,Tom Becker,${phone(6)},,2026-11-26 12:00,,`,
        `PAST,Eve Stone,${phone(7)},,2026-11-26 06:00,,`,
      ],
      local('2026-11-26 07:00'),
    );
    engine.services.confirm({ appointment: 'CONF', actor: 'desk' });
    engine.clock.set(local('2026-11-26 08:45'));
    const rows = engine.services.today({});
    // Imported two hours before: the text's window had closed (never planned); the call's closed at 08:30.
    expect(byId(rows, 'GONE').notReached).toBe('Call: will expire (send window closed)');
    expect(byId(rows, 'CONF').notReached).toBeNull();
    expect(byId(rows, 'PAST').notReached).toBeNull();
  });
});
