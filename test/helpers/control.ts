import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** Helpers for the kill-switch-under-load tests (docs/control.md). */

export const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'frontdesk.cjs');

export interface CliRun {
  readonly child: ChildProcess;
  /** Exit code, stdout and stderr once the process ends. */
  readonly done: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** Starts the CLI as a user would (bin/frontdesk.cjs), with --db. */
export function startCli(args: readonly string[], db: string, env: NodeJS.ProcessEnv = {}): CliRun {
  const child = spawn(process.execPath, [CLI, ...args, '--db', db], {
    cwd: ROOT,
    env: { ...process.env, FRONTDESK_TRANSPORT: 'simulate', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { child, done };
}

/** A valid, distinct US number per index (212, exchanges 201–989, never N11). */
function usNumber(i: number): string {
  let exchange = 201 + Math.floor(i / 10_000);
  if (exchange % 100 === 11) exchange += 1;
  return `(212) ${exchange}-${String(i % 10_000).padStart(4, '0')}`;
}

/** Writes a schedule CSV of `rows` appointments in June 2027 (clinic time): big enough to keep an import busy. */
export function writeBigSchedule(file: string, rows: number, prefix = 'BIG'): string {
  const lines = ['external_id,patient_name,phone,email,starts_at,duration_min,provider,status'];
  for (let i = 0; i < rows; i += 1) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const slot = Math.floor(i / 28) % 36;
    const hour = String(8 + Math.floor(slot / 4)).padStart(2, '0');
    const minute = String((slot % 4) * 15).padStart(2, '0');
    lines.push(`${prefix}${i},Patient ${i},${usNumber(i)},p${i}@example.com,2027-06-${day} ${hour}:${minute},30,Dr. ${i % 7},booked`);
  }
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** Does some connection hold the schedule's write lock right now? (Tries to take it without waiting.) */
export function writeLockHeld(file: string): boolean {
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 0');
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
    return false;
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) return true;
    throw error;
  } finally {
    db.close();
  }
}

/** Polls `condition` every 20 ms until it holds; fails after `timeoutMs`. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function countAppointments(file: string, prefix: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM appointments WHERE external_id LIKE ?`).get(`${prefix}%`) as { n: number }).n;
  } finally {
    db.close();
  }
}
