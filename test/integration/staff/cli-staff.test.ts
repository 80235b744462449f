import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phone, scheduleCsv, setSettleMinutesInFile } from '../../helpers/engine';

const ROOT = join(__dirname, '..', '..', '..');
let dir: string;
let db: string;

function cli(args: readonly string[]) {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'frontdesk.cjs'), ...args, '--db', db], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, FRONTDESK_TRANSPORT: 'simulate' },
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
  dir = mkdtempSync(join(tmpdir(), 'frontdesk-cli-staff-'));
  db = join(dir, 'clinic.db');
  writeFileSync(
    join(dir, 'schedule.csv'),
    scheduleCsv([
      { id: 'P1', name: 'Ann', phone: phone(1), startsAt: '2026-11-28 10:00', provider: 'Dr. Patel' },
      { id: 'C1', name: 'Bob', phone: phone(2), startsAt: '2026-11-28 10:00', provider: 'Dr. Chen' },
    ]),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CLI: users and scoped pause (docs/cli.md)', () => {
  it('adds, lists and removes desk users; a PIN is never printed', () => {
    cliJson(['init', '--timezone', 'America/New_York']);
    expect(cliJson(['users', 'list'])).toEqual([]);
    const maria = cli(['users', 'add', 'Maria', '--pin', '4821', '--json']);
    expect(maria.code).toBe(0);
    expect(maria.stdout).not.toContain('4821');
    expect(JSON.parse(maria.stdout)).toEqual({ id: 1, name: 'Maria', role: 'admin', hasPin: true });
    expect(cliJson(['users', 'add', 'Ravi'])).toMatchObject({ name: 'Ravi', role: 'desk', hasPin: false });
    expect(cliJson(['users', 'add', 'Sam', '--admin'])).toMatchObject({ role: 'admin' });
    expect(cliJson<{ name: string }[]>(['users', 'list']).map((u) => u.name)).toEqual(['Maria', 'Ravi', 'Sam']);
    expect(cliJson<unknown[]>(['users', 'remove', 'Sam'])).toHaveLength(2);
    const bad = cli(['users', 'add', 'Lee', '--pin', '12']);
    expect(bad).toMatchObject({ code: 2, stderr: 'error: a PIN is 4 to 12 digits\n' });
    expect(cli(['users', 'remove', 'Nobody'])).toMatchObject({ code: 2, stderr: 'error: no desk user named "Nobody"\n' });
    // The CLI is an admin: init still changes settings once users exist.
    expect(cliJson(['init', '--timezone', 'America/Chicago'])).toMatchObject({ timezone: 'America/Chicago' });
    cliJson(['init', '--timezone', 'America/New_York']);
  });

  it('pause --provider holds that provider only; resume --provider lets it go; the kill switch is untouched', () => {
    setSettleMinutesInFile(db, 0);
    cliJson(['import', 'schedule.csv', '--now', '2026-11-27T11:00:00-05:00']);
    expect(cliJson(['pause', '--provider', 'Dr. Patel', '--reason', 'out sick'])).toMatchObject({
      paused: false,
      scope: 'provider',
      target: 'Dr. Patel',
      scopedPauses: [{ scope: 'provider', target: 'Dr. Patel', reason: 'out sick', pausedBy: 'cli' }],
    });
    expect(cliJson(['dispatch', '--now', '2026-11-27T11:00:00-05:00'])).toMatchObject({ sent: 1, paused: false });
    expect(cliJson<{ appointment: string }[]>(['contacts']).map((c) => c.appointment)).toEqual(['C1']);
    expect(cliJson(['resume', '--provider', 'dr. patel', '--now', '2026-11-27T11:02:00-05:00'])).toMatchObject({
      scopedPauses: [],
      waiting: 1,
    });
    expect(cliJson(['dispatch', '--now', '2026-11-27T11:03:00-05:00'])).toMatchObject({ sent: 1 });
    expect(cli(['pause', '--channel', 'fax'])).toMatchObject({
      code: 2,
      stderr: 'error: --channel must be email, sms or voice, got "fax"\n',
    });
    expect(cli(['pause', '--provider', 'X', '--channel', 'sms'])).toMatchObject({
      code: 2,
      stderr: 'error: give --provider or --channel, not both\n',
    });
    expect(cli(['resume', '--channel', 'sms'])).toMatchObject({ code: 2, stderr: 'error: channel sms is not paused\n' });
    expect(cliJson(['pause', '--channel', 'sms'])).toMatchObject({ scopedPauses: [{ scope: 'channel', target: 'sms' }] });
    expect(cliJson(['status'])).toMatchObject({ paused: false, scopedPauses: [{ scope: 'channel', target: 'sms' }] });
  });
});
