/**
 * The schedule-file import bench: a generated 300,000-row (~63 MB) CSV imported by the real CLI
 * (`import FILE --json`) in a child process, whose peak RSS and CPU time a preload (bench/max-rss.cjs) records.
 *
 *   npm run bench                                 (part of the full bench: importPeakRssMb, importRowsPerSec)
 *   npx tsx bench/import-file.ts [--rows N] [--root DIR]   (this bench alone; --root: another checkout to compare)
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { once } from 'node:events';

export interface ImportFileFigures {
  /** Peak resident set size of the importing process, MB. Goal: below 200. */
  importPeakRssMb: number;
  /** Rows per second, wall time of the whole CLI process (start-up included). */
  importRowsPerSec: number;
  importCpuSec: number;
  importFileRows: number;
  importFileMb: number;
}

const ZONE = 'America/New_York';
const NOW = '2026-12-03T10:00:00-05:00';

/** Writes `rows` realistic appointments: quoted names with commas, emails, a free-text notes column. */
async function writeScheduleFile(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('external_id,patient_name,phone,email,starts_at,duration_min,provider,status,notes\n');
  let lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    // Distinct valid NYC numbers: exchanges 201–998 without N11 codes.
    let exchange = 201 + Math.floor(i / 10_000);
    if (exchange % 100 === 11) exchange += 1;
    const phone = `(212) ${exchange}-${String(i % 10_000).padStart(4, '0')}`;
    const day = new Date(Date.UTC(2026, 11, 6 + (i % 30))).toISOString().slice(0, 10);
    const slot = Math.floor(i / 30) % 40;
    const time = `${String(8 + Math.floor(slot / 4)).padStart(2, '0')}:${String((slot % 4) * 15).padStart(2, '0')}`;
    lines.push(
      `B${i},"Lastname${i}, Firstname",${phone},patient.${i}@example-clinic-mail.com,${day} ${time},30,Dr. Provider ${i % 7},` +
        `booked,"Routine check-up; bring insurance card and list of medications (${i})"`,
    );
    if (lines.length === 1000) {
      if (!out.write(lines.join('\n') + '\n')) await once(out, 'drain');
      lines = [];
    }
  }
  out.end(lines.length > 0 ? lines.join('\n') + '\n' : '');
  await once(out, 'finish');
}

function runCli(root: string, args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const cli = join(root, 'out', 'cli', 'frontdesk.cjs');
  const preload = join(__dirname, 'max-rss.cjs');
  const result = spawnSync(process.execPath, ['--require', preload, cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, FRONTDESK_TRANSPORT: 'simulate', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`frontdesk ${args[0]} failed (${result.status}): ${result.stderr.slice(0, 500)}`);
  return result.stdout;
}

/** Generates the file, imports it with the CLI of the checkout at `root`, and measures the child process. */
export async function benchImportFile(options: { rows?: number; root?: string } = {}): Promise<ImportFileFigures> {
  const rows = options.rows ?? 300_000;
  const root = resolve(options.root ?? join(__dirname, '..'));
  // A fresh bundle first, so the child does not spend its memory rebuilding it.
  (require(join(root, 'scripts', 'build-cli.cjs')) as { buildCli: () => string }).buildCli();
  const dir = mkdtempSync(join(tmpdir(), 'frontdesk-bench-import-'));
  try {
    const file = join(dir, 'schedule.csv');
    const db = join(dir, 'clinic.db');
    const usageFile = join(dir, 'usage.json');
    await writeScheduleFile(file, rows);
    runCli(root, ['init', '--timezone', ZONE, '--db', db, '--now', NOW]);
    const started = performance.now();
    const stdout = runCli(root, ['import', file, '--db', db, '--now', NOW, '--json'], { FRONTDESK_BENCH_USAGE: usageFile });
    const wallSec = (performance.now() - started) / 1000;
    const summary = JSON.parse(stdout) as { created: number; rejected: unknown[] };
    if (summary.created !== rows)
      throw new Error(`import created ${summary.created} of ${rows}: ${JSON.stringify(summary.rejected.slice(0, 3))}`);
    const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { maxRssKb: number; cpuMs: number };
    return {
      importPeakRssMb: Math.round(usage.maxRssKb / 1024),
      importRowsPerSec: Math.round(rows / wallSec),
      importCpuSec: Math.round(usage.cpuMs / 100) / 10,
      importFileRows: rows,
      importFileMb: Math.round(statSync(file).size / 1e5) / 10,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const value = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i < 0 ? undefined : args[i + 1];
  };
  benchImportFile({ rows: Number(value('--rows') ?? 300_000), root: value('--root') })
    .then((figures) => console.log(JSON.stringify(figures)))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    });
}
