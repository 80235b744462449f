import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleCsv, phone } from '../helpers/engine';

const ROOT = join(__dirname, '..', '..');
let dir: string;
let db: string;

/** Runs the CLI as a user would (the built bundle via bin/frontdesk.cjs), with --db. */
function cli(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'frontdesk.cjs'), ...args, '--db', db], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, FRONTDESK_TRANSPORT: 'simulate', ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function cliJson<T = Record<string, unknown>>(args: readonly string[]): T {
  const r = cli([...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as T;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'frontdesk-cli-'));
  db = join(dir, 'clinic.db');
  writeFileSync(
    join(dir, 'schedule.csv'),
    scheduleCsv([
      { id: 'A1', name: 'Maria Lopez', phone: phone(1), email: 'maria@example.com', startsAt: '2026-11-28 10:00' },
      { id: 'A2', name: 'James Carter', phone: phone(2), startsAt: '2026-11-28 11:00' },
      { id: 'A3', name: 'Bad Number', phone: '555-12', startsAt: '2026-11-28 12:00' },
    ]),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CLI contract (docs/cli.md)', () => {
  it('walks through init, import, plan, preview, dispatch, contacts, today, confirm, pause and status', () => {
    expect(cliJson(['init', '--timezone', 'America/New_York', '--name', 'Riverside Clinic'])).toMatchObject({
      timezone: 'America/New_York',
    });

    const imported = cliJson(['import', 'schedule.csv', '--now', '2026-11-26T07:00:00-05:00']);
    expect(imported).toMatchObject({
      created: 2,
      updated: 0,
      unchanged: 0,
      rejected: [{ row: 4, reason: expect.stringMatching(/555-12/) }],
    });
    expect(cliJson(['import', 'schedule.csv', '--now', '2026-11-26T07:00:00-05:00'])).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 2,
    });

    expect(cliJson(['plan', '--now', '2026-11-26T07:00:00-05:00'])).toEqual({ enqueued: 6, existing: 0, cancelled: 0 });
    expect(cliJson(['plan', '--now', '2026-11-26T07:00:00-05:00'])).toEqual({ enqueued: 0, existing: 6, cancelled: 0 });

    const preview = cliJson<{ appointment: string; channel: string; to: string; at: string; outcome: string }[]>([
      'preview',
      '--hours',
      '26',
      '--now',
      '2026-11-26T07:00:00-05:00',
    ]);
    expect(preview.map((p) => [p.appointment, p.channel, p.at])).toEqual([['A1', 'email', '2026-11-26T10:00:00-05:00']]);

    expect(cliJson(['dispatch', '--now', '2026-11-26T10:00:00-05:00'])).toMatchObject({
      sent: 1,
      deferred: 0,
      expired: 0,
      suppressed: 0,
      failed: 0,
      paused: false,
    });
    const contacts = cliJson<unknown[]>(['contacts']);
    expect(contacts).toEqual([
      {
        appointment: 'A1',
        channel: 'email',
        to: 'maria@example.com',
        at: '2026-11-26T10:00:00-05:00',
        outcome: 'simulated',
        rule: 'email-48h',
        providerId: expect.any(String),
        detail: null,
      },
    ]);

    const today = cliJson<{ appointment: string; patient: string; startsAt: string; status: string; contacts: unknown[] }[]>([
      'today',
      '--date',
      '2026-11-28',
      '--now',
      '2026-11-26T10:00:00-05:00',
    ]);
    expect(today.map((a) => [a.appointment, a.patient, a.startsAt, a.status])).toEqual([
      ['A1', 'Maria Lopez', '2026-11-28T10:00:00-05:00', 'booked'],
      ['A2', 'James Carter', '2026-11-28T11:00:00-05:00', 'booked'],
    ]);
    expect(today[0]!.contacts).toHaveLength(3);

    expect(cliJson(['confirm', 'A1', '--now', '2026-11-26T11:00:00-05:00'])).toMatchObject({
      appointment: 'A1',
      status: 'confirmed',
      remindersCancelled: 2,
    });
    expect(cliJson(['pause', '--reason', 'lunch'])).toMatchObject({ paused: true, reason: 'lunch' });
    expect(cliJson(['dispatch', '--now', '2026-11-27T11:00:00-05:00'])).toMatchObject({ sent: 0, paused: true });
    expect(cliJson(['status'])).toMatchObject({ paused: true, reason: 'lunch', outbox: { sent: 1, cancelled: 2 } });
    expect(cliJson(['resume'])).toMatchObject({ paused: false });
    expect(cliJson(['dispatch', '--now', '2026-11-27T11:00:00-05:00'])).toMatchObject({ sent: 1, paused: false });
    expect(cliJson(['cancel', 'A2', '--now', '2026-11-27T12:00:00-05:00'])).toMatchObject({ status: 'cancelled', remindersCancelled: 1 });
  });

  it('rejects bad input with a one-line error and a non-zero exit code, writing nothing', () => {
    const cases: [string[], RegExp][] = [
      [['frobnicate'], /unknown command "frobnicate"/],
      [['init', '--timezone', 'Mars/Olympus'], /unknown time zone "Mars\/Olympus"/],
      [['import', 'missing.csv'], /cannot read missing.csv: ENOENT/],
      [['confirm', 'NOPE'], /no appointment with id "NOPE"/],
      [['today', '--date', '28/11/2026'], /--date must be YYYY-MM-DD/],
      [['preview', '--hours', 'lots'], /--hours must be a number/],
      [['status', '--now', 'yesterday'], /--now must be an ISO 8601 instant/],
      [['status', '--bogus'], /Unknown option '--bogus'/],
    ];
    for (const [args, message] of cases) {
      const r = cli(args);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
    const headerOnly = join(dir, 'no-columns.csv');
    writeFileSync(headerOnly, 'name,when\nX,2026-11-28 10:00\n');
    const r = cli(['import', headerOnly]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/external_id/);
  });
});

