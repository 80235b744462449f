import { parseArgs } from 'node:util';
import { badRequest } from '../../core/platform/errors';

export interface GlobalOptions {
  readonly db: string | undefined;
  readonly now: string | undefined;
  readonly json: boolean;
}

export interface ParsedCommand {
  readonly command: string;
  readonly positionals: readonly string[];
  readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>;
  readonly global: GlobalOptions;
}

const OPTIONS = {
  db: { type: 'string' },
  now: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  timezone: { type: 'string' },
  name: { type: 'string' },
  phone: { type: 'string' },
  reason: { type: 'string' },
  date: { type: 'string' },
  hours: { type: 'string' },
  port: { type: 'string' },
  limit: { type: 'string' },
  full: { type: 'boolean' },
  country: { type: 'string' },
  'allowed-countries': { type: 'string' },
  // desk off (docs/coverage.md)
  'desk-hours': { type: 'string' },
  // import and sources (docs/import.md, docs/schedule-sources.md)
  'date-format': { type: 'string' },
  'dry-run': { type: 'boolean' },
  map: { type: 'string', multiple: true },
  profile: { type: 'string' },
  sheet: { type: 'string' },
  'full-export': { type: 'boolean' },
  'approve-cancellations': { type: 'boolean' },
  'rejected-csv': { type: 'string' },
  // standards feeds (docs/hl7.md, docs/fhir.md)
  host: { type: 'string' },
  token: { type: 'string' },
  days: { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  // report (docs/reports.md)
  pdf: { type: 'string' },
  csv: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  appointment: { type: 'string' },
  // run and serve (docs/headless.md)
  'parent-pid': { type: 'string' },
  'no-parent-watch': { type: 'boolean' },
  // users, scoped pause (docs/staff.md, docs/control.md#scoped-pauses)
  pin: { type: 'string' },
  admin: { type: 'boolean' },
  provider: { type: 'string' },
  channel: { type: 'string' },
} as const;

/** Parses argv (docs/cli.md); an unknown flag is a one-line error, not a silent ignore. */
export function parseCommandLine(argv: readonly string[]): ParsedCommand {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw badRequest((error as Error).message.split('\n')[0] ?? 'bad arguments');
  }
  const [command = 'help', ...positionals] = parsed.positionals;
  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
  return {
    command: values['help'] ? 'help' : command,
    positionals,
    values,
    global: { db: values['db'] as string | undefined, now: values['now'] as string | undefined, json: values['json'] === true },
  };
}

export const USAGE = `Frontdesk — appointment reminders that never contact a patient more than the policy allows.

Usage: frontdesk <command> [options]   (npm run --silent cli -- <command> [options])

Commands:
  init --timezone ZONE [--name N] [--phone P]   create or update the clinic settings (ZONE: a region
       [--country CC] [--allowed-countries L]     zone such as America/New_York; CC: the clinic's country;
                                                L: countries that may be texted or called, e.g. "US,CA")
       [--desk-hours H]                          H: when this computer is on, e.g. "Mon-Fri 07:30-18:00, Sat 09:00-13:00"
                                                (clinic time), or "learn" to learn it from the engine's own history
  import FILE [--date-format MDY|DMY|YMD]       add or update appointments from a CSV or XLSX export (same file twice =
       [--dry-run] [--map COLUMN=FIELD]…         no change); practice-export column names are recognised; --dry-run
       [--profile P] [--sheet S] [--full-export]  writes nothing; --rejected-csv OUT writes the rejected rows to fix
       [--rejected-csv OUT.csv]
  sources add folder DIR [--full-export]        import what the practice system exports to DIR (run, serve, the app)
  sources add hl7 [--port P] [--host H]         listen for HL7 v2 SIU messages over MLLP (run, serve, the app);
       [--tls-cert FILE --tls-key FILE]           127.0.0.1 unless --host; default port 2575
  sources add fhir BASE_URL [--token T]         poll a FHIR R4 server every 5 minutes (today .. today + N days,
       [--days N]                                 default 14); the token is kept out of the database
  sources list / remove ID / sync               configured sources; sync pulls every folder and FHIR server once, now
  sources approve ID / discard ID               apply or drop a full export held for review
  plan                                          plan reminders for the schedule
  dispatch                                      one full cycle: replies, plan, expire, reconcile, send
  pause [--reason R] / resume                   the kill switch for all outbound contact
  pause --provider NAME | --channel C [--reason R]   pause one provider or one channel (email, sms, voice);
  resume --provider NAME | --channel C              resume it (the kill switch stays as it is)
  users add NAME [--pin P] [--admin]            a desk user (the first is an admin); users list / users remove NAME
  status                                        engine state and outbox counts
  contacts                                      the ledger of every contact attempt
  today [--date YYYY-MM-DD]                     the day's appointments with their reminders
  preview --hours H                             what would be sent in the next H hours
  coverage [--hours H]                          reminders due in the next H hours (default 72) while this computer
                                                is expected to be off, with the reason
  confirm ID / cancel ID                        front-desk actions by appointment id
  run                                           headless engine: planner and dispatcher on their schedules
  serve [--port P]                              web UI on 127.0.0.1 (runs the engine too)
       run and serve stop cleanly on SIGTERM/SIGINT, and when the process that started them ends
       [--parent-pid PID] [--no-parent-watch]    (or PID, when given); --no-parent-watch: keep running
  backup [FILE]                                 online copy of the schedule (default: a dated copy in backups/ beside it)
  restore FILE                                  replace the schedule with a checked backup, then pause sending
  report day [--date D] --pdf FILE              the day sheet (appointments, reminders, who needs a call)
  report contacts --from D --to D --csv FILE    every contact attempt and reply in those days
  report patient (--phone P | --appointment ID) (--pdf FILE | --csv FILE)
                                                one patient's reminders, attempts, replies, consent history

Global options:
  --db FILE      schedule file (default: the desktop app's data file, or $FRONTDESK_DB); relative paths
                 are relative to the folder you run the command in
  --now ISO      freeze the clock at this instant (simulation and tests)
  --json         print one JSON document on stdout

Transport (environment): FRONTDESK_TRANSPORT=simulate|twilio, TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN,
  TWILIO_FROM, TWILIO_API_BASE, TWILIO_STUDIO_FLOW_SID, TWILIO_MESSAGING_SERVICE_SID (send-ahead), SMTP_URL,
  FRONTDESK_EMAIL_FROM.
`;
