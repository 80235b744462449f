import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import type { Transports } from '../../electron/core/channels/channel';
import { importScheduleWithAudit } from '../../electron/core/api/import-schedule';
import { applySettingsUpdate } from '../../electron/core/api/settings-update';
import { createEngine, type Engine } from '../../electron/core/compose';
import type { WritableDB } from '../../electron/core/db/connection';
import { ManualScheduler } from '../../electron/core/jobs/scheduler';
import { ManualClock, type Clock } from '../../electron/core/platform/clock';

export const ZONE = 'America/New_York';

/** An instant given as clinic-local "YYYY-MM-DD HH:mm". */
export function local(text: string, zone: string = ZONE): number {
  const dt = DateTime.fromFormat(text, 'yyyy-MM-dd HH:mm', { zone });
  if (!dt.isValid) throw new Error(`bad local time ${text}`);
  return dt.toMillis();
}

export interface TestEngine extends Engine {
  readonly clock: ManualClock;
  readonly file: string;
  readonly scheduler: ManualScheduler;
  cleanup(): void;
}

/** A real engine on a temp-file SQLite database with a hand-driven clock and scheduler. */
export function createTestEngine(
  options: {
    now?: number;
    transports?: Transports | ((db: WritableDB, clock: Clock) => Transports);
    file?: string;
    settleMinutes?: number;
  } = {},
): TestEngine {
  const dir = options.file ? undefined : mkdtempSync(join(tmpdir(), 'frontdesk-test-'));
  const file = options.file ?? join(dir!, 'frontdesk.db');
  const clock = new ManualClock(options.now ?? local('2026-11-26 07:00'));
  const scheduler = new ManualScheduler();
  const engine = createEngine({
    dbFile: file,
    clock,
    scheduler,
    sleep: async () => {},
    ...(options.transports ? { transports: options.transports } : {}),
  });
  applySettingsUpdate(engine.db, clock.now(), { timezone: ZONE, name: 'Riverside Clinic', phone: '(212) 555-0100' }, 'test');
  setSettleMinutes(engine.db, options.settleMinutes ?? 0);
  return {
    ...engine,
    clock,
    file,
    scheduler,
    cleanup: () => {
      engine.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Tests of other behaviour import and dispatch at the same instant, so their clinic has no settle time; the
 * settle time (default 3 minutes) has its own tests (test/integration/sources/settle-time.test.ts).
 */
export function setSettleMinutes(db: WritableDB, minutes: number): void {
  db.prepare(`UPDATE clinic SET limits_json = json_set(limits_json, '$.settleMinutes', ?)`).run(minutes);
}

/** setSettleMinutes for a schedule file a CLI process created (`init`). */
export function setSettleMinutesInFile(file: string, minutes: number): void {
  const db = new Database(file);
  try {
    setSettleMinutes(db as unknown as WritableDB, minutes);
  } finally {
    db.close();
  }
}

export interface CsvRow {
  id: string;
  name: string;
  phone?: string;
  email?: string;
  startsAt: string;
  status?: string;
  provider?: string;
}

/** A schedule CSV in the import format (docs/import.md). */
export function scheduleCsv(rows: readonly CsvRow[]): string {
  const header = 'external_id,patient_name,phone,email,starts_at,duration_min,provider,status';
  const lines = rows.map((r) =>
    [r.id, r.name, r.phone ?? '', r.email ?? '', r.startsAt, '30', r.provider ?? 'Dr. Patel', r.status ?? 'booked'].join(','),
  );
  return [header, ...lines].join('\n') + '\n';
}

/** Valid US numbers for tests: +1 212-555-01xx style (accepted by libphonenumber). */
export function phone(n: number): string {
  return `(212) 555-${String(100 + n).padStart(4, '0')}`;
}

export function e164(n: number): string {
  return `+1212555${String(100 + n).padStart(4, '0')}`;
}

/** Imports synchronously through the same core function the service uses (tests need no await). */
export function importRows(engine: Engine, rows: readonly CsvRow[]) {
  return importScheduleWithAudit(engine.db, engine.clock.now(), { csv: scheduleCsv(rows), actor: 'test' }).summary;
}

/** Provider-side count: how many times the simulate transport "sent" each outbox row. */
export function providerAttemptsPerRow(db: WritableDB): Map<number, number> {
  const rows = db.prepare(`SELECT outbox_id, COUNT(*) AS n FROM simulated_messages GROUP BY outbox_id`).all() as {
    outbox_id: number;
    n: number;
  }[];
  return new Map(rows.map((r) => [r.outbox_id, r.n]));
}

export function outboxStates(db: WritableDB): Record<string, number> {
  const rows = db.prepare(`SELECT state, COUNT(*) AS n FROM outbox GROUP BY state`).all() as { state: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}
