import { afterEach, describe, expect, it } from 'vitest';
import type { ClinicSettings, Limits } from '../../../shared/domain/dto';
import type { Channel, OutboxState } from '../../../shared/domain/types';
import type { WritableDB } from '../../../electron/core/db/connection';
import { getClinicSettings } from '../../../electron/core/clinic/clinic-settings';
import { insertOutboxRow } from '../../../electron/core/db/repos/outbox-repo';
import { breakerReason } from '../../../electron/core/outbox/breaker';
import { HOUR_MS } from '../../../electron/core/platform/clock';
import { e164 } from '../../helpers/engine';
import { NOW, NUMBER, planningAppointment, scheduleDb } from './fixtures';

/**
 * The backlog breaker (docs/safeguards.md): the due set against what the schedule can account for, and
 * the due texts and calls per number. Defaults: factor 2, 25 rows of slack, 6 due per number.
 */
interface DueRows {
  readonly n: number;
  readonly channel?: Channel;
  /** One number for all of them (a pile for one recipient); else a distinct number each. */
  readonly recipient?: string;
  readonly notBefore?: number;
  readonly expiresAt?: number;
  readonly state?: OutboxState;
}

interface Case {
  readonly name: string;
  /** Appointments tomorrow 10:00 (inside the planning horizon of the default 48 h rule). */
  readonly appointments: number;
  readonly startsAt?: string;
  readonly rows: readonly DueRows[];
  readonly limits?: Partial<Limits>;
  readonly rules?: (rules: ClinicSettings['rules']) => ClinicSettings['rules'];
  readonly expected: string | null;
}

const CASES: readonly Case[] = [
  { name: 'nothing due', appointments: 1, rows: [], expected: null },
  { name: 'one due step per appointment', appointments: 3, rows: [{ n: 3 }], expected: null },
  { name: 'exactly factor × predicted + slack is still fine', appointments: 1, rows: [{ n: 27 }], expected: null },
  {
    name: 'one more than factor × predicted + slack trips',
    appointments: 1,
    rows: [{ n: 28 }],
    expected: '28 reminders are due at once but the schedule accounts for at most 1',
  },
  {
    name: 'appointments beyond the longest rule offset account for nothing',
    appointments: 1,
    startsAt: '2026-12-10 10:00',
    rows: [{ n: 26 }],
    expected: '26 reminders are due at once but the schedule accounts for at most 0',
  },
  {
    name: 'appointments inside the last-step cutoff account for nothing',
    appointments: 1,
    startsAt: '2026-11-27 11:20',
    rows: [{ n: 26 }],
    expected: '26 reminders are due at once but the schedule accounts for at most 0',
  },
  {
    name: 'a disabled rule shortens the horizon',
    appointments: 1,
    startsAt: '2026-11-28 12:00', // 25 h ahead: only the 48 h email rule reaches it
    rows: [{ n: 26 }],
    rules: (rules) => rules.map((r) => (r.channel === 'email' ? { ...r, enabled: false } : r)),
    expected: '26 reminders are due at once but the schedule accounts for at most 0',
  },
  { name: 'rows not yet due do not count', appointments: 0, rows: [{ n: 40, notBefore: NOW + HOUR_MS }], expected: null },
  { name: 'rows whose window closed do not count', appointments: 0, rows: [{ n: 40, expiresAt: NOW }], expected: null },
  { name: 'rows no longer pending do not count', appointments: 0, rows: [{ n: 40, state: 'sent' }], expected: null },
  {
    name: 'the factor and slack come from the settings',
    appointments: 1,
    rows: [{ n: 2 }],
    limits: { breakerFactor: 1, breakerMinDue: 0 },
    expected: '2 reminders are due at once but the schedule accounts for at most 1',
  },
  { name: 'six due texts for one number (a family) are fine', appointments: 6, rows: [{ n: 6, recipient: NUMBER }], expected: null },
  {
    name: 'seven due texts and calls for one number trip',
    appointments: 7,
    rows: [
      { n: 4, recipient: NUMBER },
      { n: 3, recipient: NUMBER, channel: 'voice' },
    ],
    expected: `7 texts or calls are due for one number (${NUMBER}); the limit is 3 a week`,
  },
  {
    name: 'emails to one address never trip the per-number check',
    appointments: 7,
    rows: [{ n: 7, recipient: 'family@example.com', channel: 'email' }],
    expected: null,
  },
  {
    name: 'the per-number limit comes from the settings',
    appointments: 2,
    rows: [{ n: 2, recipient: NUMBER }],
    limits: { breakerMaxDuePerRecipient: 1 },
    expected: `2 texts or calls are due for one number (${NUMBER}); the limit is 3 a week`,
  },
];

const opened: WritableDB[] = [];
afterEach(() => {
  while (opened.length > 0) opened.pop()!.close();
});

function seedRows(db: WritableDB, appointmentId: number, rows: readonly DueRows[]): void {
  let key = 0;
  for (const r of rows) {
    for (let i = 0; i < r.n; i += 1) {
      key += 1;
      const channel = r.channel ?? 'sms';
      insertOutboxRow(
        db,
        {
          // Distinct keys for one appointment: the non-idempotent filler the breaker exists for.
          key: `bogus-${key}`,
          appointmentId,
          ruleId: `${channel}-rule`,
          channel,
          recipient: r.recipient ?? (channel === 'email' ? `p${key}@example.com` : e164(100 + key)),
          notBefore: r.notBefore ?? NOW - HOUR_MS,
          expiresAt: r.expiresAt ?? NOW + 10 * HOUR_MS,
          state: 'pending',
          reason: null,
        },
        NOW,
      );
    }
  }
  const ended = rows.filter((r) => r.state && r.state !== 'pending');
  if (ended.length > 0) db.prepare(`UPDATE outbox SET state = ?`).run(ended[0]!.state);
}

describe('breakerReason', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    // A1 always exists (the due rows belong to it); it counts as an appointment only when asked for.
    const db = scheduleDb(Math.max(0, c.appointments - 1), c.startsAt);
    opened.push(db);
    const appt = planningAppointment(db);
    if (c.appointments === 0) db.prepare(`UPDATE appointments SET status = 'cancelled'`).run();
    seedRows(db, appt.id, c.rows);
    const base = getClinicSettings(db);
    const settings = { ...base, limits: { ...base.limits, ...c.limits }, rules: c.rules ? c.rules(base.rules) : base.rules };
    expect(breakerReason(db, NOW, settings)).toBe(c.expected);
  });
});
