import { DateTime } from 'luxon';
import type { AtRiskReminder, CoverageSource, DeskCalendar } from '../../electron/core/coverage/send-ahead/deps';
import type { ReadableDB } from '../../electron/core/db/types';
import type { Channel } from '../../shared/domain/types';

/**
 * A test-local stand-in for coverage (electron/core/coverage, built separately): desk hours "Mon-Fri 07:30-18:00"
 * in one zone, and "at risk" = no instant of the send window (stepped every 5 minutes) is both desk time and
 * between 08:00 and 21:00 in that zone. Send-ahead only sees the injected interface (coverage/send-ahead/deps.ts).
 */
const STEP = 5 * 60_000;

export function weekdayDesk(zone: string, open = '07:30', close = '18:00'): DeskCalendar {
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  const isDeskTime = (ms: number): boolean => {
    const t = DateTime.fromMillis(ms, { zone });
    const m = t.hour * 60 + t.minute;
    return t.weekday <= 5 && m >= minutes(open) && m < minutes(close);
  };
  return {
    isDeskTime,
    nextOffStartMs: (now) => {
      const start = Math.ceil(now / STEP) * STEP;
      if (!isDeskTime(now)) return now;
      for (let t = start; t < now + 8 * 86_400_000; t += STEP) if (!isDeskTime(t)) return t;
      return null;
    },
  };
}

function allowed(ms: number, zone: string): boolean {
  const h = DateTime.fromMillis(ms, { zone }).hour;
  return h >= 8 && h < 21;
}

export function fakeCoverage(zone: string, desk: DeskCalendar = weekdayDesk(zone)): CoverageSource & { calls: number } {
  const source = {
    calls: 0,
    deskCalendar: () => desk,
    quitCalendar: () => desk,
    listAtRisk: (db: ReadableDB, input: { nowMs: number; horizonMs: number; desk: DeskCalendar }): AtRiskReminder[] => {
      source.calls += 1;
      const rows = db
        .prepare(
          `SELECT o.id, o.channel, o.not_before, o.expires_at, a.external_id FROM outbox o JOIN appointments a ON a.id = o.appointment_id
           WHERE o.state = 'pending' AND o.not_before < ? AND o.expires_at > ? ORDER BY o.not_before, o.id`,
        )
        .all(input.nowMs + input.horizonMs, input.nowMs) as {
        id: number;
        channel: Channel;
        not_before: number;
        expires_at: number;
        external_id: string;
      }[];
      return rows
        .filter((r) => {
          for (let t = Math.max(r.not_before, input.nowMs); t < r.expires_at; t += STEP)
            if (input.desk.isDeskTime(t) && allowed(t, zone)) return false;
          return true;
        })
        .map((r) => ({
          outboxId: r.id,
          appointmentId: r.external_id,
          channel: r.channel,
          dueAtMs: r.not_before,
          windowEndMs: r.expires_at,
          reason: 'whole send window in off time',
        }));
    },
  };
  return source;
}
