import type { ReminderView, TodayAppointment } from '../../../shared/domain/dto';
import type { Channel, OutboxState } from '../../../shared/domain/types';
import type { OutboxRow } from '../db/repos/outbox-repo';
import type { WritableDB } from '../db/types';
import { DAY_MS } from '../platform/clock';
import { assertNever } from '../platform/errors';
import { forecastPending, type ReminderForecast } from '../outbox/predict-plan';
import { isoInZone } from './time-format';

type Configured = Readonly<Record<Channel, boolean>>;

/** The forecast looks at most this far ahead (a day view of a date weeks away stays cheap). */
const FORECAST_MAX_MS = 14 * DAY_MS;

/**
 * How the dispatcher's final checks will treat each pending row of a day if nothing changes
 * (outbox/predict-plan.ts: the same checks, run forward in a rolled-back transaction). The
 * simulation covers every pending row up to the day's last window, since other days' reminders
 * to a shared number use the same budget.
 */
export function forecastDay(
  db: WritableDB,
  rows: readonly OutboxRow[],
  now: number,
  configured: Configured,
): Map<number, ReminderForecast> {
  const pending = rows.filter((r) => r.state === 'pending' && r.expires_at > now);
  const forecasts =
    pending.length === 0
      ? new Map<number, ReminderForecast>()
      : forecastPending(db, now, Math.min(Math.max(...pending.map((r) => r.expires_at)), now + FORECAST_MAX_MS), configured);
  // Still pending with the window already closed: the next cycle expires it (the claim's own first check).
  for (const r of rows) {
    if (r.state === 'pending' && r.expires_at <= now) {
      forecasts.set(r.id, { kind: 'end', state: 'expired', at: now, reason: 'send window closed' });
    }
  }
  return forecasts;
}

/** A forecast as the view carries it (instants in the clinic's zone). */
export function forecastView(f: ReminderForecast | undefined, zone: string): ReminderView['forecast'] {
  if (!f) return null;
  switch (f.kind) {
    case 'send':
    case 'undecided':
      return { kind: f.kind, at: isoInZone(f.at, zone), state: null, reason: f.deferredBy };
    case 'end':
      return { kind: 'end', at: isoInZone(f.at, zone), state: f.state, reason: f.reason };
    default:
      return assertNever(f);
  }
}

/** States in which a provider attempt was made (or is being made): the patient has been, or is being, reached. */
const ATTEMPTED: ReadonlySet<OutboxState> = new Set(['sending', 'sent', 'delivered', 'unknown']);
const LABEL: Readonly<Record<Channel, string>> = { email: 'Email', sms: 'SMS', voice: 'Call' };

type ApptFacts = Pick<TodayAppointment, 'status' | 'phone' | 'doNotContact'> & { readonly startsAtMs: number };

/**
 * Why a patient whose appointment is still ahead and unconfirmed will get no text and no call, or null
 * when a text or call went out or will (email does not count: it is the step people miss). Reads only
 * the steps' states and forecasts, so it says what the final checks decided or will decide.
 */
export function notReachedReason(appt: ApptFacts, steps: readonly ReminderView[], now: number): string | null {
  if (appt.status !== 'booked' || appt.startsAtMs <= now) return null;
  const phoneSteps = steps.filter((s) => s.channel !== 'email');
  if (phoneSteps.some(mayReach)) return null;
  if (phoneSteps.length === 0) {
    if (appt.doNotContact) return 'patient marked do not contact';
    return appt.phone === null ? 'no phone number' : 'no text or call planned';
  }
  return [...new Set(phoneSteps.map((s) => `${LABEL[s.channel]}: ${whyNot(s)}`))].join('; ');
}

function mayReach(s: ReminderView): boolean {
  if (ATTEMPTED.has(s.state)) return true;
  // A pending step the forecast could not settle (beyond its horizon) is not called lost.
  return s.state === 'pending' && s.forecast?.kind !== 'end';
}

function whyNot(s: ReminderView): string {
  if (s.state === 'pending' && s.forecast?.kind === 'end') {
    const why = s.forecast.reason ?? 'send window closed';
    return s.forecast.state === 'expired' ? `will expire (${why})` : `will not go (${why})`;
  }
  const why = s.reason ?? s.lastError;
  switch (s.state) {
    case 'expired':
      return `expired (${why ?? 'send window closed'})`;
    case 'suppressed':
      return why ?? 'not sent';
    case 'failed':
    case 'undelivered':
      return `${s.state}${why ? ` (${why})` : ''}`;
    case 'cancelled':
    case 'superseded':
      return `${s.state}${why ? ` (${why})` : ''}`;
    default:
      return s.state;
  }
}
