import { DateTime } from 'luxon';
import type { ClinicSettings } from '../../../shared/domain/dto';
import type { Engine } from '../../core/compose';
import { badRequest } from '../../core/platform/errors';
import { checkClinicZone } from '../../core/rules/clinic-zone';
import { formatDeskHours, parseDeskHours } from '../../core/coverage/desk-hours';
import type { ParsedCommand } from './args';

const ACTOR = 'cli';

export interface CommandOutput {
  /** The JSON document printed with --json. */
  readonly json: unknown;
  /** The human-readable text printed otherwise. */
  readonly text: string;
}

function str(values: ParsedCommand['values'], key: string): string | undefined {
  const v = values[key];
  return typeof v === 'string' ? v : undefined;
}

function needId(cmd: ParsedCommand): string {
  const id = cmd.positionals[0];
  if (!id) throw badRequest(`${cmd.command} needs an appointment id, e.g. "${cmd.command} A-1001"`);
  return id;
}

function table(rows: readonly Record<string, unknown>[], columns: readonly string[]): string {
  if (rows.length === 0) return '(none)';
  const cells = rows.map((r) => columns.map((c) => String(r[c] ?? '')));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]!.length)));
  const line = (values: readonly string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(columns), ...cells.map(line)].join('\n');
}

function localTime(iso: string): string {
  return DateTime.fromISO(iso, { setZone: true }).toFormat('ccc d LLL HH:mm');
}

/** "US, CA", "us ca" → ["US", "CA"] (--allowed-countries; the settings update checks the codes). */
function countryList(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((c) => c.trim().toUpperCase())
    .filter((c) => c !== '');
}

/**
 * `init`'s settings, checked before the database is opened so a refused zone writes nothing: the zone
 * must be an IANA region zone (docs/numbers-and-zones.md). --timezone may be left out when other
 * settings are given (e.g. only --allowed-countries on an existing clinic).
 */
