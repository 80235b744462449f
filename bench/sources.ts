/**
 * Schedule-source benches (docs/schedule-sources.md), run by `npm run bench` or alone:
 *
 *   npx tsx bench/sources.ts [--xlsx-rows N] [--pickup-rows N]
 *
 *   import XLSX       the CLI's `import FILE` of a generated 50,000-row Excel workbook (dates and times as Excel
 *                    serials, shared strings) in a child process: rows per second and peak RSS (bench/max-rss.cjs)
 *   watch pick-up    a 2,000-row daily export (Dentrix-style: US dates, AM/PM times, no id column) renamed into
 *                    a watched folder of a running engine (worker thread, fs.watch): time from the rename to the
 *                    file's appointments being in the schedule and the file moved to processed/. Goal: < 2 s.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createEngine } from '../electron/core/compose';
import { ManualClock } from '../electron/core/platform/clock';
import { excelDate, excelTime, writeXlsx, type XlsxCell } from '../test/helpers/xlsx-writer';

export interface SourceFigures {
  xlsxRows: number;
  xlsxMb: number;
  xlsxRowsPerSec: number;
  xlsxPeakRssMb: number;
  xlsxCpuSec: number;
  pickupRows: number;
  /** Median of the runs, ms from the file's arrival to its import committed and the file moved. */
  pickupMs: number;
  pickupRunsMs: number[];
}

const ZONE = 'America/New_York';
const NOW = '2027-12-01T09:00:00-05:00';

function phone(i: number): string {
  let exchange = 201 + Math.floor(i / 10_000);
  if (exchange % 100 === 11) exchange += 1;
  return `(212) ${exchange}-${String(i % 10_000).padStart(4, '0')}`;
}

/** An Open Dental-like workbook: one row per appointment over 30 days, 08:00–17:45. */
function workbook(rows: number): Buffer {
  const header: XlsxCell[] = [
    'AptNum',
    'PatNum',
    'LName',
    'FName',
    'Appt Date',
    'Appt Time',
    'ProvAbbr',
    'AptStatus',
    'WirelessPhone',
    'Email',
    'Note',
  ];
  const data: XlsxCell[][] = [header];
  for (let i = 0; i < rows; i++) {
    const slot = Math.floor(i / 30) % 40;
    data.push([
      10_000 + i,
      50_000 + i,
      `Lastname${i}`,
      `First${i % 97}`,
      excelDate(2027, 12, 1 + (i % 30)),
      excelTime(8 + Math.floor(slot / 4), (slot % 4) * 15),
      `DOC${i % 7}`,
      i % 10 === 0 ? 'Complete' : 'Scheduled',
      phone(i),
      `patient.${i}@example-clinic-mail.com`,
      `Routine visit ${i}`,
    ]);
  }
  return writeXlsx([{ name: 'Appointments', rows: data }]);
}

