import type { ClinicSettings } from '../../../shared/domain/dto';
import type { ReadableDB } from '../db/types';
import { lastInboundAt } from '../db/repos/conversations-repo';
import { findPatientsByPhone } from '../db/repos/patients-repo';
import { getRecipient } from '../db/repos/recipients-repo';
import { HOUR_MS } from '../platform/clock';
import { nextSendableInAllZones } from '../rules/quiet-hours';
import { allowedCountries, RecipientPlaces } from '../rules/recipient-zone';

/**
 * Staff may answer a patient only within this long of the patient's last text: an answer, not a new
 * contact the patient did not ask for (docs/conversations.md#answering-by-text).
 */
export const REPLY_WINDOW_MS = 24 * HOUR_MS;

export type ReplyWindow =
  | { readonly open: true; readonly until: number }
  | { readonly open: false; readonly reason: string; readonly until: number | null };

/**
 * Whether an answer to `phone` may go now, and why not: the patient has not texted in the last 24 h, the number
 * sent STOP (never answered after STOP, even inside the window), it is invalid or of a country not allowed, or it
 * is night where the patient is. The kill switch is the caller's (it is checked again right before the request).
 */
export function replyWindow(db: ReadableDB, settings: ClinicSettings, phone: string, now: number): ReplyWindow {
  const last = lastInboundAt(db, phone);
  const until = last === null ? null : last + REPLY_WINDOW_MS;
  const recipient = getRecipient(db, phone);
  if (recipient?.opted_out_at != null)
    return { open: false, reason: 'This number sent STOP: no text goes to it until it sends START.', until };
  if (recipient?.invalid_reason) return { open: false, reason: `This number is marked invalid: ${recipient.invalid_reason}.`, until };
  if (until === null)
    return { open: false, reason: 'This number has not texted the clinic: answers go only to patients who wrote.', until };
  if (now >= until) {
    return {
      open: false,
      reason: 'More than 24 hours have passed since the patient last texted: call the patient instead, or wait for them to write.',
      until,
    };
  }
  const places = new RecipientPlaces();
  const country = places.countryOf(phone);
  if (country === null || !allowedCountries(settings).includes(country)) {
    return { open: false, reason: 'Texts to this country are not allowed in the settings.', until };
  }
  const zone = findPatientsByPhone(db, phone).find((p) => p.timezone)?.timezone ?? null;
  const { zones } = places.zonesFor(zone, country, settings);
  if (nextSendableInAllZones(now, zones, settings.sendFrom, settings.sendUntil) > now) {
    return { open: false, reason: `Quiet hours where the patient is: texts go only ${settings.sendFrom}–${settings.sendUntil}.`, until };
  }
  return { open: true, until };
}
