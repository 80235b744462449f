/**
 * Frontdesk benchmarks: `npm run bench` (human-readable table) or `npm run bench -- --json` (the table,
 * then one JSON object as the last thing printed).
 *
 * Everything runs on temp-file databases opened by the real openDatabase (WAL, synchronous NORMAL with
 * FULL for the claim commits, foreign keys), through the real planner, dispatcher and simulate transport.
 *
 *   import          services.importCsv of a 90,000-row schedule CSV (one transaction), in this process
 *   import file     the CLI's `import FILE` of a generated 300,000-row (~61 MB) CSV in a child process: its peak
 *                   RSS (importPeakRssMb, goal < 200 MB) and rows per second (bench/import-file.ts)
 *   planner         runPlanner over 90,000 flagged appointments → outbox rows inserted per second
 *   re-plan         a warm runPlanner with nothing changed (visits only flagged appointments), and a full
 *                   re-plan with all 90,000 flagged again (extra field: nothing new to insert)
 *   dispatcher      one dispatch cycle over 20,000 due SMS, full final checks (budgets, quiet hours, consent,
 *                   rate limits) — the per-minute rate limits are raised for the bench so they don't stop it
 *   bytes/row       dbstat: pages of outbox and its indexes / outbox rows (page_count delta without dbstat)
 *
 *   dispatcher@2k   the same with 2,000 items (median of --runs): shows how per-item cost grows with the cycle size
 *   kill switch     pause and status while a 300,000-row import runs (bench/control.ts)
 *   HL7 / FHIR      SIU messages per second over MLLP, and one FHIR sync of 2,000 appointments (bench/feeds.ts)
 *
 * Options: --json, --runs N (default 3), --appointments N (default 90000), --dispatch N (default 20000),
 * --dispatch-runs N (default 1), --control-rows N (default 300000), --only core|control.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import { createEngine, type Engine } from '../electron/core/compose';
import type { WritableDB } from '../electron/core/db/connection';
import { runPlanner } from '../electron/core/outbox/planner';
import { HOUR_MS, ManualClock, MINUTE_MS } from '../electron/core/platform/clock';
import { benchControl, type ControlBenchResults } from './control';
import { benchImportFile, type ImportFileFigures } from './import-file';
import { benchSources, type SourceFigures } from './sources';
import { benchFeeds, type FeedFigures } from './feeds';

const ZONE = 'America/New_York';
const args = process.argv.slice(2);
const JSON_OUT = args.includes('--json');
function numberArg(name: string, fallback: number): number {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const n = Number(args[i + 1]);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} needs a positive number`);
  return n;
}
const RUNS = numberArg('--runs', 3);
const APPOINTMENTS = numberArg('--appointments', 90_000);
const DISPATCH_ITEMS = numberArg('--dispatch', 20_000);
/** The 20,000-item dispatch takes tens of seconds: one run by default (not "cheap"); the 2,000-item one gets RUNS. */
const DISPATCH_RUNS = numberArg('--dispatch-runs', 1);
const SMALL_DISPATCH_ITEMS = 2_000;
const CONTROL_ROWS = numberArg('--control-rows', 300_000);
const ONLY = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;

const GOALS = {
  plannerRowsPerSec: { min: 100_000, label: 'planner', unit: 'rows/s' },
  replanMs: { max: 50, label: 're-plan (warm, no changes)', unit: 'ms' },
  dispatchItemsPerSec: { min: 5_000, label: 'dispatcher', unit: 'items/s' },
  bytesPerOutboxRow: { max: 500, label: 'outbox size', unit: 'bytes/row' },
  pauseDuringImportMs: { max: 1_000, label: 'pause during an import', unit: 'ms' },
  statusDuringImportMs: { max: 100, label: 'status during an import (p99)', unit: 'ms' },
  importPeakRssMb: { max: 200, label: 'import file, peak RSS', unit: 'MB' },
  pickupMs: { max: 2_000, label: 'watch folder pick-up', unit: 'ms' },
} as const;