function runCli(root: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): string {
  const cli = join(root, 'out', 'cli', 'frontdesk.cjs');
  const result = spawnSync(process.execPath, ['--require', join(__dirname, 'max-rss.cjs'), cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, FRONTDESK_TRANSPORT: 'simulate', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`frontdesk ${args[0]} failed (${result.status}): ${result.stderr.slice(0, 500)}`);
  return result.stdout;
}

async function benchXlsx(
  rows: number,
  dir: string,
): Promise<Pick<SourceFigures, 'xlsxRows' | 'xlsxMb' | 'xlsxRowsPerSec' | 'xlsxPeakRssMb' | 'xlsxCpuSec'>> {
  const root = join(__dirname, '..');
  (require(join(root, 'scripts', 'build-cli.cjs')) as { buildCli: () => string }).buildCli();
  const file = join(dir, 'export.xlsx');
  writeFileSync(file, workbook(rows));
  const db = join(dir, 'xlsx.db');
  const usage = join(dir, 'usage.json');
  runCli(root, ['init', '--timezone', ZONE, '--db', db, '--now', NOW]);
  const started = performance.now();
  const out = JSON.parse(runCli(root, ['import', file, '--db', db, '--now', NOW, '--json'], { FRONTDESK_BENCH_USAGE: usage })) as {
    created: number;
    kind: string;
    rejected: unknown[];
  };
  const wallSec = (performance.now() - started) / 1000;
  if (out.kind !== 'xlsx' || out.created !== rows)
    throw new Error(`XLSX import created ${out.created} of ${rows}: ${JSON.stringify(out.rejected.slice(0, 3))}`);
  const measured = JSON.parse(readFileSync(usage, 'utf8')) as { maxRssKb: number; cpuMs: number };
  return {
    xlsxRows: rows,
    xlsxMb: Math.round(statSync(file).size / 1e5) / 10,
    xlsxRowsPerSec: Math.round(rows / wallSec),
    xlsxPeakRssMb: Math.round(measured.maxRssKb / 1024),
    xlsxCpuSec: Math.round(measured.cpuMs / 100) / 10,
  };
}

/** A Dentrix-style daily export: no id column, US dates, AM/PM times, "Last, First" names. */
function dailyExport(rows: number, run: number): string {
  const lines = ['Appt Date,Appt Time,Patient Name,Chart #,Provider,Cell Phone,Appt Length,Status'];
  for (let i = 0; i < rows; i++) {
    const minutes = 8 * 60 + (i % 40) * 15;
    const hour12 = ((Math.floor(minutes / 60) + 11) % 12) + 1;
    const time = `${hour12}:${String(minutes % 60).padStart(2, '0')} ${minutes >= 720 ? 'PM' : 'AM'}`;
    lines.push(
      `12/${String(2 + (i % 20)).padStart(2, '0')}/2027,${time},"Last${run}x${i}, First",CH${i},Dr. ${i % 5},${phone(i)},30 min,Scheduled`,
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error('timed out waiting for the watch-folder pick-up');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function benchPickup(rows: number, dir: string, runs = 3): Promise<Pick<SourceFigures, 'pickupRows' | 'pickupMs' | 'pickupRunsMs'>> {
  const folder = join(dir, 'exports');
  mkdirSync(folder);
  const clock = new ManualClock(Date.parse(NOW));
  const engine = createEngine({ dbFile: join(dir, 'watch.db'), clock, backgroundWorker: true, watchSources: true, sleep: async () => {} });
  const runsMs: number[] = [];
  try {
    await engine.services.updateSettings({ settings: { timezone: ZONE }, actor: 'bench' });
    engine.services.addFolderSource({ dir: folder, fullExport: false, profile: null, actor: 'bench' });
    await engine.jobs.start();
    const count = () => engine.db.prepare(`SELECT COUNT(*) FROM appointments`).pluck().get() as number;
    for (let run = 0; run < runs; run++) {
      const staging = join(dir, `staging-${run}.csv`);
      writeFileSync(staging, dailyExport(rows, run));
      const target = join(folder, `daily-${run}.csv`);
      const before = count();
      // Renamed into place, the way practice systems finish an export: complete when it appears.
      const old = new Date(Date.now() - 60_000);
      require('node:fs').utimesSync(staging, old, old);
      const started = performance.now();
      renameSync(staging, target);
      await waitFor(() => count() === before + rows && !existsSync(target), 30_000);
      runsMs.push(Math.round(performance.now() - started));
    }
  } finally {
    await engine.jobs.stop();
    engine.close();
  }
  const sorted = [...runsMs].sort((a, b) => a - b);
  return { pickupRows: rows, pickupMs: sorted[Math.floor(sorted.length / 2)]!, pickupRunsMs: runsMs };
}

export async function benchSources(options: { xlsxRows?: number; pickupRows?: number } = {}): Promise<SourceFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'frontdesk-bench-sources-'));
  try {
    const xlsx = await benchXlsx(options.xlsxRows ?? 50_000, dir);
    const pickup = await benchPickup(options.pickupRows ?? 2_000, dir);
    return { ...xlsx, ...pickup };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const value = (name: string): number | undefined => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : undefined);
  benchSources({ xlsxRows: value('--xlsx-rows'), pickupRows: value('--pickup-rows') })
    .then((figures) => console.log(JSON.stringify(figures)))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exitCode = 1;
    });
}
