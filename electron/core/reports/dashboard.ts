import type { Confirmations, Dashboard, NoShows, OutcomeCounts, ReminderOutcome, RemindersByChannel } from '../../../shared/domain/reports';
import type { Channel, OutboxState } from '../../../shared/domain/types';
import type { ReadableDB } from '../db/types';
import { getClinicSettings } from '../clinic/clinic-settings';
import {
  appointmentFactsBetween,
  confirmationActorsBetween,
  ledgerFactsBetween,
  outboxOutcomesForAppointmentsBetween,
  type AppointmentFactRow,
  type OutboxOutcomeRow,
} from '../db/repos/reports-repo';
import { isoInZone } from '../api/time-format';
import { DAY_MS } from '../platform/clock';
import { assertNever } from '../platform/errors';
import { contactsPerDay } from './contacts-per-day';
import { estimateCost } from './cost';
import { dayIndex, dayRange, widenedBefore, type DayRange } from './range';
import { getReportSettings } from './report-settings';

const CHANNELS: readonly Channel[] = ['email', 'sms', 'voice'];
const OUTCOMES: readonly ReminderOutcome[] = ['delivered', 'sent', 'failed', 'unknown', 'suppressed', 'expired', 'not_needed', 'pending'];
/** Confirmations are looked up in the audit log from this long before the range (people confirm ahead). */
const CONFIRMATION_LOOKBACK_MS = 120 * DAY_MS;

/** Where a reminder in this outbox state ended up; null for superseded rows (not counted). */
export function reminderOutcome(state: OutboxState): ReminderOutcome | null {
  switch (state) {
    case 'delivered':
    case 'sent':
    case 'unknown':
    case 'suppressed':
    case 'expired':
      return state;
    case 'failed':
    case 'undelivered':
      return 'failed';
    case 'cancelled':
      return 'not_needed';
    case 'pending':
    case 'sending':
    case 'scheduled':
      return 'pending';
    case 'superseded':
      return null;
    default:
      return assertNever(state);
  }
}

/** The dashboard over whole clinic days [from, to] (default: the last 30 days). Every definition: docs/reports.md. */
export function buildDashboard(
  db: ReadableDB,
  now: number,
  input: Readonly<{ from?: string | undefined; to?: string | undefined }>,
): Dashboard {
  const settings = getClinicSettings(db);
  const zone = settings.timezone;
  const range = dayRange(input.from, input.to, now, zone);
  const wide = widenedBefore(range, 6, zone);
  const ledger = ledgerFactsBetween(db, wide.fromMs, wide.toMs);
  const appointments = appointmentFactsBetween(db, range.fromMs, range.toMs);
  return {
    from: range.from,
    to: range.to,
    timezone: zone,
    generatedAt: isoInZone(now, zone),
    reminders: remindersByChannel(outboxOutcomesForAppointmentsBetween(db, range.fromMs, range.toMs)),
    confirmations: confirmations(db, appointments, range),
    noShows: noShows(appointments, now),
    contactsPerDay: {
      capPerDay: settings.limits.smsOrCallPerDay,
      capPerWeek: settings.limits.smsOrCallPerWeek,
      days: contactsPerDay(ledger, range, wide, settings.limits.smsOrCallPerDay),
    },
    cost: estimateCost(ledger, range, getReportSettings(db).prices),
  };
}

function emptyCounts(): OutcomeCounts {
  return Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as OutcomeCounts;
}

function remindersByChannel(rows: readonly OutboxOutcomeRow[]): Dashboard['reminders'] {
  const byChannel = new Map<Channel, RemindersByChannel>(
    CHANNELS.map((channel) => [channel, { channel, total: 0, outcomes: emptyCounts() }]),
  );
  const suppressed = new Map<string, { channel: Channel; reason: string; count: number }>();
  for (const row of rows) {
    const outcome = reminderOutcome(row.state);
    if (outcome === null) continue;
    const entry = byChannel.get(row.channel)!;
    entry.total += row.n;
    entry.outcomes[outcome] += row.n;
    if (outcome !== 'suppressed') continue;
    const reason = row.reason ?? 'no reason recorded';
    const key = `${row.channel}\u0000${reason}`;
    const item = suppressed.get(key) ?? { channel: row.channel, reason, count: 0 };
    item.count += row.n;
    suppressed.set(key, item);
  }
  return { byChannel: [...byChannel.values()], suppressed: [...suppressed.values()].sort((a, b) => b.count - a.count) };
}

const isConfirmed = (a: AppointmentFactRow): boolean => a.confirmed_at !== null || a.status === 'confirmed';

/** How a confirmation was made, from the audit log's actor (outbox/replies.ts, outbox/delivery.ts). */
function confirmationSource(actor: string | undefined): keyof Confirmations['bySource'] {
  if (actor === undefined) return 'schedule';
  if (actor.startsWith('patient reply')) return 'reply';
  if (actor.startsWith('keypress 1')) return 'call';
  return 'desk';
}

function confirmations(db: ReadableDB, appointments: readonly AppointmentFactRow[], range: DayRange): Confirmations {
  const actors = new Map<number, string>();
  for (const e of confirmationActorsBetween(db, range.fromMs - CONFIRMATION_LOOKBACK_MS, range.toMs)) actors.set(e.appointment_id, e.actor);
  const daily = range.days.map((date) => ({ date, appointments: 0, confirmed: 0 }));
  const bySource = { reply: 0, call: 0, desk: 0, schedule: 0 };
  let total = 0;
  let confirmed = 0;
  for (const a of appointments) {
    if (a.status === 'cancelled') continue;
    const day = daily[dayIndex(range, a.starts_at)];
    total += 1;
    if (day) day.appointments += 1;
    if (!isConfirmed(a)) continue;
    confirmed += 1;
    if (day) day.confirmed += 1;
    bySource[confirmationSource(actors.get(a.id))] += 1;
  }
  return { appointments: total, confirmed, rate: total > 0 ? confirmed / total : null, bySource, daily };
}

/** Among appointments that have started and were not cancelled: no-shows of the confirmed and the unconfirmed. */
function noShows(appointments: readonly AppointmentFactRow[], now: number): NoShows {
  const group = () => ({ appointments: 0, noShows: 0, rate: null as number | null });
  const result = { confirmed: group(), unconfirmed: group() };
  for (const a of appointments) {
    if (a.status === 'cancelled' || a.starts_at > now) continue;
    const g = isConfirmed(a) ? result.confirmed : result.unconfirmed;
    g.appointments += 1;
    if (a.status === 'no_show') g.noShows += 1;
  }
  for (const g of [result.confirmed, result.unconfirmed]) g.rate = g.appointments > 0 ? g.noShows / g.appointments : null;
  return result;
}