/** Thursday 10:00 clinic time: inside sending hours, no DST change within the next 60 days' planning horizon matters. */
const NOW = DateTime.fromISO('2026-12-03T10:00:00', { zone: ZONE }).toMillis();
/** Bench limits: per-minute rate limits raised so one cycle can drain everything (said in the output). */
const BENCH_LIMITS = { smsPerMinute: 10_000_000, callsPerMinute: 10_000_000, emailsPerMinute: 10_000_000 };

const dirs: string[] = [];
function tempFile(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'frontdesk-bench-'));
  dirs.push(dir);
  return join(dir, name);
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

async function newEngine(file: string, now: number): Promise<Engine & { clock: ManualClock }> {
  const clock = new ManualClock(now);
  const engine = createEngine({ dbFile: file, clock, sleep: async () => {} });
  // `await` works whether the service is sync or async.
  await engine.services.updateSettings({
    settings: {
      timezone: ZONE,
      name: 'Bench Clinic',
      phone: '(212) 555-0100',
      limits: { ...engine.services.getSettings().limits, ...BENCH_LIMITS },
    },
    actor: 'bench',
    // Above the safe rates on purpose: the bench measures the engine, not the provider.
    confirmUnsafe: ['limits.smsPerMinute', 'limits.callsPerMinute', 'limits.emailsPerMinute'],
  });
  return { ...engine, clock };
}

/** A distinct, valid US number per index (NYC 212, exchanges 201–989, not N11). */
function usNumber(i: number): { national: string; e164: string } {
  let exchange = 201 + Math.floor(i / 10_000);
  if (exchange % 100 === 11) exchange += 1;
  const line = String(i % 10_000).padStart(4, '0');
  return { national: `(212) ${exchange}-${line}`, e164: `+1212${exchange}${line}` };
}

/** Appointment i starts 3–33 days ahead, 08:00–17:45 clinic time: all three steps are still to plan. */
const dayStarts = new Map<number, DateTime>();
function startFor(i: number): number {
  const day = 3 + (i % 30);
  const slot = Math.floor(i / 30) % 40;
  let start = dayStarts.get(day);
  if (!start) {
    start = DateTime.fromMillis(NOW, { zone: ZONE }).startOf('day').plus({ days: day });
    dayStarts.set(day, start);
  }
  return start.set({ hour: 8 + Math.floor(slot / 4), minute: (slot % 4) * 15 }).toMillis();
}