export function initSettingsFrom(cmd: ParsedCommand): Partial<ClinicSettings> {
  const timezone = str(cmd.values, 'timezone');
  const name = str(cmd.values, 'name');
  const phone = str(cmd.values, 'phone');
  const country = str(cmd.values, 'country');
  const allowed = str(cmd.values, 'allowed-countries');
  const desk = str(cmd.values, 'desk-hours');
  if ([timezone, name, phone, country, allowed, desk].every((v) => v === undefined)) {
    throw badRequest('init needs --timezone ZONE (an IANA region zone such as America/New_York)');
  }
  if (timezone !== undefined) {
    const zone = checkClinicZone(timezone);
    if (!zone.ok) throw badRequest(zone.reason);
  }
  return {
    ...(timezone !== undefined ? { timezone } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(phone !== undefined ? { phone } : {}),
    ...(country !== undefined ? { country: country.trim().toUpperCase() } : {}),
    ...(allowed !== undefined ? { allowedCountries: countryList(allowed) } : {}),
    ...(desk !== undefined ? { deskHours: deskHoursOption(desk) } : {}),
  };
}

/** --desk-hours: the hours in canonical form, or null for "learn" (docs/coverage.md#desk-hours). */
function deskHoursOption(text: string): string | null {
  if (text.trim().toLowerCase() === 'learn') return null;
  const parsed = parseDeskHours(text);
  if (!parsed.ok) throw badRequest(`--desk-hours: ${parsed.reason}`);
  return formatDeskHours(parsed.hours);
}

/** `init`: create or update the clinic settings. */
export async function initCommand(engine: Engine, cmd: ParsedCommand): Promise<CommandOutput> {
  // The CLI runs as an admin: whoever can run it can open the schedule file itself (docs/staff.md#admin-only).
  const settings = await engine.services.updateSettings({ settings: initSettingsFrom(cmd), actor: ACTOR, role: 'admin' });
  const json = {
    timezone: settings.timezone,
    name: settings.name,
    phone: settings.phone,
    sendFrom: settings.sendFrom,
    sendUntil: settings.sendUntil,
    country: settings.country,
    allowedCountries: settings.allowedCountries,
    deskHours: settings.deskHours ?? null,
  };
  const countries = `texts and calls to ${(settings.allowedCountries ?? []).join(', ') || 'no country'} numbers`;
  return {
    json,
    text: `Clinic "${settings.name}" (${settings.phone || 'no phone set'}) in ${settings.timezone}; ${countries}, ${settings.sendFrom}–${settings.sendUntil} their time.`,
  };
}

/** Said once on stderr, by the command that created the clinic with this computer's zone (no `init` yet). */
export function machineZoneNotice(zone: string): string {
  const fixed = checkClinicZone(zone).ok ? '' : ' (a fixed offset with no daylight saving time)';
  return `note: no clinic time zone is set, so this computer's zone ${zone}${fixed} is used; set the clinic's own with "init --timezone ZONE", e.g. America/New_York`;
}

export function planCommand(engine: Engine): CommandOutput {
  const r = engine.services.plan();
  return { json: r, text: `Planned: ${r.enqueued} new reminder(s), ${r.existing} already planned, ${r.cancelled} cancelled.` };
}

export async function dispatchCommand(engine: Engine): Promise<CommandOutput> {
  const r = await engine.services.dispatch();
  const text = [
    `Sent ${r.sent}, deferred ${r.deferred}, expired ${r.expired}, suppressed ${r.suppressed}, failed ${r.failed}, unknown ${r.unknown}.`,
    r.paused ? `Sending is PAUSED: ${r.reason ?? ''}` : r.reason ? `Note: ${r.reason}` : '',
  ].filter(Boolean);
  return { json: r, text: text.join('\n') };
}

export function pauseCommand(engine: Engine, cmd: ParsedCommand): CommandOutput {
  const s = engine.services.pauseSending({ reason: str(cmd.values, 'reason'), actor: ACTOR });
  return { json: { paused: s.paused, reason: s.reason, pausedAt: s.pausedAt }, text: `All outbound contact is PAUSED (${s.reason}).` };
}

export function resumeCommand(engine: Engine): CommandOutput {
  const review = engine.services.resumeReview();
  const s = engine.services.resume({ actor: ACTOR });
  const waiting = review.waiting.reduce((n, g) => n + g.items.length, 0);
  return {
    json: { paused: s.paused, reason: s.reason, waiting, expiredOnResume: review.expiredOnResume },
    text: `Sending resumed. ${waiting} reminder(s) due in the next hour; ${review.expiredOnResume} stale reminder(s) will expire instead of being sent.`,
  };
}

export function statusCommand(engine: Engine): CommandOutput {
  const s = engine.services.status();
  const counts =
    Object.entries(s.outbox)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') || 'empty';
  const text = [
    `${s.clinicName} (${s.timezone}) — transport: ${s.transport}`,
    s.paused ? `PAUSED (${s.pauseKind}): ${s.reason} — since ${s.pausedAt} by ${s.pausedBy}` : 'Sending: active',
    `Outbox: ${counts}`,
    s.needsAttention > 0 ? `${s.needsAttention} reminder(s) need attention` : '',
  ].filter(Boolean);
  return { json: s, text: text.join('\n') };
}

export function contactsCommand(engine: Engine, cmd: ParsedCommand): CommandOutput {
  const limit = str(cmd.values, 'limit');
  const rows = engine.services.contacts({ limit: limit ? Number(limit) : undefined });
  return {
    json: rows,
    text: table(
      rows.map((r) => ({ ...r, at: localTime(r.at) })),
      ['at', 'appointment', 'channel', 'to', 'outcome', 'rule'],
    ),
  };
}

export function todayCommand(engine: Engine, cmd: ParsedCommand): CommandOutput {
  const rows = engine.services.today({ date: str(cmd.values, 'date') });
  const text = rows
    .map((a) => {
      const steps = a.contacts.map((c) => `${c.channel}:${c.state}${c.reason ? ` (${c.reason})` : ''}`).join('  ');
      return `${localTime(a.startsAt)}  ${a.appointment.padEnd(10)} ${a.patient.padEnd(22)} ${a.status.padEnd(9)} ${steps}`;
    })
    .join('\n');
  return { json: rows, text: text || 'No appointments on this day.' };
}

export function previewCommand(engine: Engine, cmd: ParsedCommand): CommandOutput {
  const raw = str(cmd.values, 'hours') ?? '24';
  const hours = Number(raw);
  if (!Number.isFinite(hours)) throw badRequest(`--hours must be a number, got "${raw}"`);
  const rows = engine.services.preview({ hours });
  return {
    json: rows,
    text: table(
      rows.map((r) => ({ ...r, at: localTime(r.at) })),
      ['at', 'channel', 'to', 'patient', 'appointment', 'rule'],
    ),
  };
}

export function confirmCommand(engine: Engine, cmd: ParsedCommand): CommandOutput {
  const a = engine.services.confirm({ appointment: needId(cmd), actor: ACTOR });
  return {
    json: a,
    text: `Confirmed ${a.appointment} (${a.patient}, ${localTime(a.startsAt)}); ${a.remindersCancelled} later reminder(s) cancelled.`,
  };
}

export function cancelCommand(engine: Engine, cmd: ParsedCommand): CommandOutput {
  const a = engine.services.cancel({ appointment: needId(cmd), actor: ACTOR });
  return {
    json: a,
    text: `Cancelled ${a.appointment} (${a.patient}, ${localTime(a.startsAt)}); ${a.remindersCancelled} pending reminder(s) cancelled.`,
  };
}
