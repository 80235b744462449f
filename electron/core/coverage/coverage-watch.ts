import { getClinicSettings } from '../clinic/clinic-settings';
import type { ReadableDB } from '../db/types';
import type { Clock } from '../platform/clock';
import { HOUR_MS, MINUTE_MS } from '../platform/clock';
import type { EngineEventBus } from '../platform/engine-events';
import { listAtRisk } from './at-risk';
import { deskCalendarFor } from './calendar-for';
import type { DeskCalendar } from './desk-calendar';
import { senderDownAlarm } from './sender-alarm';

/** The at-risk notice comes this long before the desk's usual end of day. */
export const AT_RISK_NOTICE_BEFORE_MS = HOUR_MS;
/** How far ahead the notice counts: the off period and the day after it (a weekend). */
const NOTICE_HORIZON_MS = 72 * HOUR_MS;
/** The desk calendar is worked out again at most this often (learning reads the heartbeat history). */
const CALENDAR_TTL_MS = 10 * MINUTE_MS;

/**
 * Runs every minute in a long-running engine (docs/coverage.md): raises "the sender is down" when it starts and
 * says when it ends (status carries it; the window, the web host and the tray show it), and once per desk day,
 * an hour before the desk usually goes off, says how many reminders are at risk. Events carry counts only.
 */
export class CoverageWatch {
  private senderDown = false;
  private noticeFor: number | null = null;
  private calendar: { at: number; desk: DeskCalendar } | undefined;

  constructor(private readonly deps: { db: ReadableDB; clock: Clock; events: EngineEventBus }) {}

  tick(): void {
    const now = this.deps.clock.now();
    this.checkSender(now);
    this.checkCoverage(now);
  }

  private checkSender(now: number): void {
    const alarm = senderDownAlarm(this.deps.db, now);
    if ((alarm !== null) === this.senderDown) return;
    this.senderDown = alarm !== null;
    if (alarm) {
      const since = `${Math.floor((now - alarm.lastCycleAt) / MINUTE_MS)} minutes`;
      this.deps.events.emit({
        type: 'attention',
        kind: 'sender_down',
        message: `No sending cycle has run for ${since} while ${alarm.due} reminder(s) are due`,
      });
    }
    this.deps.events.emit({ type: 'changed', topics: ['status'] });
  }

  private checkCoverage(now: number): void {
    const desk = this.desk(now);
    const off = desk.nextOffStartMs(now);
    if (off === null || off === now || off - now > AT_RISK_NOTICE_BEFORE_MS || off === this.noticeFor) return;
    this.noticeFor = off;
    const count = listAtRisk(this.deps.db, { nowMs: now, horizonMs: NOTICE_HORIZON_MS, desk }).length;
    if (count === 0) return;
    this.deps.events.emit({
      type: 'attention',
      kind: 'coverage_at_risk',
      message: `${count} reminder(s) fall due while this computer is expected to be off`,
    });
  }

  private desk(now: number): DeskCalendar {
    if (!this.calendar || now - this.calendar.at > CALENDAR_TTL_MS || now < this.calendar.at) {
      this.calendar = { at: now, desk: deskCalendarFor(this.deps.db, getClinicSettings(this.deps.db), now) };
    }
    return this.calendar.desk;
  }
}
