import type { ClinicSettings } from '../../../shared/domain/dto';
import type { Channel } from '../../../shared/domain/types';
import type { ReadableDB } from '../db/types';
import {
  countCallsForAppointment,
  countChannelAttemptsSince,
  countPhoneContactsSince,
  oldestPhoneContactSince,
} from '../db/repos/contacts-repo';
import type { OutboxRow } from '../db/repos/outbox-repo';
import type { PlanningAppointment } from '../db/repos/planning-repo';
import { getRecipient } from '../db/repos/recipients-repo';
import { DAY_MS, MINUTE_MS } from '../platform/clock';
import { assertNever } from '../platform/errors';
import { nextSendableInAllZones, startOfLocalDayInAnyZone, startOfNextLocalDayInEveryZone } from '../rules/quiet-hours';
import { allowedCountries, RecipientPlaces, type RecipientZones } from '../rules/recipient-zone';

/** The reason a text or call to a number of a country the clinic has not allowed is suppressed with. */
export const COUNTRY_NOT_ALLOWED = 'country not allowed';

/** What the claim does with one due row after the final checks (docs/safeguards.md). */
export type ClaimDecision =
  | { readonly kind: 'send' }
  | { readonly kind: 'end'; readonly state: 'cancelled' | 'expired' | 'suppressed'; readonly reason: string }
  | { readonly kind: 'defer'; readonly until: number; readonly reason: string }
  /** Rate limit reached: leave the row for a later cycle and stop claiming this channel now. */
  | { readonly kind: 'rate_limited' };

export interface CheckContext {
  readonly db: ReadableDB;
  readonly now: number;
  readonly settings: ClinicSettings;
  readonly configured: Readonly<Record<Channel, boolean>>;
  /** Per-claim memo of zone arithmetic and rate counts (one claim has one `now`). */
  readonly cache?: ClaimCache;
  /** Country and zone lookups shared by many checks (a view's rows); a claim uses its cache's. */
  readonly places?: RecipientPlaces;
}

interface ZoneFacts {
  readonly sendable: number;
  readonly dayStart: number;
  readonly nextDaySendable: number;
}

/**
 * Facts that are the same for every row of one claim: local-day boundaries and quiet-hours
 * instants per recipient zone (or zone set), numbers' countries, and attempts per channel in the
 * last minute (read once, then counted here as rows are claimed — the claim runs in one
 * transaction, so nobody else can add to them).
 */
export class ClaimCache {
  private readonly zones = new Map<string, ZoneFacts>();
  readonly places = new RecipientPlaces();

  /**
   * `rates` may be shared by all claims of one dispatch cycle: the count read once is only ever
   * increased here, so as the clock moves it can only overstate the last minute (conservative), and
   * a long cycle does not recount its own growing history on every claim.
   */
  constructor(
    private readonly now: number,
    private readonly rates: Map<Channel, number> = new Map(),
  ) {}

  zone(recipient: RecipientZones, settings: ClinicSettings): ZoneFacts {
    let facts = this.zones.get(recipient.key);
    if (!facts) {
      facts = computeZoneFacts(this.now, recipient.zones, settings);
      this.zones.set(recipient.key, facts);
    }
    return facts;
  }

  attemptsLastMinute(db: ReadableDB, channel: Channel): number {
    let n = this.rates.get(channel);
    if (n === undefined) {
      n = countChannelAttemptsSince(db, channel, this.now - MINUTE_MS + 1, this.now);
      this.rates.set(channel, n);
    }
    return n;
  }

  noteClaimed(channel: Channel): void {
    const n = this.rates.get(channel);
    if (n !== undefined) this.rates.set(channel, n + 1);
  }
}

/**
 * Quiet hours and the local day in the recipient's zone. With several possible zones (a multi-zone
 * country) every one must allow the time, and "today" starts at the earliest local midnight and ends
 * at the latest, so the daily budget holds in whichever zone the patient is really in.
 */
function computeZoneFacts(now: number, zones: readonly string[], settings: ClinicSettings): ZoneFacts {
  const { sendFrom, sendUntil } = settings;
  return {
    sendable: nextSendableInAllZones(now, zones, sendFrom, sendUntil),
    dayStart: startOfLocalDayInAnyZone(now, zones),
    nextDaySendable: nextSendableInAllZones(startOfNextLocalDayInEveryZone(now, zones), zones, sendFrom, sendUntil),
  };
}

function placesOf(ctx: CheckContext): RecipientPlaces {
  return ctx.places ?? ctx.cache?.places ?? new RecipientPlaces();
}

function consentFor(appt: PlanningAppointment, channel: Channel): boolean {
  switch (channel) {
    case 'email':
      return appt.email_consent === 1;
    case 'sms':
      return appt.sms_consent === 1;
    case 'voice':
      return appt.voice_consent === 1;
    default:
      return assertNever(channel);
  }
}

/** Defers to `until` when the window is still open then; otherwise ends the row with `endState`. */
function deferOrEnd(row: OutboxRow, until: number, reason: string, endState: 'expired' | 'suppressed'): ClaimDecision {
  return until < row.expires_at ? { kind: 'defer', until, reason } : { kind: 'end', state: endState, reason };
}