describe('two senders on one file', () => {
  it('two CLI dispatch processes started together never send the same reminder twice', async () => {
    const { spawn } = await import('node:child_process');
    const Database = (await import('better-sqlite3')).default;
    const file = join(dir, 'two-senders.db');
    const rows = Array.from({ length: 150 }, (_, i) => ({
      id: `T${i}`,
      name: `Patient ${i}`,
      email: `p${i}@example.com`,
      startsAt: '2026-11-28 10:00',
    }));
    writeFileSync(join(dir, 'many.csv'), scheduleCsv(rows));
    const run = (args: string[]) =>
      spawnSync(process.execPath, [join(ROOT, 'bin', 'frontdesk.cjs'), ...args, '--db', file], { cwd: dir, encoding: 'utf8' });
    expect(run(['init', '--timezone', 'America/New_York']).status).toBe(0);
    expect(run(['import', 'many.csv', '--now', '2026-11-26T07:00:00-05:00']).status).toBe(0);
    const start = () =>
      new Promise<number | null>((resolve) => {
        const child = spawn(
          process.execPath,
          [join(ROOT, 'bin', 'frontdesk.cjs'), 'dispatch', '--db', file, '--now', '2026-11-26T10:00:00-05:00', '--json'],
          { cwd: dir },
        );
        child.on('exit', (code) => resolve(code));
      });
    const codes = await Promise.all([start(), start(), start()]);
    expect(codes).toEqual([0, 0, 0]);
    const db = new Database(file, { readonly: true });
    try {
      const dupes = db.prepare(`SELECT outbox_id, COUNT(*) AS n FROM simulated_messages GROUP BY outbox_id HAVING n > 1`).all();
      expect(dupes).toEqual([]);
      const sent = db.prepare(`SELECT COUNT(*) AS n FROM contacts`).get() as { n: number };
      // Whichever process held the lease sent; a late one found nothing left or was refused the lease.
      expect(sent.n).toBeLessThanOrEqual(150);
      expect(sent.n).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });
});