const localText = new Map<number, string>();
function scheduleCsv(n: number): string {
  const lines = ['external_id,patient_name,phone,email,starts_at,duration_min,provider,status'];
  for (let i = 0; i < n; i += 1) {
    const start = startFor(i);
    let starts = localText.get(start);
    if (starts === undefined) {
      starts = DateTime.fromMillis(start, { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm');
      localText.set(start, starts);
    }
    lines.push(`B${i},Patient ${i},${usNumber(i).national},p${i}@example.com,${starts},30,Dr. ${i % 7},booked`);
  }
  return lines.join('\n') + '\n';
}

const OUTBOX_OBJECTS = ['outbox', 'outbox_idempotency_key', 'outbox_due', 'outbox_sending', 'outbox_unknown'];

function outboxBytes(db: WritableDB): { bytes: number; method: string } {
  try {
    const placeholders = OUTBOX_OBJECTS.map(() => '?').join(', ');
    const row = db.prepare(`SELECT SUM(pgsize) AS bytes FROM dbstat WHERE name IN (${placeholders})`).get(...OUTBOX_OBJECTS) as {
      bytes: number | null;
    };
    return { bytes: row.bytes ?? 0, method: 'dbstat (outbox + its 5 indexes)' };
  } catch {
    const size = () => (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
    return { bytes: size(), method: 'page_count × page_size (whole file; dbstat not compiled in)' };
  }
}

function countOutbox(db: WritableDB): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM outbox`).get() as { n: number }).n;
}

interface Results extends ImportFileFigures {
  inProcessImportRowsPerSec: number;
  plannerRowsPerSec: number;
  plannerRowsInserted: number;
  replanMs: number;
  fullReplanMs: number;
  fullReplanAppointments: number;
  dispatchItemsPerSec: number;
  dispatchItems: number;
  dispatchItemsPerSecAt2k: number;
  bytesPerOutboxRow: number;
  bytesMethod: string;
  outboxRowsMeasured: number;
}

async function benchPlanner(): Promise<
  Pick<
    Results,
    | 'inProcessImportRowsPerSec'
    | 'plannerRowsPerSec'
    | 'plannerRowsInserted'
    | 'replanMs'
    | 'fullReplanMs'
    | 'fullReplanAppointments'
    | 'bytesPerOutboxRow'
    | 'bytesMethod'
    | 'outboxRowsMeasured'
  >
> {
  const engine = await newEngine(tempFile('planner.db'), NOW);
  const { db } = engine;
  const csv = scheduleCsv(APPOINTMENTS);

  // Import (one run: it is the expensive setup for everything below).
  const imported = await timeAsync(async () => engine.services.importCsv({ csv, actor: 'bench' }));
  const summary = imported.value;
  if (summary.rejected.length > 0)
    throw new Error(`import rejected ${summary.rejected.length} rows, e.g. ${JSON.stringify(summary.rejected[0])}`);
  if (summary.created !== APPOINTMENTS) throw new Error(`import created ${summary.created} of ${APPOINTMENTS}`);
  const inProcessImportRowsPerSec = APPOINTMENTS / (imported.ms / 1000);

  // Bulk planning: every appointment flagged, an empty outbox. Median of RUNS.
  const planRuns: number[] = [];
  let inserted = 0;
  let pagesBefore = 0;
  for (let run = 0; run < RUNS; run += 1) {
    if (run > 0) {
      // An empty outbox again: the appointments are back to never planned (planned_start NULL).
      db.exec(`DELETE FROM outbox; UPDATE appointments SET needs_plan = 1, planned_start = NULL;`);
      db.pragma('wal_checkpoint(TRUNCATE)');
    }
    if (run === RUNS - 1) pagesBefore = outboxBytes(db).bytes;
    const r = time(() => runPlanner(db, NOW));
    inserted = r.value.enqueued;
    if (inserted !== countOutbox(db)) throw new Error(`planner reported ${inserted} rows, outbox has ${countOutbox(db)}`);
    planRuns.push(inserted / (r.ms / 1000));
  }

  // Warm re-plan with nothing changed: an index probe on the empty work list.
  const warm: number[] = [];
  for (let run = 0; run < Math.max(RUNS, 5); run += 1) {
    const r = time(() => runPlanner(db, NOW));
    if (r.value.enqueued !== 0) throw new Error('warm re-plan inserted rows');
    warm.push(r.ms);
  }

  // Full re-plan: all appointments flagged again (e.g. after a rules change); nothing new to insert.
  const flagged = db.prepare(`UPDATE appointments SET needs_plan = 1`).run().changes;
  const full = time(() => runPlanner(db, NOW));
  if (full.value.enqueued !== 0) throw new Error('full re-plan inserted rows');

  const after = outboxBytes(db);
  const rows = countOutbox(db);
  const bytes = after.method.startsWith('dbstat') ? after.bytes : after.bytes - pagesBefore;
  engine.close();
  return {
    inProcessImportRowsPerSec,
    plannerRowsPerSec: median(planRuns),
    plannerRowsInserted: inserted,
    replanMs: median(warm),
    fullReplanMs: full.ms,
    fullReplanAppointments: flagged,
    bytesPerOutboxRow: bytes / rows,
    bytesMethod: after.method,
    outboxRowsMeasured: rows,
  };
}

/** N appointments with distinct numbers whose SMS step (24 h → 2 h before) is due at NOW. */
function seedDueSms(db: WritableDB, n: number): void {
  const insertPatient = db.prepare(
    `INSERT INTO patients (id, patient_key, name, phone, email, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAppt = db.prepare(
    `INSERT INTO appointments (id, external_id, patient_id, provider, starts_at, duration_min, status, needs_plan, created_at, updated_at)
     VALUES (?, ?, ?, 'Dr. Bench', ?, 30, 'booked', 1, ?, ?)`,
  );
  db.transaction(() => {
    for (let i = 1; i <= n; i += 1) {
      const phone = usNumber(i).e164;
      insertPatient.run(i, `phone:${phone}|patient ${i}`, `Patient ${i}`, phone, null, NOW, NOW);
      // 3 h to 23 h ahead: the SMS window [start−24 h, start−2 h) is open at NOW; the email's has closed.
      const start = NOW + 3 * HOUR_MS + ((i * 7) % (20 * 60)) * MINUTE_MS;
      // Last changed 10 minutes ago: past the settle time (docs/schedule-sources.md#settle-time), so due now.
      insertAppt.run(i, `D${i}`, i, start, NOW - 10 * MINUTE_MS, NOW - 10 * MINUTE_MS);
    }
  })();
}

async function dispatchOnce(items: number, run: number): Promise<number> {
  const engine = await newEngine(tempFile(`dispatch-${items}-${run}.db`), NOW);
  seedDueSms(engine.db, items);
  runPlanner(engine.db, NOW);
  const due = (
    engine.db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending' AND not_before <= ? AND expires_at > ?`).get(NOW, NOW) as {
      n: number;
    }
  ).n;
  if (due !== items) throw new Error(`expected ${items} due SMS, found ${due}`);
  const r = await timeAsync(() => engine.services.dispatch());
  if (r.value.paused) throw new Error(`dispatch paused: ${r.value.reason}`);
  if (r.value.sent !== items) throw new Error(`dispatch sent ${r.value.sent} of ${items}: ${JSON.stringify(r.value)}`);
  engine.close();
  return items / (r.ms / 1000);
}

async function benchDispatch(): Promise<Pick<Results, 'dispatchItemsPerSec' | 'dispatchItems' | 'dispatchItemsPerSecAt2k'>> {
  const small: number[] = [];
  for (let run = 0; run < RUNS; run += 1) small.push(await dispatchOnce(SMALL_DISPATCH_ITEMS, run));
  const big: number[] = [];
  for (let run = 0; run < DISPATCH_RUNS; run += 1) big.push(await dispatchOnce(DISPATCH_ITEMS, run));
  return { dispatchItemsPerSec: median(big), dispatchItems: DISPATCH_ITEMS, dispatchItemsPerSecAt2k: median(small) };
}

function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function controlRows(control: ControlBenchResults, mark: (ok: boolean) => string): [string, string, string, string][] {
  return [
    [
      `pause during a ${fmt(control.controlImportRows)}-row import (slowest way, median)`,
      `${fmt(control.pauseDuringImportMs)} ms`,
      `≤ ${fmt(GOALS.pauseDuringImportMs.max)} ms`,
      mark(control.pauseDuringImportMs <= GOALS.pauseDuringImportMs.max),
    ],
    ['  CLI pause process, import in another process', `${fmt(control.pauseCliDuringCliImportMs)} ms`, '', ''],
    ['  web host pause, import in another process', `${fmt(control.pauseWebDuringCliImportMs)} ms`, '', ''],
    ['  web host pause, import in the web host', `${fmt(control.pauseWebDuringHostImportMs)} ms`, '', ''],
    ['  slowest single try of the 9', `${fmt(control.pauseMaxMs)} ms`, '', ''],
    [
      'status during the import (p99, worse case)',
      `${fmt(control.statusDuringImportMs, 1)} ms`,
      `≤ ${GOALS.statusDuringImportMs.max} ms`,
      mark(control.statusDuringImportMs <= GOALS.statusDuringImportMs.max),
    ],
    [
      '  import in another process / in the web host',
      `${fmt(control.statusP99DuringCliImportMs, 1)} / ${fmt(control.statusP99DuringHostImportMs, 1)} ms`,
      `${fmt(control.statusSamples)} calls`,
      '',
    ],
  ];
}

async function main(): Promise<void> {
  const started = performance.now();
  const control = ONLY === 'core' ? undefined : await benchControl(CONTROL_ROWS);
  if (ONLY === 'control') {
    const mark = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
    for (const r of controlRows(control!, mark)) console.log(`  ${r[0].padEnd(50)}  ${r[1].padStart(14)}  ${r[2].padEnd(12)}  ${r[3]}`);
    if (JSON_OUT) console.log(JSON.stringify(control));
    return;
  }
  const planner = await benchPlanner();
  const dispatch = await benchDispatch();
  const importFile = await benchImportFile();
  // bench/sources.ts: a 50,000-row XLSX through the CLI, and a 2,000-row watch-folder pick-up.
  const sources: SourceFigures = await benchSources();
  // bench/feeds.ts: 2,000 SIU messages over MLLP, one at a time; a FHIR sync of 2,000 appointments.
  const feeds: FeedFigures = await benchFeeds();
  const results: Results & Partial<ControlBenchResults> & SourceFigures & FeedFigures = {
    ...feeds,
    ...planner,
    ...dispatch,
    ...importFile,
    ...control,
    ...sources,
  };

  const pass = {
    plannerRowsPerSec: results.plannerRowsPerSec >= GOALS.plannerRowsPerSec.min,
    replanMs: results.replanMs <= GOALS.replanMs.max,
    dispatchItemsPerSec: results.dispatchItemsPerSec >= GOALS.dispatchItemsPerSec.min,
    bytesPerOutboxRow: results.bytesPerOutboxRow <= GOALS.bytesPerOutboxRow.max,
    ...(control
      ? {
          pauseDuringImportMs: control.pauseDuringImportMs <= GOALS.pauseDuringImportMs.max,
          statusDuringImportMs: control.statusDuringImportMs <= GOALS.statusDuringImportMs.max,
        }
      : {}),
    importPeakRssMb: results.importPeakRssMb < GOALS.importPeakRssMb.max,
    pickupMs: results.pickupMs < GOALS.pickupMs.max,
  };
  const mark = (ok: boolean | undefined) => (ok === undefined ? '' : ok ? 'PASS' : 'FAIL');
  const table: [string, string, string, string][] = [
    ['import (services.importCsv, 90,000 rows)', `${fmt(results.inProcessImportRowsPerSec)} rows/s`, '—', ''],
    [
      `import file (CLI, ${fmt(results.importFileRows)} rows, ${results.importFileMb} MB)`,
      `${fmt(results.importRowsPerSec)} rows/s`,
      `CPU ${results.importCpuSec} s`,
      '',
    ],
    ['import file, peak RSS', `${fmt(results.importPeakRssMb)} MB`, `< ${GOALS.importPeakRssMb.max} MB`, mark(pass.importPeakRssMb)],
    [
      `import XLSX (CLI, ${fmt(results.xlsxRows)} rows, ${results.xlsxMb} MB)`,
      `${fmt(results.xlsxRowsPerSec)} rows/s`,
      `CPU ${results.xlsxCpuSec} s`,
      '',
    ],
    ['import XLSX, peak RSS', `${fmt(results.xlsxPeakRssMb)} MB`, '—', ''],
    [
      `watch folder pick-up (${fmt(results.pickupRows)} rows, median of ${results.pickupRunsMs.length})`,
      `${fmt(results.pickupMs)} ms`,
      `< ${fmt(GOALS.pickupMs.max)} ms`,
      mark(pass.pickupMs),
    ],
    [
      'planner (bulk, median)',
      `${fmt(results.plannerRowsPerSec)} rows/s`,
      `≥ ${fmt(GOALS.plannerRowsPerSec.min)} rows/s`,
      mark(pass.plannerRowsPerSec),
    ],
    ['re-plan, warm, no changes', `${fmt(results.replanMs, 3)} ms`, `≤ ${GOALS.replanMs.max} ms`, mark(pass.replanMs)],
    [`re-plan, all ${fmt(results.fullReplanAppointments)} flagged`, `${fmt(results.fullReplanMs)} ms`, '—', ''],
    [
      `dispatcher (${fmt(results.dispatchItems)} SMS, ${DISPATCH_RUNS === 1 ? '1 run' : 'median'})`,
      `${fmt(results.dispatchItemsPerSec)} items/s`,
      `≥ ${fmt(GOALS.dispatchItemsPerSec.min)} items/s`,
      mark(pass.dispatchItemsPerSec),
    ],
    [`dispatcher (${fmt(SMALL_DISPATCH_ITEMS)} SMS, median)`, `${fmt(results.dispatchItemsPerSecAt2k)} items/s`, '(scaling check)', ''],
    [
      'outbox size',
      `${fmt(results.bytesPerOutboxRow)} bytes/row`,
      `≤ ${GOALS.bytesPerOutboxRow.max} bytes/row`,
      mark(pass.bytesPerOutboxRow),
    ],
    [`HL7 SIU over MLLP (${fmt(results.hl7Messages)} messages, one at a time)`, `${fmt(results.hl7MessagesPerSec)} msg/s`, '—', ''],
    [
      `FHIR sync (${fmt(results.fhirAppointments)} appointments, ${results.fhirPages} pages)`,
      `${fmt(results.fhirSync2000Ms)} ms`,
      `again, unchanged: ${fmt(results.fhirResync2000Ms)} ms`,
      '',
    ],
    ...(control ? controlRows(control, mark) : []),
  ];
  const widths = [0, 1, 2].map((c) => Math.max(...table.map((r) => r[c]!.length), ['measure', 'value', 'goal'][c]!.length));
  const line = (r: readonly string[]) =>
    `  ${r[0]!.padEnd(widths[0]!)}  ${r[1]!.padStart(widths[1]!)}  ${r[2]!.padEnd(widths[2]!)}  ${r[3]}`;
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  console.log(
    `Frontdesk bench — node ${process.version}, ${cpus().length} CPU(s), load average ${load} at the end, temp-file SQLite with the app's pragmas`,
  );
  console.log(line(['measure', 'value', 'goal', '']));
  for (const r of table) console.log(line(r));
  console.log(
    `  notes: ${fmt(APPOINTMENTS)} appointments → ${fmt(results.plannerRowsInserted)} outbox rows; dispatcher: ${fmt(results.dispatchItems)} due SMS to distinct numbers,` +
      ` simulate transport, all final checks on; per-minute rate limits raised to ${fmt(BENCH_LIMITS.smsPerMinute)} for the bench;` +
      ` size via ${results.bytesMethod} over ${fmt(results.outboxRowsMeasured)} pending rows. Total ${fmt((performance.now() - started) / 1000, 1)} s.`,
  );
  if (JSON_OUT) {
    console.log(
      JSON.stringify({
        ...results,
        runs: RUNS,
        dispatchRuns: DISPATCH_RUNS,
        loadAverage: loadavg(),
        cpus: cpus().length,
        appointments: APPOINTMENTS,
        rateLimitsRaised: BENCH_LIMITS,
        goals: {
          plannerRowsPerSec: GOALS.plannerRowsPerSec.min,
          replanMs: GOALS.replanMs.max,
          dispatchItemsPerSec: GOALS.dispatchItemsPerSec.min,
          bytesPerOutboxRow: GOALS.bytesPerOutboxRow.max,
          pauseDuringImportMs: GOALS.pauseDuringImportMs.max,
          statusDuringImportMs: GOALS.statusDuringImportMs.max,
          importPeakRssMb: GOALS.importPeakRssMb.max,
          pickupMs: GOALS.pickupMs.max,
        },
        pass,
      }),
    );
  }
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  })
  .finally(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