function rateLimitPerMinute(settings: ClinicSettings, channel: Channel): number {
  switch (channel) {
    case 'email':
      return settings.limits.emailsPerMinute;
    case 'sms':
      return settings.limits.smsPerMinute;
    case 'voice':
      return settings.limits.callsPerMinute;
    default:
      return assertNever(channel);
  }
}

/**
 * Why a reminder cannot go out at all, whatever the time: do-not-contact, consent, STOP, an invalid
 * number, a country the clinic has not allowed, an unconfigured channel (docs/safeguards.md#consent-and-opt-out). Null when it
 * can. The claim suppresses the row for it; the Today view shows it from planning on.
 */
export function blockedReason(ctx: CheckContext, row: OutboxRow, appt: PlanningAppointment): string | null {
  if (appt.do_not_contact === 1) return 'patient marked do not contact';
  if (!consentFor(appt, row.channel)) return `no consent for ${row.channel}`;
  if (row.channel !== 'email') {
    const facts = getRecipient(ctx.db, row.recipient);
    if (facts?.opted_out_at != null) return 'number opted out (STOP)';
    if (facts?.invalid_reason) return `invalid number: ${facts.invalid_reason}`;
    const country = placesOf(ctx).countryOf(row.recipient);
    if (country === null || !allowedCountries(ctx.settings).includes(country)) return COUNTRY_NOT_ALLOWED;
  }
  if (!ctx.configured[row.channel]) return 'channel not configured';
  return null;
}

/** Status, window, then what blocks the reminder for good (docs/safeguards.md). */
function appointmentAndRecipientChecks(ctx: CheckContext, row: OutboxRow, appt: PlanningAppointment | undefined): ClaimDecision | null {
  if (!appt || appt.status === 'cancelled') return { kind: 'end', state: 'cancelled', reason: 'appointment cancelled' };
  if (appt.status === 'completed' || appt.status === 'no_show')
    return { kind: 'end', state: 'cancelled', reason: `appointment ${appt.status}` };
  const rule = ctx.settings.rules.find((r) => r.id === row.rule_id);
  if (appt.status === 'confirmed' && (rule?.onlyIfUnconfirmed ?? true))
    return { kind: 'end', state: 'cancelled', reason: 'appointment confirmed' };
  if (ctx.now >= row.expires_at) return { kind: 'end', state: 'expired', reason: 'send window closed' };
  const blocked = blockedReason(ctx, row, appt);
  return blocked === null ? null : { kind: 'end', state: 'suppressed', reason: blocked };
}

/**
 * Quiet hours and the per-number budgets, counted from the ledger, in the recipient's zone
 * (docs/safeguards.md#contact-budgets, #quiet-hours; docs/numbers-and-zones.md).
 */
function phoneChecks(ctx: CheckContext, row: OutboxRow, appt: PlanningAppointment): ClaimDecision | null {
  const { db, now, settings } = ctx;
  const places = placesOf(ctx);
  const recipient = places.zonesFor(appt.patient_timezone, places.countryOf(row.recipient), settings);
  const facts = ctx.cache ? ctx.cache.zone(recipient, settings) : computeZoneFacts(now, recipient.zones, settings);
  if (facts.sendable > now) return deferOrEnd(row, facts.sendable, 'quiet hours', 'expired');
  const limits = settings.limits;
  if (row.channel === 'voice' && countCallsForAppointment(db, appt.id) >= limits.callsPerAppointment) {
    return { kind: 'end', state: 'suppressed', reason: 'already called about this appointment' };
  }
  if (countPhoneContactsSince(db, row.recipient, facts.dayStart) >= limits.smsOrCallPerDay) {
    return deferOrEnd(row, facts.nextDaySendable, 'daily contact limit for this number', 'suppressed');
  }
  const weekAgo = now - 7 * DAY_MS;
  if (countPhoneContactsSince(db, row.recipient, weekAgo + 1) >= limits.smsOrCallPerWeek) {
    const oldest = oldestPhoneContactSince(db, row.recipient, weekAgo + 1) ?? now;
    const frees = nextSendableInAllZones(oldest + 7 * DAY_MS, recipient.zones, settings.sendFrom, settings.sendUntil);
    return deferOrEnd(row, frees, 'weekly contact limit for this number', 'suppressed');
  }
  return null;
}

/** All final checks of one due row, run inside the claim transaction. */
export function decideClaim(ctx: CheckContext, row: OutboxRow, appt: PlanningAppointment | undefined): ClaimDecision {
  const basic = appointmentAndRecipientChecks(ctx, row, appt);
  if (basic) return basic;
  if (row.channel !== 'email' && appt) {
    const phone = phoneChecks(ctx, row, appt);
    if (phone) return phone;
  }
  const perMinute = rateLimitPerMinute(ctx.settings, row.channel);
  const recent = ctx.cache
    ? ctx.cache.attemptsLastMinute(ctx.db, row.channel)
    : countChannelAttemptsSince(ctx.db, row.channel, ctx.now - MINUTE_MS + 1, ctx.now);
  if (recent >= perMinute) return { kind: 'rate_limited' };
  return { kind: 'send' };
}
