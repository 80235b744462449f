import type { WritableDB } from '../db/types';
import { insertConsentEvent, type ConsentChanges } from '../db/repos/consent-events-repo';
import type { PatientContact, PatientRow } from '../db/repos/patients-repo';
import { getRecipient, markRecipientOptedIn, markRecipientOptedOut } from '../db/repos/recipients-repo';

/**
 * The consent and opt-out history (docs/reports.md): every path that changes a patient's consent flags,
 * addresses or do-not-contact mark, or an address's opt-out, records the change here, inside the same
 * transaction. A patient dispute ("you texted me after I said STOP") is answered from these rows.
 */

/** When, why and by whom a change was made. */
export type ConsentContext = Readonly<{ at: number; source: string; actor: string }>;

/**
 * Fields whose changes are consent history (name and time zone are not). A new patient writes nothing here: its
 * starting values are the values before their first recorded change (or today's), from its `created_at`, so an
 * import of many new patients pays for no extra rows (reports/patient-history.ts rebuilds the starting point).
 */
export const TRACKED_FIELDS = ['phone', 'email', 'sms_consent', 'voice_consent', 'email_consent'] as const;
const TRACKED = TRACKED_FIELDS;

/** An update of a patient's contact details; records only when a tracked field changed. */
export function recordPatientContactChange(db: WritableDB, before: PatientRow, after: PatientContact, ctx: ConsentContext): void {
  const changes: Record<string, readonly [string | number | null, string | number | null]> = {};
  for (const field of TRACKED) if (before[field] !== after[field]) changes[field] = [before[field], after[field]];
  if (Object.keys(changes).length === 0) return;
  insertConsentEvent(db, { ...ctx, patientId: before.id, address: after.phone, kind: 'patient_updated', changes });
}

/** The front desk's do-not-contact switch; records only a real change. */
export function recordDoNotContact(db: WritableDB, patient: PatientRow, doNotContact: boolean, ctx: ConsentContext): void {
  const now = doNotContact ? 1 : 0;
  if (patient.do_not_contact === now) return;
  insertConsentEvent(db, {
    ...ctx,
    patientId: patient.id,
    address: patient.phone,
    kind: 'do_not_contact',
    changes: { do_not_contact: [patient.do_not_contact, now] },
  });
}

/** A corrected phone number (the number the patient's texts and calls go to from now on). */
export function recordPhoneFixed(db: WritableDB, patient: PatientRow, phone: string, ctx: ConsentContext): void {
  if (patient.phone === phone) return;
  insertConsentEvent(db, {
    ...ctx,
    patientId: patient.id,
    address: phone,
    kind: 'phone_fixed',
    changes: { phone: [patient.phone, phone] },
  });
}

/**
 * Opts an address out of texts and calls (STOP, the provider's 21610, keypress 9) and records it when its
 * state changes. Returns true when it was not opted out before.
 */
export function optOutAddress(db: WritableDB, address: string, ctx: ConsentContext): boolean {
  const wasOut = getRecipient(db, address)?.opted_out_at != null;
  markRecipientOptedOut(db, address, ctx.source, ctx.at);
  if (!wasOut) insertConsentEvent(db, { ...ctx, patientId: null, address, kind: 'opt_out', changes: { sms_opt_out: [0, 1] } });
  return !wasOut;
}

/** Opts an address back in (START/UNSTOP) and records it when its state changes. */
export function optInAddress(db: WritableDB, address: string, ctx: ConsentContext): boolean {
  const wasOut = getRecipient(db, address)?.opted_out_at != null;
  markRecipientOptedIn(db, address, ctx.source, ctx.at);
  if (wasOut) insertConsentEvent(db, { ...ctx, patientId: null, address, kind: 'opt_in', changes: { sms_opt_out: [1, 0] } });
  return wasOut;
}

export type { ConsentChanges };
